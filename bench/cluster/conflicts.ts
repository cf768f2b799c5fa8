// Reading two conflict signals at the engine's decisions on dev (at every join, merge and settling
// fold: the article, or the smaller story's articles, against the other story's articles), counted
// right / wrong by decision kind and the size of the story met:
// - dates (default): the day-precision dates each side's text states (its events' dates, as the
//   enrichment stage reads them: src/enrich/events.ts findEvents, resolved against the article's
//   time; an undated article keeps only dates that name their year); a conflict when both sides
//   state one and no two are within K days (K = 2, 7, 30);
// - persons (--signal persons): each side's protagonist (the most repeated surname of a person
//   named by a given name the lexicon knows); a conflict when neither side names the other's.
// Usage: npx tsx bench/cluster/conflicts.ts [--split dev|dev-a|dev-b] [--files ecbplus] [--signal dates|persons] [--show 1|2]   (dev only)
import { OnlineClusterer } from '../../src/cluster/online.ts';
import { findEvents } from '../../src/enrich/events.ts';
import { splitSentences } from '../../src/text/sentences.ts';
import { lexiconClasses } from '../../src/enrich/tagger/lexicon.ts';
import { devRun, argOf, trackEvents } from './watch.ts';
import { FILES, inSplit, loadFile, rowTime, type Row } from './data.ts';

const DAY = 86_400_000;
const GAPS = [2, 7, 30] as const;

