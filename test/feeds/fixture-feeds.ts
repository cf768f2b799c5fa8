// Builders for the feeds and article pages the fixture servers serve (tests and the ingest
// benchmark): plain RSS 2.0 and a news-like HTML page with navigation, article and footer.

export interface FixtureEntry {
  guid: string;
  title: string;
  link: string;
  /** Full body (content:encoded). */
  content?: string;
  /** Summary (description). */
  description?: string;
  pubDate?: string;
  author?: string;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function rssFeed(title: string, entries: FixtureEntry[]): string {
  const items = entries
    .map(
      (e) => `<item>
  <title>${escapeXml(e.title)}</title>
  <link>${escapeXml(e.link)}</link>
  <guid isPermaLink="false">${escapeXml(e.guid)}</guid>
  ${e.pubDate ? `<pubDate>${e.pubDate}</pubDate>` : ''}
  ${e.author ? `<dc:creator>${escapeXml(e.author)}</dc:creator>` : ''}
  ${e.description ? `<description>${escapeXml(e.description)}</description>` : ''}
  ${e.content ? `<content:encoded><![CDATA[${e.content}]]></content:encoded>` : ''}
</item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>${escapeXml(title)}</title><link>https://example.invalid/</link><description>fixture</description>
${items}
</channel></rss>`;
}

/** A news article page of about 400 words whose body mentions `phrase` in every paragraph. */
export function articlePage(title: string, phrase: string, seed = 0): string {
  const sentences = [
    'Officials said the work had been planned for several years and would be paid for from the regional budget.',
    'Residents who spoke at the public meeting raised concerns about noise, traffic and the closure of the footpath.',
    'The contractor expects the first phase to be finished before the autumn storms arrive on the coast.',
    'A spokesperson for the harbour authority declined to say how much the project had cost so far.',
    'Local businesses welcomed the decision, saying that visitors had stayed away while the question was open.',
  ];
  const paragraphs = Array.from({ length: 7 }, (_, i) => {
    const a = sentences[(i + seed) % sentences.length]!;
    const b = sentences[(i + seed + 2) % sentences.length]!;
    return `<p>Paragraph ${i + 1} on ${phrase} (${seed}). ${a} ${b}</p>`;
  }).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title} | Fixture News</title>
<meta property="og:title" content="${title}">
<meta property="article:published_time" content="2025-03-0${(seed % 9) + 1}T08:00:00Z">
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav></header>
<main><article><h1>${title}</h1><p class="byline">By Staff Reporter</p>
${paragraphs}
</article></main>
<aside><h2>Most read</h2><ul><li><a href="/x">Something else entirely</a></li></ul></aside>
<footer>© Fixture News. All rights reserved.</footer>
</body></html>`;
}
