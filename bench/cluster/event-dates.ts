// Reading whether the dates an article's text states (its events' dates, as the enrichment stage
// reads them: src/enrich/events.ts findEvents, resolved against the article's time; an undated
// article keeps only dates that name their year) tell look-alike events apart at the engine's
// decisions on dev. At every join, merge and settling fold: the day-precision dates of each side
// (the article, or the smaller story's articles, against the other story's articles), and whether
// they conflict (both sides state a date and no two are within K days), counted right / wrong by
// decision kind and the size of the story met.
// Usage: npx tsx bench/cluster/event-dates.ts [--split dev|dev-a|dev-b] [--files ecbplus] [--show 1]   (dev only)
import { OnlineClusterer } from '../../src/cluster/online.ts';
import { findEvents } from '../../src/enrich/events.ts';
import { splitSentences } from '../../src/text/sentences.ts';
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
  const run = devRun('event-dates');
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
      const flags = GAPS.map((g) => conflict(sideDays(a), sideDays(b), g));
      decisions.push({ kind, size: b.length, right, flags });
      if (argOf('--show') && (!right || (argOf('--show') === '2' && flags[1])))
        console.log(
          `  ${right ? 'right' : 'WRONG'} ${kind} ${rows[a[0]! - 1]!.cluster} (${a.length}) into ${rows[b[0]! - 1]!.cluster}.. (${b.length}) conflict@7 ${flags[1]} A ${sideDays(a)
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
    console.log('  decision size   right: n  conflict@2/7/30  unknown | wrong: n  conflict@2/7/30  unknown');
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
          const flagged = GAPS.map((_, k) => xs.filter((d) => d.flags[k] === true).length).join('/');
          return `${String(xs.length).padStart(4)}  ${flagged.padStart(14)}  ${String(xs.filter((d) => d.flags[0] === null).length).padStart(7)}`;
        };
        console.log(`  ${kind.padEnd(8)} ${label.padEnd(4)} | ${cell(true)} | ${cell(false)}`);
      }
    }
  }
}

if (process.argv[1]?.endsWith('event-dates.ts')) await main();