/** A tokenised text ("Feb . 04 , 2009") with its punctuation back against the word before. */
export const detokenise = (text: string): string => text.replace(/ ([,.:;!?)'])/g, '$1').replace(/\( /g, '(');

/** The day-precision dates a row's text states, as day numbers since the epoch. */
export function statedDays(row: Row): number[] {
  const text = detokenise((row.title ? row.title + '\n\n' : '') + row.text);
  const days = new Set<number>();
  const at = rowTime(row);
  // Undated: findEvents still resolves 'yesterday' against its fixed noon of 2000-01-01; keep only dates that name their year.
  for (const e of findEvents(text, splitSentences(text), at)) if (e.precision === 'day' && (at || /\b(?:1[89]|20)\d\d\b/.test(e.text))) days.add(Math.round(Date.parse(e.date + 'T00:00:00Z') / DAY));
  return [...days];
}

const PERSON = /\b(\p{Lu}\p{Ll}+)\s+(?:\p{Lu}\.\s+)?(\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)\b/gu;

/**
 * A side's protagonist: of the people its texts name as a given name the lexicon knows then a
 * capitalised word it does not know as a common one ('Jamal Williams'), the surname the texts
 * repeat most (at least twice), or null.
 */
export function protagonist(texts: string[]): string | null {
  const lexicon = lexiconClasses();
  const surnames = new Set<string>();
  for (const text of texts)
    for (const m of text.matchAll(PERSON)) {
      const given = lexicon.get(m[1]!.toLowerCase()) ?? [];
      const last = lexicon.get(m[2]!.toLowerCase()) ?? [];
      if (given.includes('first') && !last.includes('common')) surnames.add(m[2]!);
    }
  let best: [string, number] | null = null;
  for (const surname of surnames) {
    let n = 0;
    for (const text of texts) n += text.split(new RegExp(`\\b${surname}\\b`)).length - 1;
    if (n >= 2 && (!best || n > best[1] || (n === best[1] && surname < best[0]))) best = [surname, n];
  }
  return best?.[0] ?? null;
}

/** Null: a side has no protagonist; else whether neither side's protagonist is named by the other side. */
export function personConflict(a: string[], b: string[]): boolean | null {
  const pa = protagonist(a);
  const pb = protagonist(b);
  if (!pa || !pb) return null;
  const names = (texts: string[], surname: string) => texts.some((t) => new RegExp(`\\b${surname}\\b`).test(t));
  return !names(b, pa) && !names(a, pb);
}

/** Null: a side states no date; else whether no date of one side is within `gap` days of one of the other. */
export function conflict(a: number[], b: number[], gap: number): boolean | null {
  if (!a.length || !b.length) return null;
  for (const x of a) for (const y of b) if (Math.abs(x - y) <= gap) return false;
  return true;
}

interface Decision {
  kind: 'join' | 'merge' | 'fold';
  size: number;
  right: boolean;
  flags: (boolean | null)[];
}

async function main(): Promise<void> {
  const run = devRun('conflicts');
  if (!run) return;
  const { split, config } = run;
  for (const file of (argOf('--files') ?? FILES.join(',')).split(',')) {
    const rows = loadFile(file).filter((r) => inSplit(r.cluster, split));
    const cache = new Map<number, number[]>();
    const days = (id: number) => {
      let d = cache.get(id);
      if (!d) cache.set(id, (d = statedDays(rows[id - 1]!)));
      return d;
    };
    const textOf = (id: number) => detokenise((rows[id - 1]!.title ? rows[id - 1]!.title + '\n\n' : '') + rows[id - 1]!.text);
    const sideDays = (ids: number[]) => [...new Set(ids.flatMap(days))];
    const clusterer = new OnlineClusterer(config);
    const store = clusterer.store;
    const decisions: Decision[] = [];
    let phase: 'merge' | 'fold' = 'merge';
    const due = store.dueForSettling.bind(store);
    store.dueForSettling = (...args) => {
      phase = 'fold';
      return due(...args);
    };
    const note = (kind: Decision['kind'], a: number[], b: number[], right: boolean) => {
      const flags = argOf('--signal') === 'persons' ? [personConflict(a.map(textOf), b.map(textOf)), null, null] : GAPS.map((g) => conflict(sideDays(a), sideDays(b), g));
      decisions.push({ kind, size: b.length, right, flags });
      if (argOf('--show') && (!right || (argOf('--show') === '2' && flags[0])))
        console.log(
          `  ${right ? 'right' : 'WRONG'} ${kind} ${rows[a[0]! - 1]!.cluster} (${a.length}) into ${rows[b[0]! - 1]!.cluster}.. (${b.length}) conflict ${flags[0]} A ${sideDays(a)
            .slice(0, 5)
            .map((d) => new Date(d * DAY).toISOString().slice(0, 10))} B ${sideDays(b)
            .slice(0, 5)
            .map((d) => new Date(d * DAY).toISOString().slice(0, 10))}`,
        );
    };
    const { members, mainEvent, place } = trackEvents(store, rows, async (keepId, goneId) => {
      const a = members.get(goneId) ?? [];
      const b = members.get(keepId) ?? [];
      const [small, big] = a.length <= b.length ? [a, b] : [b, a];
      const right = new Set([...a, ...b].map((x) => rows[x - 1]!.cluster)).size === 1 || mainEvent(keepId) === mainEvent(goneId);
      note(phase, small, big, right);
    });
    for (const [i, row] of rows.entries()) {
      const id = i + 1;
      phase = 'merge';
      const before = new Map([...members].map(([k, v]) => [k, v.slice()]));
      const result = await clusterer.assign({ id, title: row.title ?? '', text: row.text, publishedAt: rowTime(row), sourceName: row.source, url: row.url });
      // A join: the article's story (or one merged into it right after) held articles before it came.
      const joined = before.get(result.storyId) ?? before.get(result.merged[0] ?? -1);
      if (joined) note('join', [id], joined, joined.filter((a) => rows[a - 1]!.cluster === row.cluster).length * 2 > joined.length);
      place(result.storyId, id);
    }
    phase = 'fold';
    await clusterer.settle(null);
    const dated = rows.filter((_, i) => days(i + 1).length).length;
    console.log(`\n${file} (${split}): ${rows.length} articles, ${dated} state a day-precision date`);
    const persons = argOf('--signal') === 'persons';
    console.log(`  decision size   right: n  ${persons ? 'conflict' : 'conflict@2/7/30'}  unknown | wrong: n  ${persons ? 'conflict' : 'conflict@2/7/30'}  unknown`);
    for (const kind of ['join', 'merge', 'fold'] as const) {
      for (const [label, fits] of [
        ['1', (n: number) => n === 1],
        ['2', (n: number) => n === 2],
        ['3+', (n: number) => n > 2],
      ] as const) {
        const list = decisions.filter((d) => d.kind === kind && fits(d.size));
        if (!list.length) continue;
        const cell = (right: boolean) => {
          const xs = list.filter((d) => d.right === right);
          const flagged = (persons ? [0] : GAPS.map((_, k) => k)).map((k) => xs.filter((d) => d.flags[k] === true).length).join('/');
          return `${String(xs.length).padStart(4)}  ${flagged.padStart(persons ? 8 : 14)}  ${String(xs.filter((d) => d.flags[0] === null).length).padStart(7)}`;
        };
        console.log(`  ${kind.padEnd(8)} ${label.padEnd(4)} | ${cell(true)} | ${cell(false)}`);
      }
    }
  }
}

if (process.argv[1]?.endsWith('conflicts.ts')) await main();
