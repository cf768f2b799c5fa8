// Splits a text dump of an aggregator's article page into its articles: the page's own article
// and each related article it lists. Written for this project because the problem is ours: a
// dump is flat lines with no markup, so the structure is read from age stamps ("4 hours ago"),
// the source lines around them, repeated headlines and where running text starts and stops.
//
// Every line ends up with a role; lines that are not an article's title, source, age, standfirst
// or body are clutter and are reported, never silently dropped.
import { matchRelativeTime } from './relative-time.ts';
import { rejoinLines, splitLeadingHeadline, fixLinkArtifacts } from './rejoin.ts';
import { normaliseHeadline, splitGluedHeadline } from './dump-headline.ts';
import { hasBullet, isBodySized, isDuration, isLinkLike, isProse, looksLikeSourceName, normaliseLine, stripBullet, wordCount } from './dump-lines.ts';

/** What the parser learned about a site from several of its pages (see clutter.ts). */
export interface SiteProfile {
  /** How many pages the profile was built from. */
  pages: number;
  /** Normalised lines (see normaliseLine) that recur across the site's pages outside any article. */
  clutterLines: string[];
  /** Words or phrases a page drops between sentences ("Advertisement"). */
  inlineClutter: string[];
  /** Publisher names seen on the site's source lines. */
  sourceNames: string[];
}

export type LineRole = 'blank' | 'time' | 'source' | 'source-echo' | 'title' | 'title-copy' | 'standfirst' | 'body' | 'clutter';

export interface DumpUnit {
  /** The line's text after rejoining broken lines and repairing link artifacts. */
  text: string;
  /** Index of its first line in the dump, and how many dump lines it joins. */
  index: number;
  parts: number;
  role: LineRole;
  /** Which article it belongs to: 0 the main one, 1… the related ones, -1 none. */
  item: number;
  /** Why a clutter line was judged clutter. */
  reason?: string;
}

export interface DumpItem {
  role: 'main' | 'related';
  title: string | null;
  sourceName: string | null;
  /** The relative age as printed, e.g. "17 hours ago". */
  ageLiteral: string | null;
  standfirst: string | null;
  paragraphs: string[];
}

export interface DumpSegmentation {
  units: DumpUnit[];
  /** Main article first, then the related ones in page order. */
  items: DumpItem[];
}

/**
 * A label before an age stamp, not a publisher: one lower-case word (an icon's alt text, as in
 * "time39 minutes ago"), or the few words pages print there ("Updated 2 hours ago").
 */
function isAgeLabel(prefix: string): boolean {
  return /^[a-z]+$/.test(prefix) || /^(?:last )?(?:updated|posted|published|edited|modified)(?: on| at)?:?$/i.test(prefix);
}

interface TimeLine {
  literal: string;
  source: string | null;
}

function readTimeLine(line: string): TimeLine | null {
  const match = matchRelativeTime(line);
  if (!match) return null;
  if (match.prefix === '' || isAgeLabel(match.prefix)) return { literal: match.literal, source: null };
  if (looksLikeSourceName(match.prefix)) return { literal: match.literal, source: match.prefix };
  return null;
}

/** Marks structural lines on the raw dump: age stamps, source lines and their echoes. */
function findStructure(lines: string[], knownSources: Set<string>) {
  const times = new Map<number, TimeLine>();
  const sourceLines = new Set<number>();
  const echoes = new Set<number>();
  lines.forEach((line, i) => {
    const time = readTimeLine(line);
    if (time) times.set(i, time);
  });
  const prevNonBlank = (i: number) => {
    for (let j = i - 1; j >= 0; j--) if (lines[j] !== '') return j;
    return -1;
  };
  for (const [i, time] of times) {
    if (time.source) {
      knownSources.add(time.source);
      continue;
    }
    const p = prevNonBlank(i);
    // A headline printed twice right before the age is the title, however short.
    const isTitleCopy = p >= 0 && lines[prevNonBlank(p)] === lines[p] && !knownSources.has(lines[p]!);
    if (p >= 0 && !times.has(p) && !hasBullet(lines[p]!) && !isTitleCopy && looksLikeSourceName(lines[p]!)) {
      sourceLines.add(p);
      knownSources.add(lines[p]!);
    }
  }
  // Lists often print the source twice around the age ("Korea Herald" / "4 hours ago" / "- Korea Herald").
  lines.forEach((line, i) => {
    if (line === '' || sourceLines.has(i) || times.has(i)) return;
    const name = stripBullet(line);
    if (knownSources.has(name) && (hasBullet(line) || times.has(prevNonBlank(i)))) echoes.add(i);
  });
  return { times, sourceLines, echoes };
}

