// The saved-HTML-page extractor: one page of HTML in, its main article (clean paragraphs,
// sanitised HTML, metadata) and the related links it listed out. Main content by Mozilla
// Readability on linkedom; then our clean-up of page furniture. Pure: no clock, network or I/O.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { ExtractedArticle, ExtractedPage } from '../model/index.ts';
import { parseDateline, readPageMetadata, stripBylinePrefix } from './metadata.ts';
import { detectLanguage } from './language.ts';
import { sanitizeArticleHtml } from './sanitize.ts';
import { blockParagraphs } from './html-text.ts';
import { dropClutter } from './html-clutter.ts';
import { findRelatedLinks } from './html-links.ts';
import { stripInert } from './html-prune.ts';
import { narrowToProse, pruneContent, pruneDocument, removeBlocksWithText } from './html-boilerplate.ts';
import { siteHost } from './site-host.ts';

export interface ExtractHtmlOptions {
  /** Where the page came from; resolves relative links. */
  url?: string | null;
  /** The time the page was saved: places a dateline that gives no year ("SEOUL, Aug. 12 —"). */
  referenceTime: Date;
}

/** Whether the markup ends before the document does (a save cut off mid-page): no </html> and no </body>. */
function looksTruncated(html: string): boolean {
  return !/<\/html\s*>/i.test(html) && !/<\/body\s*>/i.test(html);
}

/** What the main content's finder returns: Readability's fields that the extractor reads. */
interface ArticleContent {
  content: Node;
  title: string | null | undefined;
  byline: string | null | undefined;
  siteName: string | null | undefined;
  excerpt: string | null | undefined;
}

function readArticle(document: Document): ArticleContent | null {
  const parsed = new Readability<Node>(document, {
    serializer: (node) => node,
    // pruneContent reads class names; the sanitiser drops them from the stored HTML anyway.
    keepClasses: true,
    // Below 500 characters Readability starts over with fewer cleaning steps (up to three times); a
    // short page is common on the web and the pruned page rarely needs the retry.
    charThreshold: 250,
    // The page's JSON-LD was taken out before parsing and is read by readPageMetadata.
    disableJSONLD: true,
  }).parse();
  return parsed?.content ? { ...parsed, content: parsed.content } : null;
}

/** The prose block in the shape of Readability's result; the page's metadata supplies the rest. */
function ownBlock(block: Element, pageTitle: string): ArticleContent {
  return { content: block, title: pageTitle.trim() || null, byline: null, siteName: null, excerpt: null };
}

/**
 * Parses a page the way a browser shows it. Markup that opens with stray tags before <html>, or
 * repeats <html>, leaves linkedom an empty body (browsers recover); such a page is parsed again
 * with its html and body tags dropped and the whole of it wrapped in one body.
 */
function parseDocument(html: string): { document: Document } {
  const parsed = parseHTML(html);
  const root = parsed.document.documentElement;
  const body = parsed.document.body;
  if (root?.tagName.toUpperCase() === 'HTML' && body && (body.firstElementChild || html.length < 2000)) return parsed;
  return parseHTML(`<!DOCTYPE html><html><body>${html.replace(/<\/?(?:html|body)\b[^>]*>/gi, '')}</body></html>`);
}

/** Collapses the blank lines left where blocks were removed (not inside <pre>, where they matter). */
function tidyHtml(html: string): string {
  // Blocks emptied by pruning or sanitising (a figure whose image had no usable URL) go too.
  const compact = html.replace(/<(figure|p|div|li|ul|ol|blockquote)>\s*<\/\1>/g, '');
  return /<pre[\s>]/i.test(compact)
    ? compact.trim()
    : compact
        .replace(/\n\s*\n+/g, '\n')
        .replace(/^\s+/gm, '')
        .trim();
}

