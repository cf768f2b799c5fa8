// A reader's highlights as one Markdown document: per article (newest first) its title, link and
// source, then each highlight as a quote with its note below. Quotes and notes are the reader's
// and the publisher's text: characters Markdown would read as markup are escaped.
export interface ExportedHighlight {
  articleId: number;
  articleTitle: string;
  articleUrl: string | null;
  sourceName: string | null;
  quote: string;
  note: string | null;
  createdAt: Date;
}

const escapeMarkdown = (s: string) => s.replace(/([\\`*_{}[\]()#+\-.!|<>~])/g, '\\$1');

export function highlightsMarkdown(highlights: ExportedHighlight[], siteUrl: string, title = 'Highlights'): string {
  const byArticle = new Map<number, ExportedHighlight[]>();
  for (const h of highlights) byArticle.set(h.articleId, [...(byArticle.get(h.articleId) ?? []), h]);
  const out = [`# ${escapeMarkdown(title)}`, ''];
  for (const [articleId, items] of byArticle) {
    const first = items[0]!;
    out.push(`## [${escapeMarkdown(first.articleTitle)}](${siteUrl}/articles/${articleId})`, '');
    const meta = [first.sourceName ? escapeMarkdown(first.sourceName) : null, first.articleUrl ? `<${first.articleUrl.replace(/[<>\s]/g, encodeURIComponent)}>` : null].filter(Boolean);
    if (meta.length) out.push(meta.join(' · '), '');
    for (const h of items) {
      out.push(`> ${escapeMarkdown(h.quote)}`, '');
      if (h.note) out.push(...h.note.split('\n').map((line) => line), '');
      out.push(`*${h.createdAt.toISOString().slice(0, 10)}*`, '');
    }
  }
  return out.join('\n');
}
