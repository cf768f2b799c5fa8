// A story's enrichment from its articles' enrichments: the timeline of dated events (each with
// its sentence and source, repeats across wire copies folded), the figures table (one row per
// subject and unit, values side by side where sources disagree), and quotes grouped by speaker.
// Pure: works on plain arrays, whether they come from the store or straight from enrichArticle.
import { similarity } from './summary.ts';
import { terms } from './sentences.ts';

export interface StoryArticleRef {
  articleId: number;
  sourceName: string | null;
  title: string;
  publishedAt: Date | null;
}

export interface EventRow {
  articleId: number;
  date: string;
  precision: 'day' | 'month' | 'year';
  text: string;
  sentence: string;
}

export interface FigureRow {
  articleId: number;
  subject: string | null;
  subjectKey: string | null;
  subjectName?: string | null;
  value: number;
  unit: string | null;
  text: string;
  context: string;
}

export interface QuoteRow {
  articleId: number;
  text: string;
  speaker: string | null;
  speakerKey: string | null;
  speakerName: string | null;
}

export interface TimelineEntry {
  date: string;
  precision: 'day' | 'month' | 'year';
  text: string;
  sentence: string;
  /** Every article that states it, first one first. */
  sources: { articleId: number; sourceName: string | null; publishedAt: string | null }[];
}

function refOf(articles: Map<number, StoryArticleRef>, id: number) {
  const a = articles.get(id);
  return { articleId: id, sourceName: a?.sourceName ?? null, publishedAt: a?.publishedAt?.toISOString() ?? null };
}

/** Events in date order; the same date with a near-identical sentence from another source is one entry. */
export function storyTimeline(refs: StoryArticleRef[], events: EventRow[]): TimelineEntry[] {
  const articles = new Map(refs.map((r) => [r.articleId, r]));
  const entries: (TimelineEntry & { set: Set<string> })[] = [];
  const ordered = [...events].sort(
    (a, b) => (articles.get(a.articleId)?.publishedAt?.getTime() ?? 0) - (articles.get(b.articleId)?.publishedAt?.getTime() ?? 0),
  );
  for (const e of ordered) {
    const set = new Set(terms(e.sentence));
    const same = entries.find((x) => x.date === e.date && similarity(x.set, set) >= 0.6);
    if (same) {
      if (!same.sources.some((s) => s.articleId === e.articleId)) same.sources.push(refOf(articles, e.articleId));
      continue;
    }
    entries.push({ date: e.date, precision: e.precision, text: e.text, sentence: e.sentence, sources: [refOf(articles, e.articleId)], set });
  }
  const rank = { year: 0, month: 1, day: 2 } as const;
  return entries
    .sort((a, b) => a.date.localeCompare(b.date) || rank[a.precision] - rank[b.precision])
    .map(({ set: _set, ...entry }) => entry);
}

export interface FigureTableRow {
  subject: string;
  subjectKey: string | null;
  unit: string | null;
  /** Each distinct value with the articles that give it. */
  values: { value: number; text: string; context: string; sources: ReturnType<typeof refOf>[] }[];
  /** True when the sources give different values for the same subject and unit. */
  disagree: boolean;
}

/** One row per subject and unit; a row whose sources give different values lists them side by side. */
export function storyFigures(refs: StoryArticleRef[], figures: FigureRow[]): FigureTableRow[] {
  const articles = new Map(refs.map((r) => [r.articleId, r]));
  const rows = new Map<string, FigureTableRow>();
  for (const f of figures) {
    if (!f.subject && !f.subjectKey) continue;
    // Subjects meet by the entity they name, else by their content words.
    const subjectKey = f.subjectKey ?? terms(f.subject ?? '').sort().join(' ');
    if (!subjectKey) continue;
    const key = `${subjectKey}|${f.unit ?? ''}`;
    let row = rows.get(key);
    if (!row) {
      row = { subject: f.subjectName ?? f.subject ?? subjectKey, subjectKey: f.subjectKey, unit: f.unit, values: [], disagree: false };
      rows.set(key, row);
    }
    let value = row.values.find((v) => Math.abs(v.value - f.value) <= Math.abs(f.value) * 1e-9);
    if (!value) {
      value = { value: f.value, text: f.text, context: f.context, sources: [] };
      row.values.push(value);
    }
    if (!value.sources.some((s) => s.articleId === f.articleId)) value.sources.push(refOf(articles, f.articleId));
  }
  const table = [...rows.values()];
  for (const row of table) row.disagree = row.values.length > 1;
  // Rows many sources report first; then by subject.
  const weight = (r: FigureTableRow) => r.values.reduce((n, v) => n + v.sources.length, 0);
  return table.sort((a, b) => weight(b) - weight(a) || a.subject.localeCompare(b.subject));
}

export interface SpeakerQuotes {
  speaker: string;
  speakerKey: string | null;
  quotes: { text: string; articleId: number; sourceName: string | null }[];
}

/** Quotes grouped by who said them (resolved entity first, else the words naming the speaker). */
export function quotesBySpeaker(refs: StoryArticleRef[], quotes: QuoteRow[]): SpeakerQuotes[] {
  const articles = new Map(refs.map((r) => [r.articleId, r]));
  const groups = new Map<string, SpeakerQuotes>();
  const seen = new Set<string>();
  for (const q of quotes) {
    const textKey = q.text.toLowerCase().replace(/\W+/g, ' ').trim();
    if (seen.has(textKey)) continue; // the same quote in a wire copy
    seen.add(textKey);
    const key = q.speakerKey ?? (q.speaker ? `text:${q.speaker.toLowerCase()}` : 'unknown');
    let group = groups.get(key);
    if (!group) {
      group = { speaker: q.speakerName ?? q.speaker ?? 'Unattributed', speakerKey: q.speakerKey, quotes: [] };
      groups.set(key, group);
    }
    group.quotes.push({ text: q.text, articleId: q.articleId, sourceName: articles.get(q.articleId)?.sourceName ?? null });
  }
  return [...groups.values()].sort((a, b) => (a.speakerKey ? 0 : 1) - (b.speakerKey ? 0 : 1) || b.quotes.length - a.quotes.length);
}
