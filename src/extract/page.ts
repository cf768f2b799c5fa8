// One saved page (bytes from a file or a fetch) → its articles: decodes the bytes, tells HTML
// from a text dump, and hands each to its extractor. Pure: the caller reads the file and passes
// its modification time and the --as-of time.
import type { ExtractedPage } from '../model/index.ts';
import { decodePage } from './decode.ts';
import { parsePageDump } from './dump.ts';
import { extractHtml } from './html.ts';
import { PageError } from './errors.ts';
import type { SiteProfile } from './dump-structure.ts';

export interface PageExtractionInput {
  bytes: Uint8Array;
  /** File path or URL; decides HTML or dump by its extension when it has one. */
  location: string;
  /** The file's modification time: the reference time of last resort. */
  modifiedAt: Date;
  /** The time the page was saved, when the user states it (--as-of). */
  asOf: Date | null;
  url?: string | null;
  contentType?: string;
  siteProfile?: SiteProfile;
  maxBytes?: number;
}

/**
 * Whether the text is an HTML document rather than a text dump: a document that opens as HTML
 * is HTML whatever its name; otherwise the name or Content-Type decides, then the first bytes.
 */
export function looksLikeHtml(text: string, location: string, contentType?: string): boolean {
  const head = text
    .slice(0, 2048)
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (/^<(?:!doctype\s+html|html[\s>])/i.test(head)) return true;
  if (/\.(?:x?html?|xht)$/i.test(location) || /html/i.test(contentType ?? '')) return true;
  if (/\.(?:txt|text)$/i.test(location) || /text\/plain/i.test(contentType ?? '')) return false;
  return /^<(?:head|body|\?xml)/i.test(head) || /<(?:html|body)[\s>]/i.test(head);
}

/** Whether an HTML document stops before its end (a save cut off mid-page). */
function isTruncated(html: string): boolean {
  return /<(?:html|body)[\s>]/i.test(html) && !/<\/html\s*>/i.test(html) && !/<\/body\s*>/i.test(html);
}

/** Extracts a page's articles. Throws PageError naming the reason when it cannot. */
export function extractPage(input: PageExtractionInput): ExtractedPage {
  const { text } = decodePage(input.bytes, input.contentType, { maxBytes: input.maxBytes });
  if (!looksLikeHtml(text, input.location, input.contentType)) {
    return parsePageDump(text, {
      referenceTime: input.asOf,
      fallbackTime: input.modifiedAt,
      siteProfile: input.siteProfile,
    });
  }
  const truncated = isTruncated(text);
  let page: ExtractedPage;
  try {
    page = extractHtml(text, { url: input.url ?? null, referenceTime: input.asOf ?? input.modifiedAt });
  } catch (error) {
    const reason = (error as Error).message.replace(/^extractHtml:\s*/, '');
    throw new PageError('no-article', truncated ? `truncated HTML page, and ${reason}` : reason);
  }
  if (page.main.text.trim().length === 0) {
    const why = page.warnings.find((w) => w.startsWith('no main text')) ?? 'no article text in the HTML page';
    throw new PageError('no-article', truncated ? `truncated HTML page with ${why}` : why);
  }
  if (truncated && !page.warnings.some((w) => /truncat/i.test(w))) {
    page.warnings.push('truncated HTML page (it stops before </html>); extracted what was there');
  }
  return page;
}
