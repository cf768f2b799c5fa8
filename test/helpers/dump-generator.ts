// Writes aggregator page dumps in the seeds' two layouts (../shared/seeds: layout A opens with an
// empty line and lists "Source / age / - Source / Title / body"; layout B opens with "logo", the
// headline twice, "SourceN hours ago", and lists items as "Title / Title / Source / timeN ago /
// • Source / Title / body") from any set of articles, with what a reader must get back from each.
// Varies what the seeds hold fixed: headlines glued to their first sentence or not, Title Case or
// sentence case, clutter blocks and headings reworded, ages in every unit, line breaks at links.
import { seededRandom } from '../../bench/dedup/edits.ts';

export interface SourceArticle {
  key: string;
  title: string;
  sourceName: string;
  /** Paragraphs of running text; "[[words]]" marks an inline link (a dump breaks its line there). */
  paragraphs: string[];
  /** Which part of a corpus it belongs to (a story), for splitting into dev and test. */
  group: string;
}

export interface ExpectedArticle {
  role: 'main' | 'related';
  title: string;
  /** The source the page states for it; null when the page states none. */
  sourceName: string | null;
  /** The age as printed ("3 hours ago") and the moment it stands for. */
  ageLiteral: string;
  publishedAt: Date;
  /** Length of the unit the age was printed in: the reader may be off by less than one. */
  unitMs: number;
  text: string;
}

export interface GeneratedDump {
  name: string;
  layout: 'A' | 'B';
  text: string;
  asOf: Date;
  expected: ExpectedArticle[];
}

export interface DumpVariation {
  /** Chance that a related item's headline shares its line with its first sentence. */
  glueRelated: number;
  /** Chance that the main article's headline does (layout A; layout B prints it apart twice). */
  glueMain: number;
  /** Chance that a headline is printed in Title Case. */
  titleCase: number;
  /** Reword the clutter blocks and headings rather than print the seeds' wording. */
  rewordClutter: boolean;
  /** Chance of a video block (a duration and a related item's headline twice) inside the main text. */
  videoBlock: number;
}

export const SEED_LIKE: DumpVariation = { glueRelated: 0, glueMain: 0, titleCase: 0, rewordClutter: false, videoBlock: 0.3 };
export const EVERY_VARIATION: DumpVariation = { glueRelated: 0.5, glueMain: 0.3, titleCase: 0.35, rewordClutter: true, videoBlock: 0.3 };

// The same seeded generator (mulberry32) the dedup benchmark draws its edits from: the same seed
// writes the same dumps on every machine.
export { seededRandom };