// Lines are compared normalised; bodies are long, so each line is normalised once.
const keys = new Map<string, string>();
function key(line: string): string {
  let k = keys.get(line);
  if (k === undefined) {
    k = normaliseLine(line);
    if (keys.size > 1000) keys.clear();
    keys.set(line, k);
  }
  return k;
}
const same = (a: string, b: string) => a.length < 2 * b.length + 8 && b.length < 2 * a.length + 8 && key(a) === key(b);

function clutter(u: DumpUnit, reason: string): void {
  u.role = 'clutter';
  u.reason = reason;
}

/** Segments one dump. A site profile, when given, removes the site's recurring lines first. */
export function segmentDump(text: string, profile?: SiteProfile): DumpSegmentation {
  // Runs of blank lines say no more than two blank lines do; collapsing them keeps a file of
  // empty lines from costing an object per line.
  const lines: string[] = [];
  let blanks = 0;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\s+/g, ' ').trim();
    blanks = line === '' ? blanks + 1 : 0;
    if (blanks <= 2) lines.push(line);
  }
  const knownSources = new Set(profile?.sourceNames ?? []);
  const { times, sourceLines, echoes } = findStructure(lines, knownSources);
  const structural = (i: number) => times.has(i) || sourceLines.has(i) || echoes.has(i);
  const profileClutter = new Set(profile?.clutterLines ?? []);

  const rawCounts = new Map<string, number>();
  for (const line of lines) if (line !== '') rawCounts.set(key(line), (rawCounts.get(key(line)) ?? 0) + 1);
  // Furniture that can interrupt a sentence: a player's duration and repeated headline, labels.
  const furniture = (i: number) => {
    const line = lines[i]!;
    if (line === '' || structural(i)) return false;
    const k = key(line);
    return profileClutter.has(k) || isDuration(line) || isLinkLike(line) || (!isProse(line) && (rawCounts.get(k) ?? 0) > 1);
  };
  const joined = rejoinLines(lines, (i) => lines[i] !== '' && !structural(i), furniture);
  const units: DumpUnit[] = joined.map(({ skipped: _skipped, ...u }) => ({
    ...u,
    role: u.text === '' ? 'blank' : times.has(u.index) ? 'time' : sourceLines.has(u.index) ? 'source' : echoes.has(u.index) ? 'source-echo' : 'body',
    item: -1,
  }));

  // Lines that are clutter wherever they stand.
  const counts = new Map<string, number>();
  for (const u of units) if (u.role === 'body') counts.set(key(u.text), (counts.get(key(u.text)) ?? 0) + 1);
  for (const u of units) {
    if (u.role !== 'body') continue;
    if (profileClutter.has(key(u.text))) clutter(u, 'recurs across pages of this site');
    else if (isDuration(u.text)) clutter(u, 'video duration');
    else if (isLinkLike(u.text)) clutter(u, 'link or label, not text');
  }

  // Short lines anywhere on the page: a headline glued to its first sentence may be printed alone elsewhere.
  const pageHeadlines = new Set(units.filter((u) => u.role === 'body' && !isProse(u.text) && wordCount(u.text) >= 3).map((u) => normaliseHeadline(u.text)));
  const textual = (u: DumpUnit | undefined) => u !== undefined && (u.role === 'body' || u.role === 'title');
  const firstProse = units.findIndex((u) => u.role === 'body' && isProse(u.text) && (wordCount(u.text) >= 12 || isBodySized(u.text)));
  const timePositions = units.flatMap((u, k) => (u.role === 'time' ? [k] : []));
  const mainAnchor = timePositions.find((k) => firstProse === -1 || k < firstProse);
  const relatedAnchors = timePositions.filter((k) => k !== mainAnchor && (firstProse === -1 || k > firstProse));

  const items: DumpItem[] = [];
  // Where each related item's lines start (its title copies and source line) and its title.
  const related = relatedAnchors.map((anchor) => {
    const before = anchor - 1 - countBlanksBefore(units, anchor);
    const sourceAt = units[before]?.role === 'source' ? before : -1;
    let k = anchor + 1;
    while (k < units.length && (units[k]!.role === 'blank' || units[k]!.role === 'source-echo')) k++;
    const titleAt = k < units.length && textual(units[k]) && !isBodySized(units[k]!.text) ? k : -1;
    return { anchor, sourceAt, titleAt, start: sourceAt >= 0 ? sourceAt : anchor, contentFrom: titleAt >= 0 ? titleAt + 1 : k };
  });
  // Title copies printed before the source line belong to the item, not to what precedes it.
  for (const r of related) {
    let k = r.start - 1;
    while (k >= 0 && units[k]!.role === 'blank') k--;
    if (r.titleAt >= 0) {
      const title = units[r.titleAt]!.text;
      for (; k >= 0; k--) {
        const u = units[k]!;
        if (u.role === 'blank') continue;
        if (u.role !== 'body' || !same(u.text, title)) break;
        u.role = 'title-copy';
        r.start = k;
      }
    } else if (k >= 0 && units[k]!.role === 'body' && !isProse(units[k]!.text)) {
      // No title after the age: a short line before the source is the title if the first line
      // after the age starts with it (title and first sentence on one line) or it is repeated.
      const candidate = units[k]!.text;
      const first = units[r.contentFrom]?.text ?? '';
      if (first.startsWith(`${candidate} `) || (counts.get(key(candidate)) ?? 0) > 1) {
        r.titleAt = k;
        r.start = k;
      }
    }
  }

  // The main article: everything before the first related item's lines.
  const mainEnd = related.length > 0 ? related[0]!.start : units.length;
  const mainTitleAt = chooseMainTitle(units, mainAnchor ?? (firstProse >= 0 ? firstProse : mainEnd), firstProse);
  const mainContentFrom = Math.max(mainAnchor !== undefined ? mainAnchor + 1 : 0, mainTitleAt + 1);
  for (let k = 0; k < mainContentFrom && k < mainEnd; k++) {
    const u = units[k]!;
    if (k === mainTitleAt) u.role = 'title';
    else if (u.role === 'body') {
      if (mainTitleAt >= 0 && same(u.text, units[mainTitleAt]!.text)) u.role = 'title-copy';
      else clutter(u, 'before the article starts');
    }
    u.item = 0;
  }
  const mainSource = mainAnchor !== undefined ? (times.get(units[mainAnchor]!.index)!.source ?? sourceBefore(units, mainAnchor)) : null;
  items.push(buildItem(units, counts, pageHeadlines, 0, 'main', mainTitleAt, mainContentFrom, mainEnd, mainSource, mainAnchor !== undefined ? times.get(units[mainAnchor]!.index)!.literal : null));
  if (mainAnchor !== undefined) units[mainAnchor]!.item = 0;

  related.forEach((r, n) => {
    const end = n + 1 < related.length ? related[n + 1]!.start : units.length;
    const time = times.get(units[r.anchor]!.index)!;
    const source = time.source ?? (r.sourceAt >= 0 ? units[r.sourceAt]!.text : null);
    const number = items.length;
    for (let k = r.start; k < r.contentFrom; k++) units[k]!.item = number;
    if (r.titleAt >= 0) units[r.titleAt]!.role = 'title';
    const item = buildItem(units, counts, pageHeadlines, number, 'related', r.titleAt, r.contentFrom, end, source, time.literal);
    if (isComment(item)) {
      // A name, an age and one finished sentence with nothing after it: a reader's comment.
      for (let k = r.start; k < end; k++) {
        const u = units[k]!;
        u.item = -1;
        if (u.role !== 'blank' && u.role !== 'clutter') clutter(u, 'comment, not an article');
      }
      return;
    }
    items.push(item);
  });
  return { units, items };
}

