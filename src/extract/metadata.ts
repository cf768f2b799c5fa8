// What a page says about itself: <meta> tags, Open Graph, Twitter cards, <link rel=canonical>,
// microdata and JSON-LD (schema.org NewsArticle and kin). Pure: reads a parsed document, no I/O.
import { absoluteUrl } from './sanitize.ts';

export interface PageMetadata {
  title: string | null;
  author: string | null;
  /** The literal the date was read from, as the page gives it. */
  publishedText: string | null;
  publishedAt: Date | null;
  sourceName: string | null;
  canonicalUrl: string | null;
  language: string | null;
  imageUrl: string | null;
  description: string | null;
  /** JSON-LD articleBody, when the page carries the article text as data. */
  articleBody: string | null;
}

type JsonObject = Record<string, unknown>;

const ARTICLE_TYPE = /article|posting|report|blog|news/i;

function clean(value: string | null | undefined): string | null {
  if (value == null) return null;
  const text = value.replace(/\s+/g, ' ').trim();
  return text ? text : null;
}

type MetaIndex = Map<string, string>;

/** Every <meta> keyed by its lower-cased name, property, itemprop or http-equiv; first one wins. */
function indexMeta(doc: Document): MetaIndex {
  const index: MetaIndex = new Map();
  for (const meta of Array.from(doc.querySelectorAll('meta'))) {
    const content = clean(meta.getAttribute('content'));
    if (!content) continue;
    for (const attr of ['property', 'name', 'itemprop', 'http-equiv']) {
      const key = meta.getAttribute(attr)?.toLowerCase();
      if (key && !index.has(key)) index.set(key, content);
    }
  }
  return index;
}

/** The first of `keys` (in order of preference) the page has a <meta> for. */
function metaByOrder(index: MetaIndex, keys: string[]): string | null {
  for (const key of keys) {
    const value = index.get(key.toLowerCase());
    if (value) return value;
  }
  return null;
}

/** Every JSON-LD object on the page, flattening @graph and arrays; unparseable blocks are skipped. */
export function jsonLdObjects(doc: Document): JsonObject[] {
  const out: JsonObject[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const obj = value as JsonObject;
      out.push(obj);
      if (obj['@graph']) visit(obj['@graph']);
    }
  };
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    const raw = (script.textContent ?? '').trim().replace(/^<!--|-->$/g, '');
    if (!raw) continue;
    try {
      visit(JSON.parse(raw));
    } catch {
      // Pages ship broken JSON-LD often enough; the other metadata sources still count.
    }
  }
  return out;
}

function types(obj: JsonObject): string[] {
  const t = obj['@type'];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string');
}

/** A name from a string, an object with `name`, or an array of either. */
function nameOf(value: unknown): string | null {
  if (typeof value === 'string') return clean(value);
  if (Array.isArray(value)) {
    const names = value.map(nameOf).filter((n): n is string => !!n);
    return names.length ? Array.from(new Set(names)).join(', ') : null;
  }
  if (value && typeof value === 'object') return nameOf((value as JsonObject).name);
  return null;
}

function urlOf(value: unknown): string | null {
  if (typeof value === 'string') return clean(value);
  if (Array.isArray(value)) return value.length ? urlOf(value[0]) : null;
  if (value && typeof value === 'object') {
    const obj = value as JsonObject;
    return urlOf(obj.url ?? obj['@id'] ?? obj.contentUrl);
  }
  return null;
}

/** Parses a date the page states; only absolute dates with a year count. */
export function parsePageDate(text: string | null): Date | null {
  if (!text) return null;
  const trimmed = text.trim();
  // Bare epoch seconds or milliseconds appear in some CMS meta tags.
  if (/^\d{10}$/.test(trimmed)) return new Date(Number(trimmed) * 1000);
  if (/^\d{13}$/.test(trimmed)) return new Date(Number(trimmed));
  if (!/\d{4}/.test(trimmed)) return null;
  const ms = Date.parse(trimmed);
  if (Number.isNaN(ms)) return null;
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  return year >= 1990 && year <= 2100 ? date : null;
}