const pick = <T>(rng: () => number, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const UNITS: { name: string; ms: number; max: number; one: string }[] = [
  { name: 'minute', ms: MINUTE, max: 59, one: 'a minute' },
  { name: 'hour', ms: HOUR, max: 23, one: 'an hour' },
  { name: 'day', ms: DAY, max: 6, one: 'a day' },
  { name: 'week', ms: 7 * DAY, max: 4, one: 'a week' },
  { name: 'month', ms: 30 * DAY, max: 11, one: 'a month' },
  { name: 'year', ms: 365 * DAY, max: 3, one: 'a year' },
];

/** An age in any unit, as aggregators print it: "a day ago", "17 hours ago", "3 weeks ago". */
function randomAge(rng: () => number): { literal: string; ms: number; unitMs: number } {
  const unit = pick(rng, UNITS);
  const n = 1 + Math.floor(rng() * unit.max);
  const literal = n === 1 && rng() < 0.6 ? `${unit.one} ago` : `${n} ${unit.name}${n === 1 ? '' : 's'} ago`;
  return { literal, ms: n * unit.ms, unitMs: unit.ms };
}

const SMALL_WORDS = new Set(['a', 'an', 'the', 'and', 'or', 'but', 'of', 'in', 'on', 'at', 'to', 'for', 'by', 'as', 'with', 'from']);

/** "Voss elected Northgate mayor" → "Voss Elected Northgate Mayor" (small words stay small unless first). */
export function toTitleCase(headline: string): string {
  return headline
    .split(' ')
    .map((word, i) => (i > 0 && SMALL_WORDS.has(word) ? word : word.replace(/^(["'“‘(]?)(\p{Ll})/u, (_m, q: string, c: string) => q + c.toUpperCase())))
    .join(' ');
}

const plain = (paragraph: string): string => paragraph.replace(/\[\[([^\]]+)\]\]/g, '$1');

/** A paragraph as the seeds print the main article: the line breaks before each inline link. */
function withLinkBreaks(paragraph: string): string {
  return paragraph.replace(/ ?\[\[([^\]]+)\]\]/g, '\n$1');
}

// Clutter blocks as the seeds print them, then reworded the way other aggregators print them.
const CLUTTER = {
  hashtags: ['Hashtags', 'Tags', 'Topics'],
  features: ['Try Our AI Features', 'Ask the AI about this story', 'Smart tools', 'Summarise with Newsreel'],
  explore: ['Explore what Daily8 AI can do for you:', 'See what our assistant can do:', 'Get the key points in seconds:'],
  comments: ['Comments', 'Discussion', 'Reader comments', 'Join the conversation'],
  noComments: ['No comments yet...', 'Be the first to comment.', 'There are no comments on this story yet'],
  related: ['Related Articles', 'More Stories', 'You may also like', 'Read next', 'More from around the web'],
  app: ['DOWNLOAD THE APP', 'GET THE APP', 'Read on the go'],
  appLine: ['Get Started Now: Download the App', 'Install Newsreel now', 'Stay informed wherever you are'],
  appPitch: [
    'Ready to dive into a world of global content with local flavor? Download Daily8 app today from your preferred app store and start exploring.',
    'Newsreel brings you the stories that matter from hundreds of publishers, sorted and summarised. Free on your phone today.',
  ],
};

function clutter(rng: () => number, reword: boolean, kind: keyof typeof CLUTTER): string {
  return reword ? pick(rng, CLUTTER[kind]) : CLUTTER[kind][0]!;
}

interface Placed {
  article: SourceArticle;
  title: string;
  age: { literal: string; ms: number; unitMs: number };
  glued: boolean;
}

/** One dump with `main` as the page's article and `related` listed under it. */
export function generateDump(name: string, layout: 'A' | 'B', main: SourceArticle, related: SourceArticle[], asOf: Date, variation: DumpVariation, rng: () => number): GeneratedDump {
  const place = (article: SourceArticle, glueChance: number): Placed => ({
    article,
    title: rng() < variation.titleCase ? toTitleCase(article.title) : article.title,
    age: randomAge(rng),
    glued: rng() < glueChance,
  });
  const head = place(main, layout === 'A' ? variation.glueMain : 0);
  const items = related.map((article) => place(article, variation.glueRelated));
  const c = (kind: keyof typeof CLUTTER) => clutter(rng, variation.rewordClutter, kind);

  const lines: string[] = [];
  const mainParagraphs = main.paragraphs.map(withLinkBreaks);
  const video = items.length > 0 && rng() < variation.videoBlock ? { at: 1 + Math.floor(rng() * Math.max(1, mainParagraphs.length - 1)), title: items[0]!.title } : null;
  if (layout === 'A') {
    lines.push('');
    if (head.glued) lines.push(`${head.title} ${mainParagraphs[0]}`, ...mainParagraphs.slice(1));
    else lines.push(head.title, ...mainParagraphs);
  } else {
    lines.push('logo', head.title, '', head.title, '', `${main.sourceName}${head.age.literal}`, ...mainParagraphs);
  }
  if (video) {
    // Where the seeds put a player: a duration and a related headline twice, between paragraphs.
    const at = lines.length - mainParagraphs.length + video.at;
    lines.splice(at, 0, `0${1 + Math.floor(rng() * 8)}:${String(10 + Math.floor(rng() * 49))}`, video.title, video.title);
  }
  const spaced = (...block: string[]) => (layout === 'B' ? block.flatMap((l) => [l, '']) : block);
  if (layout === 'A' && rng() < 0.5) lines.push(c('hashtags'), '');
  lines.push(...spaced(c('features'), c('explore'), c('comments'), c('noComments'), c('related')));
  if (layout === 'A') lines.push('', '');

  for (const item of items) {
    const body = item.article.paragraphs.map(plain).join(' ');
    const titleAndBody = item.glued ? [`${item.title} ${body}`] : [item.title, body];
    if (layout === 'A') {
      lines.push(item.article.sourceName, item.age.literal, `- ${item.article.sourceName}`, ...titleAndBody, '', '');
    } else {
      lines.push(item.title, item.title, '', item.article.sourceName, '', `time${item.age.literal}`, '', `  • ${item.article.sourceName}`, '', ...titleAndBody.flatMap((l) => [l, '']));
    }
  }
  if (layout === 'B') lines.push(c('app'), '', c('appLine'), '', c('appPitch'), 'app-storeplay-store');

  // Layout A names no source for the page's own article: it is implied only when every related item shares one.
  const relatedSources = new Set(related.map((a) => a.sourceName));
  const mainSource = layout === 'B' ? main.sourceName : relatedSources.size === 1 ? [...relatedSources][0]! : null;
  const expect = (p: Placed, role: 'main' | 'related', sourceName: string | null): ExpectedArticle => ({
    role,
    title: p.title,
    sourceName,
    ageLiteral: p.age.literal,
    publishedAt: new Date(asOf.getTime() - p.age.ms),
    unitMs: p.age.unitMs,
    text: p.article.paragraphs.map(plain).join('\n\n'),
  });
  // Layout A prints no age for the main article: only its related items are dated.
  const expected = [expect(head, 'main', mainSource), ...items.map((p) => expect(p, 'related', p.article.sourceName))];
  if (layout === 'A') expected[0] = { ...expected[0]!, ageLiteral: '', unitMs: 0 };
  return { name, layout, text: lines.join('\n'), asOf, expected };
}

/**
 * `count` dumps from `articles`: each takes a main article and three to five related ones from
 * the others, a layout and a moment of saving, all from the seeded generator.
 */
export function generateDumps(articles: SourceArticle[], count: number, variation: DumpVariation, seed: number): GeneratedDump[] {
  if (articles.length < 4) throw new Error(`generateDumps: needs at least 4 articles, got ${articles.length}`);
  const rng = seededRandom(seed);
  const dumps: GeneratedDump[] = [];
  for (let n = 0; n < count; n++) {
    const main = articles[n % articles.length]!;
    const others = articles.filter((a) => a !== main);
    const related: SourceArticle[] = [];
    const want = 3 + Math.floor(rng() * 3);
    while (related.length < Math.min(want, others.length)) {
      const a = pick(rng, others);
      if (!related.includes(a)) related.push(a);
    }
    const layout = rng() < 0.5 ? 'A' : 'B';
    const asOf = new Date(Date.UTC(2025, 6, 1) + Math.floor(rng() * 60) * DAY + Math.floor(rng() * DAY));
    dumps.push(generateDump(`generated-${seed}-${n}`, layout, main, related, asOf, variation, rng));
  }
  return dumps;
}

/** What a reader got back for one article, in the shape the comparison needs. */
export interface ReadArticle {
  title: string;
  sourceName: string | null;
  publishedAt: Date | null;
  text: string;
}

const words = (text: string): string[] => text.match(/[\p{L}\p{N}]+/gu) ?? [];
const sameWords = (a: string[], b: string[]): boolean => a.length === b.length && a.every((w, i) => w === b[i]);

/**
 * Why `got` is not `want` exactly (title, source, age within the printed unit, first and last
 * five words), or null when it is.
 */
export function mismatch(want: ExpectedArticle, got: ReadArticle | null): string | null {
  if (!got) return 'not found';
  const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();
  if (collapse(got.title) !== collapse(want.title)) return `title ${JSON.stringify(got.title)} for ${JSON.stringify(want.title)}`;
  if (got.sourceName !== want.sourceName) return `source ${JSON.stringify(got.sourceName)} for ${JSON.stringify(want.sourceName)}`;
  if (want.ageLiteral && (!got.publishedAt || Math.abs(got.publishedAt.getTime() - want.publishedAt.getTime()) >= want.unitMs)) {
    return `time ${got.publishedAt?.toISOString() ?? 'none'} for ${want.publishedAt.toISOString()} (${want.ageLiteral})`;
  }
  const gotWords = words(got.text);
  const wantWords = words(want.text);
  if (!sameWords(gotWords.slice(0, 5), wantWords.slice(0, 5))) return `starts ${JSON.stringify(gotWords.slice(0, 8).join(' '))} for ${JSON.stringify(wantWords.slice(0, 5).join(' '))}`;
  if (!sameWords(gotWords.slice(-5), wantWords.slice(-5))) return `ends ${JSON.stringify(gotWords.slice(-8).join(' '))} for ${JSON.stringify(wantWords.slice(-5).join(' '))}`;
  return null;
}
