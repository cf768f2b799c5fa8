// Feed documents (RSS 0.9x/1.0/2.0, Atom 1.0, JSON Feed 1.x) → one ParsedFeed shape. Parsing
// is feedsmith's; this module refuses hostile XML, maps each format's fields onto ours, resolves
// links, reads dates, and keeps every good entry of a feed whose other entries are broken,
// reporting each broken one. Pure: no clock, no I/O.
import { parseFeed as feedsmithParse } from 'feedsmith';
import { sha256 } from '../text/hash.ts';
import { parseFeedDate } from './dates.ts';
import type { FeedEnclosure, FeedEntry, FeedFormat, ParsedFeed } from './types.ts';

/** The document cannot be read as a feed at all (as opposed to problems with single entries). */
export class FeedParseError extends Error {}

// feedsmith's output, read defensively: real feeds put anything anywhere.
type Loose = Record<string, unknown>;

const str = (value: unknown): string | null => {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number') return String(value);
  if (value && typeof value === 'object' && 'value' in value) return str((value as Loose).value);
  return null;
};
const list = (value: unknown): Loose[] => (Array.isArray(value) ? (value as Loose[]) : value ? [value as Loose] : []);
const obj = (value: unknown): Loose => (value && typeof value === 'object' ? (value as Loose) : {});

/** Parses a decoded feed document; `feedUrl` resolves relative links. */
export function parseFeedText(text: string, feedUrl: string | null): ParsedFeed {
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (!body) throw new FeedParseError('empty document, not a feed');
  let input: unknown = body;
  if (body.startsWith('{')) {
    try {
      input = JSON.parse(body);
    } catch (error) {
      throw new FeedParseError(`not valid JSON (${(error as Error).message}), so not a JSON Feed`);
    }
  } else {
    refuseHostileXml(body);
  }
  if (typeof input === 'string' && /<html[\s>]/i.test(body.slice(0, 2000)) && !/<(rss|feed|rdf:RDF)[\s>]/i.test(body.slice(0, 4000))) {
    throw new FeedParseError('an HTML page, not a feed (subscribe to the page instead: its feeds are discovered)');
  }
  const problems: string[] = [];
  let parsed: { format: FeedFormat; feed: Loose };
  try {
    parsed = feedsmithParse(input) as unknown as { format: FeedFormat; feed: Loose };
  } catch (error) {
    // A document cut off in transfer or by a broken generator: close what it left open and
    // read the entries that made it.
    const repaired = typeof input === 'string' ? closeOpenElements(input) : null;
    try {
      if (repaired === null || repaired === input) throw error;
      parsed = feedsmithParse(repaired) as unknown as { format: FeedFormat; feed: Loose };
      problems.push('the document is cut off before its end (truncated or malformed XML); kept the entries that could be read');
    } catch {
      throw new FeedParseError(`not a feed Dateline reads (RSS, Atom, JSON Feed): ${(error as Error).message}`);
    }
  }
  if (!problems.length && parsed.format !== 'json' && isCutOff(body, parsed.format)) {
    problems.push('the document is cut off before its end (truncated or malformed XML); kept the entries that could be read');
  }
  const meta = feedMeta(parsed.format, parsed.feed, feedUrl);
  const base = meta.siteUrl ?? feedUrl;
  const rawEntries = parsed.format === 'atom' ? list(parsed.feed.entries) : list(parsed.feed.items);
  const entries: FeedEntry[] = [];
  const seen = new Set<string>();
  rawEntries.forEach((raw, index) => {
    const label = `entry ${index + 1}`;
    try {
      const entry = mapEntry(parsed.format, raw, base, problems, label);
      if (!entry) return;
      // A feed that lists one guid twice means one entry; the first copy wins.
      if (seen.has(entry.guid)) {
        problems.push(`${label}: repeats the id ${JSON.stringify(entry.guid)} of an earlier entry; skipped`);
        return;
      }
      seen.add(entry.guid);
      entries.push(entry);
    } catch (error) {
      problems.push(`${label}: ${(error as Error).message}; skipped`);
    }
  });
  return { format: parsed.format, ...meta, entries, problems };
}

/**
 * Entity declarations are how XML bombs (billion laughs, external entities) work; no real feed
 * needs them, so a document declaring any is refused outright.
 */