/** Headlines do not end with a full stop; a listed article with no text and one that does is a comment. */
function isComment(item: DumpItem): boolean {
  return item.paragraphs.length === 0 && item.title !== null && /[^.]\.["'”’]?$/.test(item.title);
}

function countBlanksBefore(units: DumpUnit[], k: number): number {
  let n = 0;
  while (k - 1 - n >= 0 && units[k - 1 - n]!.role === 'blank') n++;
  return n;
}

function sourceBefore(units: DumpUnit[], anchor: number): string | null {
  const u = units[anchor - 1 - countBlanksBefore(units, anchor)];
  return u?.role === 'source' ? u.text : null;
}

/**
 * The page's own headline: among the short lines before its text, the one printed more than
 * once (aggregators repeat it), else the first that is not a label.
 */
function chooseMainTitle(units: DumpUnit[], before: number, firstProse: number): number {
  const limit = firstProse >= 0 ? Math.min(before, firstProse) : before;
  const candidates: number[] = [];
  for (let k = 0; k < limit; k++) {
    const u = units[k]!;
    if (u.role === 'body' && !isBodySized(u.text)) candidates.push(k);
  }
  const repeated = candidates.find((k) => candidates.some((j) => j !== k && same(units[j]!.text, units[k]!.text)));
  return repeated ?? candidates[0] ?? -1;
}

/** Cleans one article's lines: position, repetition and shape decide what is text. */
function buildItem(
  units: DumpUnit[],
  counts: Map<string, number>,
  pageHeadlines: ReadonlySet<string>,
  item: number,
  role: 'main' | 'related',
  titleAt: number,
  from: number,
  to: number,
  sourceName: string | null,
  ageLiteral: string | null,
): DumpItem {
  let title = titleAt >= 0 ? units[titleAt]!.text : null;
  const kept: DumpUnit[] = [];
  for (let k = from; k < to; k++) {
    const u = units[k]!;
    u.item = item;
    if (u.role === 'source-echo' || u.role === 'source' || u.role === 'time') {
      // A stray source or age inside an article's text is page furniture.
      if (u.role !== 'source-echo') clutter(u, 'source or age line inside the text');
      continue;
    }
    if (u.role !== 'body') continue;
    if (title !== null && same(u.text, title)) u.role = 'title-copy';
    else if (!isProse(u.text) && (counts.get(key(u.text)) ?? 0) > 1) clutter(u, 'repeated headline line');
    else kept.push(u);
  }
  // The text ends where two short lines follow each other: that is page furniture (promotions,
  // comment box, headings), and so is everything after it up to the next article.
  let cut = kept.length;
  for (let i = 0; i + 1 < kept.length; i++) {
    if (!isProse(kept[i]!.text) && !isProse(kept[i + 1]!.text)) {
      cut = i;
      break;
    }
  }
  while (cut > 0 && !isProse(kept[cut - 1]!.text)) cut--;
  for (const u of kept.slice(cut)) clutter(u, 'after the end of the text');
  const body = kept.slice(0, cut);

  let standfirst: string | null = null;
  if (body.length > 1 && !isProse(body[0]!.text) && isProse(body[1]!.text)) {
    standfirst = body[0]!.text;
    body[0]!.role = 'standfirst';
    body.shift();
  }
  const paragraphs = body.map((u) => u.text);
  if (paragraphs.length > 0) {
    const first = paragraphs[0]!;
    if (title !== null && first.startsWith(`${title} `)) {
      // Title and first sentence on one line.
      paragraphs[0] = first.slice(title.length + 1);
    } else if (title === null) {
      // No headline line of its own: it shares the first line with the first sentence.
      const split = splitGluedHeadline(first, pageHeadlines);
      if (split) {
        paragraphs[0] = split.rest;
        title = split.headline;
      }
    } else if (standfirst === null) {
      const split = splitLeadingHeadline(first);
      if (split) {
        paragraphs[0] = split.rest;
        standfirst = split.headline;
      }
    }
  }
  return {
    role,
    title: title === null ? null : fixLinkArtifacts(title),
    sourceName,
    ageLiteral,
    standfirst,
    paragraphs,
  };
}