function firstArticleObject(objects: JsonObject[]): JsonObject | null {
  return objects.find((o) => types(o).some((t) => ARTICLE_TYPE.test(t))) ?? null;
}

/** Normalises a language tag to its ISO 639-1 primary subtag ("en-GB" and "en_GB" -> "en"). */
export function primaryLanguage(tag: string | null | undefined): string | null {
  const m = /^\s*([a-z]{2,3})(?:[-_]|$)/i.exec(tag ?? '');
  return m ? m[1].toLowerCase() : null;
}

/** Reads everything the page states about itself; `baseUrl` absolutises URLs. */
export function readPageMetadata(doc: Document, baseUrl: string | null | undefined): PageMetadata {
  const meta = indexMeta(doc);
  const objects = jsonLdObjects(doc);
  const article = firstArticleObject(objects);
  const ld = (key: string): unknown => article?.[key];
  const orgName = objects.filter((o) => types(o).some((t) => /organi[sz]ation|newsmediaorganization/i.test(t))).map((o) => nameOf(o.name))[0] ?? null;

  const title =
    clean(typeof ld('headline') === 'string' ? (ld('headline') as string) : null) ??
    metaByOrder(meta, ['og:title', 'twitter:title', 'headline']) ??
    clean(doc.querySelector('title')?.textContent);

  const author =
    nameOf(ld('author')) ??
    metaByOrder(meta, ['author', 'article:author', 'byl', 'parsely-author', 'sailthru.author', 'dc.creator', 'twitter:creator']) ??
    clean(doc.querySelector('[rel="author"], [itemprop="author"] [itemprop="name"], [itemprop="author"]')?.textContent);

  const timeEl = doc.querySelector('[itemprop="datePublished"]');
  const dateCandidates = [
    typeof ld('datePublished') === 'string' ? (ld('datePublished') as string) : null,
    metaByOrder(meta, ['article:published_time', 'og:article:published_time', 'datePublished', 'pubdate', 'publishdate', 'date', 'dc.date', 'dc.date.issued', 'sailthru.date', 'parsely-pub-date', 'article.published']),
    timeEl?.getAttribute('datetime') ?? timeEl?.getAttribute('content') ?? null,
    doc.querySelector('article time[datetime], time[pubdate]')?.getAttribute('datetime') ?? null,
  ];
  let publishedText: string | null = null;
  let publishedAt: Date | null = null;
  for (const candidate of dateCandidates) {
    const date = parsePageDate(candidate);
    if (date) {
      publishedText = candidate!.trim();
      publishedAt = date;
      break;
    }
  }

  const sourceName = nameOf(ld('publisher')) ?? metaByOrder(meta, ['og:site_name', 'application-name', 'publisher', 'dc.publisher']) ?? orgName;

  const canonicalRaw =
    doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ??
    metaByOrder(meta, ['og:url', 'twitter:url']) ??
    urlOf(ld('mainEntityOfPage')) ??
    urlOf(ld('url'));
  const canonicalUrl = canonicalRaw ? absoluteUrl(canonicalRaw, baseUrl) : null;

  const language =
    primaryLanguage(doc.documentElement?.getAttribute('lang')) ??
    primaryLanguage(metaByOrder(meta, ['content-language', 'language', 'dc.language', 'og:locale'])) ??
    primaryLanguage(typeof ld('inLanguage') === 'string' ? (ld('inLanguage') as string) : null);

  const imageRaw = metaByOrder(meta, ['og:image', 'og:image:url', 'twitter:image', 'twitter:image:src']) ?? urlOf(ld('image'));
  const imageUrl = imageRaw ? absoluteUrl(imageRaw, baseUrl) : null;

  const description =
    metaByOrder(meta, ['og:description', 'description', 'twitter:description']) ??
    clean(typeof ld('description') === 'string' ? (ld('description') as string) : null);

  const body = ld('articleBody');
  const articleBody = typeof body === 'string' && body.trim() ? body.trim() : null;

  return { title, author, publishedText, publishedAt, sourceName, canonicalUrl, language, imageUrl, description, articleBody };
}
