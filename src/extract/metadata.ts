// What a page says about itself: <meta> tags, Open Graph, Twitter cards, <link rel=canonical>,
// microdata and JSON-LD (schema.org NewsArticle and kin). Pure: reads a parsed document, no I/O.
import * as chrono from 'chrono-node';
import { absoluteUrl } from './sanitize.ts';
import { isSiteTitle, outletWords } from '../text/site-title.ts';

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
  /**
   * The main text as the page's structured data states it, as raw strings (may hold markup):
   * the articleBody, or a how-to's or recipe's description and steps. Empty when it states none.
   */
  dataText: string[];
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
  // <meta> belongs in <head>; microdata <meta itemprop> in the body is read lazily elsewhere.
  const head = doc.head?.querySelector('meta') ? doc.head : doc;
  for (const meta of Array.from(head.querySelectorAll('meta'))) {
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

/**
 * Every JSON-LD object on the page, flattening @graph and arrays; unparseable blocks are skipped.
 * `blocks` are the blocks' texts when the caller already took them out of the page.
 */
export function jsonLdObjects(doc: Document, blocks?: string[]): JsonObject[] {
  const out: JsonObject[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const obj = value as JsonObject;
      out.push(obj);
      if (obj['@graph']) visit(obj['@graph']);
    }
  };
  const texts =
    blocks ??
    Array.from(doc.querySelectorAll('script'))
      .filter((script) => /ld\+json/i.test(script.getAttribute('type') ?? ''))
      .map((script) => script.textContent ?? '');
  for (const text of texts) {
    const raw = text.trim().replace(/^<!--|-->$/g, '');
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
    const names = Array.from(new Set(value.map(nameOf).filter((n): n is string => !!n)));
    return names.length ? joinNames(names) : null;
  }
  if (value && typeof value === 'object') return nameOf((value as JsonObject).name);
  return null;
}

