// Turns a text dump of an aggregator's article page (see ../shared/seeds) into the page's own
// article and every related article it carried, each with title, source, resolved publication
// time and clean paragraphs. The structure is read by dump-structure.ts; this module adds the
// times, sources, languages and the list of related links.
import type { ExtractedArticle, ExtractedPage, RelatedListing, TimeBasis } from '../model/index.ts';
import * as chrono from 'chrono-node';
import { segmentDump, type DumpItem, type SiteProfile } from './dump-structure.ts';
import { findOrphanWords, removeInlineClutter } from './clutter.ts';
import { resolveRelativeTime } from './relative-time.ts';
import { detectLanguage } from './language.ts';
import { PageError } from './errors.ts';

export interface DumpOptions {
  /** The moment the page was saved, when known (the CLI's --as-of). */
  referenceTime: Date | null;
  /** Used when neither referenceTime nor the page gives one: the file's modification time. */
  fallbackTime: Date;
  siteProfile?: SiteProfile;
}

// "SINGAPORE, Aug. 12, 2025 /PRNewswire/ --": a wire dateline at the start of a text.
const DATELINE = /^[A-Z][A-Z.'’ -]{1,40}(?:, [A-Z][A-Za-z.]+)?, ((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}, \d{4})\b/;

/**
 * When the page was saved, from the page alone: an item that states its own date in a dateline
 * and also shows its age puts the page at that date plus the age. A dateline names a day, not
 * an hour, so the day's midday (UTC) is taken: it is off by at most half a day either way.
 */
export function pageReferenceTime(items: readonly DumpItem[]): { time: Date; from: string } | null {
  for (const item of items) {
    if (!item.ageLiteral || item.paragraphs.length === 0) continue;
    const m = DATELINE.exec(item.paragraphs[0]!);
    if (!m) continue;
    const day = chrono.parseDate(m[1]!, { instant: new Date(Date.UTC(2000, 0, 1)), timezone: 'UTC' });
    if (!day) continue;
    const midday = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 12));
    const aged = resolveRelativeTime(item.ageLiteral, midday);
    if (!aged) continue;
    const ageMs = midday.getTime() - aged.date.getTime();
    return { time: new Date(midday.getTime() + ageMs), from: `${m[0]} (${item.ageLiteral})` };
  }
  return null;
}

/** Columns put the writer's name in brackets before the headline: "[Wang Son-taek] July: …". */
export function bylineFromTitle(title: string): string | null {
  const m = /^\[([A-Z][\p{L}'’.-]*(?: [A-Z][\p{L}'’.-]*){1,3})\]\s/u.exec(title);
  return m ? m[1]! : null;
}

function firstSentence(text: string): string {
  const m = /^(.{20,160}?[.!?])\s/.exec(text);
  return (m ? m[1]! : text.slice(0, 120)).trim();
}

/** Parses one page dump. Throws PageError when the dump holds no article text at all. */
export function parsePageDump(text: string, options: DumpOptions): ExtractedPage {
  const { units, items } = segmentDump(text, options.siteProfile);
  const removedLines = units.filter((u) => u.role === 'clutter' || u.role === 'title-copy' || u.role === 'source-echo').map((u) => u.text);
  const warnings: string[] = [];

  const inline = [...new Set([...(options.siteProfile?.inlineClutter ?? []), ...findOrphanWords(items.flatMap((i) => i.paragraphs))])];
  for (const item of items) {
    item.paragraphs = item.paragraphs
      .map((p) => {
        const { text: cleaned, removed } = removeInlineClutter(p, inline);
        removedLines.push(...removed);
        return cleaned;
      })
      .filter((p) => p.length > 0);
  }
  if (items.every((i) => i.paragraphs.length === 0)) {
    throw new PageError('no-article', 'no article text found in the page dump');
  }

  const fromPage = options.referenceTime ? null : pageReferenceTime(items);
  const reference = options.referenceTime ?? fromPage?.time ?? options.fallbackTime;

  // The main article of a page that names no source for itself takes the source its related
  // list is from, when that list names one source only: aggregators list more from the same
  // publisher beside an article (all five seeds do), so it is the best evidence the page gives.
  const relatedSources = new Set(
    items
      .slice(1)
      .map((i) => i.sourceName)
      .filter((s): s is string => s !== null),
  );
  const mainSource = items[0]!.sourceName ?? (relatedSources.size === 1 ? [...relatedSources][0]! : null);

  const toArticle = (item: DumpItem, sourceName: string | null): ExtractedArticle => {
    const body = item.paragraphs.join('\n\n');
    let publishedAt: Date | null = null;
    let timeBasis: TimeBasis = 'unknown';
    let publishedText: string | null = null;
    const resolved = item.ageLiteral ? resolveRelativeTime(item.ageLiteral, reference) : null;
    if (resolved) {
      publishedAt = resolved.date;
      timeBasis = 'relative';
      publishedText = resolved.literal;
    } else {
      // Nothing dates this article but the moment its page was saved (--as-of, else what the
      // page implies, else the file's time): it was out by then, so that time stands in, marked
      // 'file' as the time of the saved file rather than anything the article states.
      publishedAt = reference;
      timeBasis = 'file';
    }
    const title = item.title ?? firstSentence(body);
    return {
      title,
      text: body,
      html: null,
      sourceName,
      byline: bylineFromTitle(title),
      publishedAt,
      timeBasis,
      publishedText,
      language: detectLanguage(body),
      url: null,
      canonicalUrl: null,
      excerpt: item.standfirst,
      imageUrl: null,
      role: item.role,
    };
  };

  const main = toArticle(items[0]!, mainSource);
  if (items[0]!.paragraphs.length === 0) warnings.push("the page's own article has no text; only its related articles were read");

  const related: ExtractedArticle[] = [];
  const links: RelatedListing[] = [];
  items.slice(1).forEach((item, n) => {
    const article = item.paragraphs.length > 0 ? toArticle(item, item.sourceName) : null;
    if (article) related.push(article);
    links.push({
      position: n + 1,
      title: item.title ?? article?.title ?? '',
      sourceName: item.sourceName,
      url: null,
      articleIndex: article ? related.length - 1 : null,
    });
  });
  return { kind: 'dump', main, related, links, removedLines, warnings };
}