function refuseHostileXml(body: string): void {
  const head = body.slice(0, 64 * 1024);
  if (/<!DOCTYPE[^>[]*\[[\s\S]*?<!ENTITY/i.test(head) || /<!ENTITY/i.test(head)) {
    throw new FeedParseError('the document declares XML entities (<!ENTITY>), which is how XML bombs work; refused');
  }
}

/** The document with a trailing partial tag dropped and every element still open closed. */
export function closeOpenElements(xml: string): string {
  let text = xml.replace(/<[^>]*$/, '');
  const lastCdata = text.lastIndexOf('<![CDATA[');
  if (lastCdata > text.lastIndexOf(']]>')) text += ']]>';
  const open: string[] = [];
  const scan = text.replace(/<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<![^>]*>/g, '');
  for (const match of scan.matchAll(/<(\/?)([A-Za-z_][\w:.-]*)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = match;
    if (selfClosing) continue;
    if (!closing) open.push(name!);
    else {
      const at = open.lastIndexOf(name!);
      if (at >= 0) open.length = at;
    }
  }
  return (
    text +
    open
      .reverse()
      .map((name) => `</${name}>`)
      .join('')
  );
}

function isCutOff(body: string, format: FeedFormat): boolean {
  const tail = body.slice(-512).trimEnd();
  const closing = format === 'atom' ? /<\/(\w+:)?feed>$/i : format === 'rdf' ? /<\/(\w+:)?RDF>$/i : /<\/rss>$/i;
  return !closing.test(tail);
}

function feedMeta(format: FeedFormat, feed: Loose, feedUrl: string | null) {
  const title = str(feed.title);
  let siteUrl: string | null = null;
  let description: string | null = null;
  let language: string | null = null;
  let ttlSeconds: number | null = null;
  if (format === 'atom') {
    const alternate = list(feed.links).find((l) => !l.rel || l.rel === 'alternate');
    siteUrl = absolute(str(alternate?.href), feedUrl);
    description = str(feed.subtitle);
  } else if (format === 'json') {
    siteUrl = absolute(str(feed.home_page_url), feedUrl);
    description = str(feed.description);
    language = str(feed.language);
  } else {
    siteUrl = absolute(str(feed.link), feedUrl);
    description = str(feed.description);
    language = str(feed.language) ?? str(obj(feed.dc).language);
    const ttl = Number(feed.ttl);
    if (Number.isFinite(ttl) && ttl > 0) ttlSeconds = ttl * 60;
    const sy = obj(feed.sy);
    const period = { hourly: 3600, daily: 86400, weekly: 604800, monthly: 2592000, yearly: 31536000 }[String(sy.updatePeriod ?? '').trim()];
    if (period) ttlSeconds = Math.round(period / (Number(sy.updateFrequency) || 1));
  }
  return { title, siteUrl, description, language, ttlSeconds };
}

function mapEntry(format: FeedFormat, raw: Loose, base: string | null, problems: string[], label: string): FeedEntry | null {
  let id: string | null;
  let link: string | null;
  let title: string | null;
  let summary: string | null;
  let content: string | null;
  let authors: string[];
  let categories: string[];
  let enclosures: FeedEnclosure[];
  let dateText: string | null;
  let updatedText: string | null = null;
  let imageUrl: string | null = null;
  const dc = obj(raw.dc);
  const media = obj(raw.media);
  if (format === 'atom') {
    id = str(raw.id);
    const links = list(raw.links);
    link = str((links.find((l) => !l.rel || l.rel === 'alternate') ?? links[0])?.href);
    title = str(raw.title);
    summary = str(raw.summary);
    content = str(raw.content);
    authors = list(raw.authors)
      .map((a) => str(a.name))
      .filter(isText);
    categories = list(raw.categories)
      .map((c) => str(c.label) ?? str(c.term))
      .filter(isText);
    enclosures = links
      .filter((l) => l.rel === 'enclosure')
      .map((l) => enclosure(l.href, l.type, l.length, base))
      .filter(isEnclosure);
    dateText = str(raw.published) ?? str(raw.updated);
    updatedText = str(raw.updated);
  } else if (format === 'json') {
    id = str(raw.id);
    link = str(raw.url) ?? str(raw.external_url);
    title = str(raw.title);
    summary = str(raw.summary);
    content = str(raw.content_html) ?? textAsHtml(str(raw.content_text));
    authors = [...list(raw.authors), ...list(raw.author)].map((a) => str(a.name)).filter(isText);
    categories = (Array.isArray(raw.tags) ? raw.tags : []).map(str).filter(isText);
    enclosures = list(raw.attachments)
      .map((a) => enclosure(a.url, a.mime_type, a.size_in_bytes, base))
      .filter(isEnclosure);
    dateText = str(raw.date_published) ?? str(raw.date_modified);
    updatedText = str(raw.date_modified);
    imageUrl = absolute(str(raw.image) ?? str(raw.banner_image), base);
  } else {
    id = str(raw.guid);
    link = str(raw.link) ?? (obj(raw.guid).isPermaLink !== false && /^https?:/i.test(str(raw.guid) ?? '') ? str(raw.guid) : null);
    title = str(raw.title) ?? str(dc.title);
    summary = str(raw.description);
    content = str(obj(raw.content).encoded);
    authors = [...list(raw.authors).map((a) => str(a.name) ?? str(a)), ...(Array.isArray(dc.creators) ? dc.creators.map(str) : [str(dc.creator)])].filter(isText);
    categories = [...list(raw.categories).map((c) => str(c.name) ?? str(c)), ...(Array.isArray(dc.subjects) ? dc.subjects.map(str) : [])].filter(isText);
    enclosures = list(raw.enclosures)
      .map((e) => enclosure(e.url, e.type, e.length, base))
      .filter(isEnclosure);
    dateText = str(raw.pubDate) ?? str(dc.date) ?? (Array.isArray(dc.dates) ? str(dc.dates[0]) : null);
  }
  for (const item of list(media.contents)) {
    const media = enclosure(item.url, item.type ?? (item.medium ? `${String(item.medium)}/*` : null), item.fileSize, base);
    if (media && !enclosures.some((e) => e.url === media.url)) enclosures.push(media);
  }
  imageUrl ??= absolute(str(list(media.thumbnails)[0]?.url), base) ?? enclosures.find((e) => e.type?.startsWith('image/'))?.url ?? null;

  const url = absolute(link, base);
  if (link && !url) problems.push(`${label}: link ${JSON.stringify(link)} is not a usable http(s) URL; kept without it`);
  if (!title && !summary && !content) {
    problems.push(`${label}: no title, summary or content; skipped`);
    return null;
  }
  const publishedAt = parseFeedDate(dateText);
  if (dateText && !publishedAt) problems.push(`${label}: unreadable date ${JSON.stringify(dateText)}; stored without a date`);
  const guid = id ?? url ?? 'sha256:' + sha256(`${title ?? ''}\n${summary ?? ''}\n${content ?? ''}`);
  return {
    guid,
    url,
    title: title ? plainTitle(title) : null,
    summaryHtml: summary,
    contentHtml: content,
    authors: unique(authors),
    categories: unique(categories),
    enclosures,
    publishedAt,
    updatedAt: parseFeedDate(updatedText),
    publishedText: dateText,
    imageUrl,
  };
}

const isText = (value: string | null | undefined): value is string => typeof value === 'string' && value.length > 0;
const isEnclosure = (value: FeedEnclosure | null): value is FeedEnclosure => value !== null;
const unique = (values: string[]) => [...new Set(values.map((v) => v.replace(/\s+/g, ' ').trim()))].filter(Boolean);

function enclosure(url: unknown, type: unknown, length: unknown, base: string | null): FeedEnclosure | null {
  const href = absolute(str(url), base);
  if (!href) return null;
  const size = Number(length);
  return { url: href, type: str(type), length: Number.isFinite(size) && size > 0 ? size : null };
}

/** An absolute http(s) URL, or null. */
export function absolute(href: string | null, base: string | null): string | null {
  if (!href) return null;
  try {
    const url = new URL(href, base ?? undefined);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

// Titles are text, but feeds put markup and entities in them ("type=html" titles).
function plainTitle(title: string): string {
  return decodeEntities(title.replace(/<[^>]*>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();
}

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi, (whole, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('#x')) return safeCodePoint(parseInt(lower.slice(2), 16), whole);
    if (lower.startsWith('#')) return safeCodePoint(parseInt(lower.slice(1), 10), whole);
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' } as Record<string, string>)[lower] ?? whole;
  });
}

function safeCodePoint(code: number, fallback: string): string {
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}

function textAsHtml(text: string | null): string | null {
  if (!text) return null;
  const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeText(p.trim())}</p>`)
    .join('\n');
}