function joinNames(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** A byline from JSON-LD authors: people joined as "A and B", an agency after a comma. */
function bylineOf(value: unknown): string | null {
  const items = Array.isArray(value) ? value : [value];
  const people: string[] = [];
  const organisations: string[] = [];
  for (const item of items) {
    const name = nameOf(item);
    if (!name) continue;
    const isOrganisation = !!item && typeof item === 'object' && types(item as JsonObject).some((t) => /organi[sz]ation/i.test(t));
    const bucket = isOrganisation ? organisations : people;
    if (!bucket.includes(name)) bucket.push(name);
  }
  const parts = [joinNames(people), ...organisations].filter(Boolean);
  return parts.length ? parts.join(', ') : null;
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

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?$/i;
const RFC_2822_DATE = /^(?:[a-z]{3},\s*)?\d{1,2}\s+[a-z]{3}\s+\d{4}\s+\d{2}:\d{2}(?::\d{2})?\s*(?:[+-]\d{4}|gmt|utc|z)?$/i;

/**
 * Parses a date the page states; only absolute dates with a year count. ISO 8601 and RFC 2822
 * directly; other wordings ("August 12, 2025 9:00 AM") through chrono in strict mode, read as UTC
 * when they name no zone, so the result never depends on the machine's clock or zone.
 */
export function parsePageDate(text: string | null): Date | null {
  if (!text) return null;
  const trimmed = text.trim();
  let date: Date | null = null;
  // Bare epoch seconds or milliseconds appear in some CMS meta tags.
  if (/^\d{10}$/.test(trimmed)) date = new Date(Number(trimmed) * 1000);
  else if (/^\d{13}$/.test(trimmed)) date = new Date(Number(trimmed));
  else if (!/\d{4}/.test(trimmed)) return null;
  else if (ISO_DATE.test(trimmed) || RFC_2822_DATE.test(trimmed)) date = new Date(Date.parse(/T|:/.test(trimmed) || !ISO_DATE.test(trimmed) ? trimmed : `${trimmed}T00:00:00Z`));
  else {
    const [result] = chrono.strict.parse(trimmed, { instant: new Date(0), timezone: 'UTC' });
    if (result?.start.isCertain('year')) date = result.start.date();
  }
  if (!date || Number.isNaN(date.getTime())) return null;
  const year = date.getUTCFullYear();
  return year >= 1990 && year <= 2100 ? date : null;
}

const DATELINE = /^([A-Z][A-Z.'’ -]{1,40}(?:,\s*[A-Z][A-Za-z.'’ -]{1,30})?),\s+((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,\s*\d{4})?)\b/;

/**
 * The date of a wire dateline opening a story ("SINGAPORE, Aug. 12, 2025 —", "NORTHGATE, Ontario,
 * Aug. 5 (Agency) —"). A dateline without a year takes the year that puts it at or before
 * `referenceTime`. Read as midnight UTC of that day.
 */
export function parseDateline(paragraph: string, referenceTime: Date): { date: Date; text: string } | null {
  const match = DATELINE.exec(paragraph.trim());
  if (!match) return null;
  const [result] = chrono.strict.parse(match[2], { instant: referenceTime, timezone: 'UTC' });
  if (!result?.start.isCertain('month') || !result.start.isCertain('day')) return null;
  const month = result.start.get('month')! - 1;
  const day = result.start.get('day')!;
  let year = result.start.isCertain('year') ? result.start.get('year')! : referenceTime.getUTCFullYear();
  if (!result.start.isCertain('year') && Date.UTC(year, month, day) > referenceTime.getTime()) year -= 1;
  const date = new Date(Date.UTC(year, month, day));
  return Number.isNaN(date.getTime()) ? null : { date, text: match[0] };
}

function firstArticleObject(objects: JsonObject[]): JsonObject | null {
  return objects.find((o) => types(o).some((t) => ARTICLE_TYPE.test(t))) ?? null;
}

/** Normalises a language tag to its ISO 639-1 primary subtag ("en-GB" and "en_GB" -> "en"). */
export function primaryLanguage(tag: string | null | undefined): string | null {
  const m = /^\s*([a-z]{2,3})(?:[-_]|$)/i.exec(tag ?? '');
  return m ? m[1].toLowerCase() : null;
}

/**
 * The site's name from a "Headline | Site" style <title>: the part after the last separator,
 * when the part before it is the headline (so "Q&A - Part 2" is not read as a site called "Part 2").
 */
function siteNameFromTitle(pageTitle: string | null, headline: string | null): string | null {
  if (!pageTitle) return null;
  const parts = pageTitle.split(/\s+(?:\||::|–|—|-|·|»)\s+/);
  if (parts.length < 2) return null;
  const site = parts[parts.length - 1].trim();
  const rest = parts.slice(0, -1).join(' ').trim();
  if (!site || site.length > 60 || site.split(' ').length > 6) return null;
  const norm = (t: string): string =>
    t
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  if (headline && norm(headline) !== norm(site) && (norm(rest).includes(norm(headline)) || norm(headline).includes(norm(rest)))) return site;
  return parts.length >= 2 && rest.length > site.length * 2 ? site : null;
}

/** "By Jane Roe" -> "Jane Roe", in the languages pages are commonly written in. */
export function stripBylinePrefix(byline: string): string {
  return byline.replace(/^(?:by|von|par|por|di|da|door|av|af|przez|от)\s+/i, '').trim();
}

/** Reads everything the page states about itself; `baseUrl` absolutises URLs; `jsonLdBlocks` as for jsonLdObjects. */
export function readPageMetadata(doc: Document, baseUrl: string | null | undefined, jsonLdBlocks?: string[]): PageMetadata {
  const meta = indexMeta(doc);
  const objects = jsonLdObjects(doc, jsonLdBlocks);
  const article = firstArticleObject(objects);
  const ld = (key: string): unknown => article?.[key];
  const orgName = objects.filter((o) => types(o).some((t) => /organi[sz]ation|newsmediaorganization/i.test(t))).map((o) => nameOf(o.name))[0] ?? null;

  const pageTitle = clean((doc.head ?? doc).querySelector('title')?.textContent);
  const statedTitle = clean(typeof ld('headline') === 'string' ? (ld('headline') as string) : null) ?? metaByOrder(meta, ['og:title', 'twitter:title', 'headline']);
  const titleSite = siteNameFromTitle(pageTitle, statedTitle);
  // Without a stated headline, <title> minus its "| Site" tail is the best we have.
  const pageHeadline =
    pageTitle && titleSite
      ? pageTitle
          .slice(0, pageTitle.lastIndexOf(titleSite))
          .replace(/\s*(?:\||::|–|—|-|·|»)\s*$/, '')
          .trim() || pageTitle
      : pageTitle;
  const stated = statedTitle ?? pageHeadline;
  // A title that only names the site and a section ("World news - RT International") is no
  // headline: the next title the page states that is one, else its own <h1>, else it as it is.
  const outlets = outletWords([nameOf(ld('publisher')), ...['og:site_name', 'application-name', 'publisher'].map((k) => metaByOrder(meta, [k])), orgName, titleSite, baseUrl]);
  const title =
    stated && isSiteTitle(stated, outlets)
      ? ([
          metaByOrder(meta, ['og:title']),
          metaByOrder(meta, ['twitter:title']),
          pageHeadline,
          ...Array.from(doc.querySelectorAll('h1'))
            .slice(0, 3)
            .map((h) => clean(h.textContent)),
        ].find((t) => t && !isSiteTitle(t, outlets)) ?? stated)
      : stated;

  // The <meta name="author"> string is the byline as the publisher writes it; prefer it to the
  // JSON-LD list we would have to join ourselves. Profile URLs are not bylines.
  const metaAuthor = metaByOrder(meta, ['author', 'byl', 'parsely-author', 'sailthru.author', 'dc.creator', 'article:author']);
  const author =
    (metaAuthor && !/^(?:https?:|www\.)/i.test(metaAuthor) ? stripBylinePrefix(metaAuthor) : null) ??
    bylineOf(ld('author')) ??
    clean(doc.querySelector('[rel="author"], [itemprop="author"] [itemprop="name"], [itemprop="author"]')?.textContent);

  // In order of trust; the body is searched (a whole-page query each) only when the head is silent.
  const dateCandidates: (() => string | null)[] = [
    () => (typeof ld('datePublished') === 'string' ? (ld('datePublished') as string) : null),
    () => metaByOrder(meta, ['article:published_time', 'og:article:published_time', 'datePublished', 'pubdate', 'publishdate', 'date', 'dc.date', 'dc.date.issued', 'sailthru.date', 'parsely-pub-date', 'article.published']),
    () => {
      const el = doc.querySelector('[itemprop="datePublished"]');
      return el?.getAttribute('datetime') ?? el?.getAttribute('content') ?? null;
    },
    () => doc.querySelector('article time[datetime], time[pubdate]')?.getAttribute('datetime') ?? null,
  ];
  let publishedText: string | null = null;
  let publishedAt: Date | null = null;
  for (const read of dateCandidates) {
    const candidate = read();
    const date = parsePageDate(candidate);
    if (date) {
      publishedText = candidate!.trim();
      publishedAt = date;
      break;
    }
  }

  const sourceName = nameOf(ld('publisher')) ?? metaByOrder(meta, ['og:site_name', 'application-name', 'publisher', 'dc.publisher']) ?? orgName ?? titleSite;

  const canonicalRaw = (doc.head ?? doc).querySelector('link[rel="canonical"]')?.getAttribute('href') ?? metaByOrder(meta, ['og:url', 'twitter:url']) ?? urlOf(ld('mainEntityOfPage')) ?? urlOf(ld('url'));
  const canonicalUrl = canonicalRaw ? absoluteUrl(canonicalRaw, baseUrl) : null;

  const language =
    primaryLanguage(doc.documentElement?.getAttribute('lang')) ??
    primaryLanguage(metaByOrder(meta, ['content-language', 'language', 'dc.language', 'og:locale'])) ??
    primaryLanguage(typeof ld('inLanguage') === 'string' ? (ld('inLanguage') as string) : null);

  const imageRaw = metaByOrder(meta, ['og:image', 'og:image:url', 'twitter:image', 'twitter:image:src']) ?? urlOf(ld('image'));
  const imageUrl = imageRaw ? absoluteUrl(imageRaw, baseUrl) : null;

  const description = metaByOrder(meta, ['og:description', 'description', 'twitter:description']) ?? clean(typeof ld('description') === 'string' ? (ld('description') as string) : null);

  const body = ld('articleBody');
  const articleBody = typeof body === 'string' && body.trim() ? body.trim() : null;

  return { title, author, publishedText, publishedAt, sourceName, canonicalUrl, language, imageUrl, description, articleBody, dataText: articleBody ? [articleBody] : stepTexts(objects) };
}

const STEPS_TYPE = /^(?:howto|recipe)$/i;

/** A how-to's or recipe's description and the texts of its steps (sections and lists of steps flattened), in order. */
function stepTexts(objects: JsonObject[]): string[] {
  const owner = objects.find((o) => types(o).some((t) => STEPS_TYPE.test(t)));
  if (!owner) return [];
  const out: string[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (depth > 8) return;
    if (typeof value === 'string') {
      if (value.trim()) out.push(value.trim());
    } else if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
    } else if (value && typeof value === 'object') {
      const obj = value as JsonObject;
      if (typeof obj.text === 'string') visit(obj.text, depth + 1);
      visit(obj.itemListElement, depth + 1);
    }
  };
  visit(owner.step ?? owner.recipeInstructions, 0);
  if (out.length === 0) return [];
  return typeof owner.description === 'string' && owner.description.trim() ? [owner.description.trim(), ...out] : out;
}
