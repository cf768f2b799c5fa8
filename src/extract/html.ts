// The saved-HTML-page extractor: one page of HTML in, its main article (clean paragraphs,
// sanitised HTML, metadata) and the related links it listed out. Main content by Mozilla
// Readability on linkedom; then our clean-up of page furniture. Pure: no clock, network or I/O.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { franc } from 'franc-min';
import type { ExtractedArticle, ExtractedPage } from '../model/index.ts';
import { readPageMetadata } from './metadata.ts';
import { sanitizeArticleHtml } from './sanitize.ts';
import { blockParagraphs } from './html-text.ts';
import { dropClutter } from './html-clutter.ts';
import { findRelatedLinks } from './html-links.ts';
import { stripInert } from './html-prune.ts';
import { pruneContent, pruneDocument } from './html-boilerplate.ts';

export interface ExtractHtmlOptions {
  /** Where the page came from; resolves relative links. */
  url?: string | null;
  /** The time the extraction is "as of"; kept for parity with the other extractors. */
  referenceTime: Date;
}

// franc-min speaks ISO 639-3; the model stores ISO 639-1. Only the languages franc-min knows.
const ISO3_TO_1: Record<string, string> = {
  eng: 'en', spa: 'es', fra: 'fr', deu: 'de', por: 'pt', ita: 'it', nld: 'nl', rus: 'ru', ukr: 'uk',
  pol: 'pl', ces: 'cs', slk: 'sk', ron: 'ro', hun: 'hu', swe: 'sv', dan: 'da', nob: 'no', fin: 'fi',
  tur: 'tr', arb: 'ar', pes: 'fa', heb: 'he', hin: 'hi', ben: 'bn', urd: 'ur', cmn: 'zh', jpn: 'ja',
  kor: 'ko', vie: 'vi', ind: 'id', zlm: 'ms', tha: 'th', ell: 'el', bul: 'bg', srp: 'sr', hrv: 'hr',
  tam: 'ta', tel: 'te', mar: 'mr', guj: 'gu', kan: 'kn', mal: 'ml', pan: 'pa', swh: 'sw', tgl: 'tl',
  azj: 'az', uzn: 'uz', kaz: 'kk', bel: 'be', cat: 'ca', amh: 'am', hau: 'ha', yor: 'yo', ibo: 'ig',
};

function guessLanguage(text: string): string | null {
  const code = franc(text.slice(0, 4000), { minLength: 40 });
  return ISO3_TO_1[code] ?? null;
}

/** Whether the markup ends before the document does (a save cut off mid-page). */
function looksTruncated(html: string): boolean {
  return !/<\/html\s*>/i.test(html);
}

/** Extracts the main article of an HTML page. Throws when the page holds no readable article. */
export function extractHtml(html: string, options: ExtractHtmlOptions): ExtractedPage {
  if (typeof html !== 'string' || !html.trim()) throw new Error('extractHtml: the page is empty');
  const baseUrl = options.url ?? null;
  const warnings: string[] = [];
  if (looksTruncated(html)) warnings.push('page is truncated: no closing </html>; extracted what was there');

  const { document } = parseHTML(stripInert(html));
  const metadata = readPageMetadata(document, baseUrl);
  const links = findRelatedLinks(document, metadata.canonicalUrl ?? baseUrl);
  pruneDocument(document);

  const parsed = new Readability<Node>(document as unknown as Document, { serializer: (node) => node }).parse();
  const content = parsed?.content;
  if (!parsed || !content) throw new Error(`extractHtml: no article found in the page${baseUrl ? ` ${baseUrl}` : ''}`);

  const pageTitle = metadata.title ?? parsed.title ?? null;
  pruneContent(content as Element, pageTitle);
  const { kept, removed } = dropClutter(blockParagraphs(content), {
    title: pageTitle,
    urls: [baseUrl, metadata.canonicalUrl].filter((u): u is string => !!u),
  });
  if (kept.length === 0) throw new Error(`extractHtml: the page${baseUrl ? ` ${baseUrl}` : ''} has no article text`);
  const text = kept.join('\n\n');

  const title = metadata.title ?? parsed.title?.trim() ?? '';
  if (!title) warnings.push('page states no title');
  const base = metadata.canonicalUrl ?? baseUrl;
  const main: ExtractedArticle = {
    title: title || kept[0].slice(0, 120),
    text,
    html: sanitizeArticleHtml((content as Element).innerHTML ?? '', base),
    sourceName: metadata.sourceName ?? parsed.siteName ?? null,
    byline: metadata.author ?? (parsed.byline ? parsed.byline.trim() : null),
    publishedAt: metadata.publishedAt,
    timeBasis: metadata.publishedAt ? 'page' : 'unknown',
    publishedText: metadata.publishedText,
    language: metadata.language ?? guessLanguage(text),
    url: baseUrl,
    canonicalUrl: metadata.canonicalUrl,
    excerpt: metadata.description ?? (parsed.excerpt ? parsed.excerpt.trim() : null),
    imageUrl: metadata.imageUrl,
    role: 'main',
  };
  return { kind: 'html', main, related: [], links, removedLines: removed, warnings };
}