/** A paragraph of running text rather than a label: several words ending like a sentence, or many words. */
function isSentence(paragraph: string): boolean {
  const words = paragraph.split(/\s+/).length;
  return words >= 15 || (words >= 5 && /[.!?…:;"”»)]$/.test(paragraph)) || /[\u3040-\u30ff\u3400-\u9fff]{20}/.test(paragraph);
}

/** Structured-data texts (plain or holding markup) as paragraphs and sanitised HTML. */
function dataParagraphs(texts: string[], baseUrl: string | null): { paragraphs: string[]; html: string } {
  if (texts.length === 0) return { paragraphs: [], html: '' };
  // Plain text keeps its line breaks as paragraphs; markup is read as markup.
  const markup = texts
    .map((t) =>
      /<\/?[a-z][^>]*>/i.test(t)
        ? t
        : t
            .split(/\n\s*\n|\n/)
            .map((line) => `<p>${escapeText(line)}</p>`)
            .join(''),
    )
    .join('');
  const { document } = parseHTML(`<!DOCTYPE html><html><body>${markup}</body></html>`);
  return { paragraphs: blockParagraphs(document.body), html: tidyHtml(sanitizeArticleHtml(document.body.innerHTML ?? '', baseUrl)) };
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Extracts the main article of an HTML page. Throws when the page holds no readable article. */
export function extractHtml(html: string, options: ExtractHtmlOptions): ExtractedPage {
  try {
    return extract(html, options);
  } catch (error) {
    // The DOM and Readability recurse over the tree; markup nested absurdly deep overflows the stack.
    if (error instanceof RangeError) throw new Error(`extractHtml: the page${options.url ? ` ${options.url}` : ''} nests its markup too deeply to read`);
    throw error;
  }
}

function extract(html: string, options: ExtractHtmlOptions): ExtractedPage {
  if (typeof html !== 'string' || !html.trim()) throw new Error('extractHtml: the page is empty');
  const baseUrl = options.url ?? null;
  const warnings: string[] = [];
  if (looksTruncated(html)) warnings.push('page is truncated: no closing </html>; extracted what was there');

  const lean = stripInert(html);
  const { document } = parseDocument(lean.html);
  const metadata = readPageMetadata(document, baseUrl, lean.jsonLd);
  const links = findRelatedLinks(document, metadata.canonicalUrl ?? baseUrl);
  pruneDocument(document);
  const block = narrowToProse(document);

  // A block whose own paragraphs carry the page's prose is the article: Readability's scoring
  // (the dominant cost) would pick the same. Otherwise Readability decides; when our pruning
  // leaves it nothing to find, it gets the page as it was.
  const parsed = block ? ownBlock(block, document.title ?? '') : (readArticle(document) ?? readArticle(parseDocument(lean.html).document));
  const content = parsed?.content;
  if (!parsed || !content) throw new Error(`extractHtml: no article found in the page${baseUrl ? ` ${baseUrl}` : ''}`);

  const pageTitle = metadata.title ?? parsed.title ?? null;
  pruneContent(content as Element, pageTitle);
  const { kept, removed } = dropClutter(blockParagraphs(content), {
    title: pageTitle,
    byline: metadata.author ?? parsed.byline ?? null,
    urls: [baseUrl, metadata.canonicalUrl].filter((u): u is string => !!u),
  });
  // A page drawn by script shows no text in its markup; its structured data may still state it.
  let dataHtml: string | null = null;
  if (!kept.some(isSentence)) {
    const data = dataParagraphs(metadata.dataText, metadata.canonicalUrl ?? baseUrl);
    if (data.paragraphs.some(isSentence)) {
      removed.push(...kept.splice(0, kept.length, ...data.paragraphs));
      dataHtml = data.html;
      warnings.push("main text taken from the page's structured data (JSON-LD): its markup shows none");
    }
  }
  if (kept.length === 0) throw new Error(`extractHtml: no article text in the page${baseUrl ? ` ${baseUrl}` : ''}`);
  // A listing, a login wall or a section front leaves only labels and links: say so, keep no menu text.
  const onlyLabels = !kept.some(isSentence);
  if (onlyLabels) {
    warnings.push(`no main text: the page holds only labels and links (${kept.length} short lines, no sentence), as a listing, a login wall or a section front does`);
    removed.push(...kept.splice(0));
  }
  const text = kept.join('\n\n');
  removeBlocksWithText(content as Element, removed);

  // Without a date in the metadata, a wire dateline opening the story is the page's own statement.
  const dateline = metadata.publishedAt || onlyLabels ? null : parseDateline(kept[0]!, options.referenceTime);
  const publishedAt = metadata.publishedAt ?? dateline?.date ?? null;

  const title = metadata.title ?? parsed.title?.trim() ?? '';
  if (!title) warnings.push('page states no title');
  const base = metadata.canonicalUrl ?? baseUrl;
  const main: ExtractedArticle = {
    title: title || (kept[0] ?? '').slice(0, 120),
    text,
    html: dataHtml ?? (onlyLabels ? '' : tidyHtml(sanitizeArticleHtml((content as Element).innerHTML ?? '', base))),
    // A page naming no publisher is still from a site: its host stands in (never an unknown source).
    sourceName: metadata.sourceName ?? parsed.siteName ?? siteHost(metadata.canonicalUrl ?? baseUrl),
    byline: metadata.author ?? (parsed.byline ? stripBylinePrefix(parsed.byline) : null),
    publishedAt,
    timeBasis: publishedAt ? 'page' : 'unknown',
    publishedText: metadata.publishedText ?? dateline?.text ?? null,
    language: metadata.language ?? detectLanguage(text),
    url: baseUrl,
    canonicalUrl: metadata.canonicalUrl,
    excerpt: metadata.description ?? (parsed.excerpt ? parsed.excerpt.trim() : null),
    imageUrl: metadata.imageUrl,
    role: 'main',
  };
  return { kind: 'html', main, related: [], links, removedLines: removed, warnings };
}
