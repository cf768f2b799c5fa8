// Reading the join and fold decisions on dev, for a learned join decision or a conflict rule:
// - at every article whose best candidate scores at least --floor (0.3), the engine's signals for
//   that candidate and whether joining it is right (the story's main event is the article's):
//   each signal's mean for right / wrong, by joins, joins into a story of 1-2 and those below the
//   bar; how well each signal and a small logistic model over all of them (fitted here on dev,
//   pooled, each file weighted equally) rank right joins above wrong ones (AUC, per file);
// - at every fold or merge, the pair's channel cosines, disjoint years, missing heaviest names and
//   name counts, by the sizes of the two sides (--list 1: one line per fold);
// - a surname conflict at joins and folds into stories of 1-2: each side's most frequent
//   many-word name has a surname the other side's full text never names;
// - --show <file>: the wrong joins into stories of 1-2, with both sides' openings.
// Usage: npx tsx bench/cluster/join-log.ts [--split dev|dev-a|dev-b] [--files ecbplus] [--floor 0.3] [--list 1] [--show ecbplus]   (dev only)
import { OnlineClusterer } from '../../src/cluster/online.ts';
import { scoreStory, similarity, storyUnit } from '../../src/cluster/stories.ts';
import { channelUnit } from '../../src/cluster/features.ts';
import type { TermVector } from '../../src/text/tfidf.ts';
import { nameTerms } from '../../src/text/tokenise.ts';
import { devRun, argOf, trackEvents, watchStore } from './watch.ts';
import { FILES, inSplit, loadFile, rowTime } from './data.ts';

const isDate = (t: string) => /^n:(y\d|d[a-z]{3}\d)/.test(t);
const heaviestName = (v: TermVector): string | null => {
  let best: [string, number] | null = null;
  for (const [t, w] of v) if (t.startsWith('n:') && !isDate(t) && (!best || w > best[1] || (w === best[1] && t < best[0]))) best = [t, w];
  return best?.[0] ?? null;
};
const datesOf = (v: TermVector) => [...v.keys()].filter(isDate);

/** A text's protagonist: its most frequent many-word name (ties to the first met), and all its single names. */
function namesOfText(text: string): { lead: string | null; words: Set<string> } {
  const counts = new Map<string, number>();
  const words = new Set<string>();
  for (const n of nameTerms(text)) {
    if (n.includes('_')) counts.set(n, (counts.get(n) ?? 0) + 1);
    else words.add(n);
  }
  let lead: [string, number] | null = null;
  for (const [n, c] of counts) if (!lead || c > lead[1]) lead = [n, c];
  return { lead: lead?.[0] ?? null, words };
}

/** Each side's protagonist's surname is missing from the other side's text: two people, two events. Null when a side has none. */
function surnameConflict(a: ReturnType<typeof namesOfText>[], b: ReturnType<typeof namesOfText>[]): boolean | null {
  const leadOf = (side: ReturnType<typeof namesOfText>[]) => side.map((x) => x.lead).find((x) => x !== null) ?? null;
  const la = leadOf(a);
  const lb = leadOf(b);
  if (!la || !lb) return null;
  const has = (side: ReturnType<typeof namesOfText>[], surname: string) => side.some((x) => x.words.has(surname));
  return !has(b, la.split('_').at(-1)!) && !has(a, lb.split('_').at(-1)!);
}

export const FEATURES = ['score', 'words', 'names', 'headline', 'logSize', 'margin', 'maxMember', 'minMember', 'ownName', 'storyName', 'dates', 'nameCount'] as const;

export interface Sample {
  file: string;
  right: boolean;
  joined: boolean;
  x: number[];
}

async function main(): Promise<void> {
  const run = devRun('join-log');
  if (!run) return;
  const { split, config } = run;
  const floor = Number(argOf('--floor') ?? 0.3);
  const files = (argOf('--files') ?? FILES.join(',')).split(',');
  const samples: Sample[] = [];
  const folds: { file: string; right: boolean; sizes: [number, number]; x: number[] }[] = [];
  for (const file of files) {
    const rows = loadFile(file).filter((r) => inSplit(r.cluster, split));
    const clusterer = new OnlineClusterer(config);
    const store = clusterer.store;
    const texts = rows.map((r) => namesOfText((r.title ? r.title + '\n' : '') + r.text));
    const conflicts: { kind: string; right: boolean; flag: boolean | null }[] = [];
    const { members, mainEvent, place } = trackEvents(store, rows, async (keepId, goneId) => {
      const keep = (await store.load(keepId))!;
      const gone = (await store.load(goneId))!;
      const [small, big] = gone.articleCount <= keep.articleCount ? [gone, keep] : [keep, gone];
      const a = storyUnit(small);
      const b = storyUnit(big);
      const s = similarity(a, b, config.story);
      const ya = datesOf(a).filter((t) => t.startsWith('n:y'));
      const yb = new Set(datesOf(b).filter((t) => t.startsWith('n:y')));
      const own = heaviestName(a);
      const theirs = heaviestName(b);
      if (big.articleCount <= 2) conflicts.push({ kind: 'fold', right: mainEvent(keepId) === mainEvent(goneId), flag: surnameConflict(sideOf(small.id), sideOf(big.id)) });
      folds.push({
        file,
        right: mainEvent(keepId) === mainEvent(goneId),
        sizes: [small.articleCount, big.articleCount],
        x: [
          s.score,
          s.words,
          s.names,
          s.headline,
          ya.length && yb.size && !ya.some((y) => yb.has(y)) ? 1 : 0,
          own && !b.has(own) ? 1 : 0,
          theirs && !a.has(theirs) ? 1 : 0,
          [...a.keys()].filter((t) => t.startsWith('n:')).length,
          [...b.keys()].filter((t) => t.startsWith('n:')).length,
        ],
      });
    });
    const sideOf = (storyId: number) => (members.get(storyId) ?? []).map((a) => texts[a - 1]!);
    const watch = watchStore(store);
    for (const [i, row] of rows.entries()) {
      const id = i + 1;
      watch.reset();
      const at = rowTime(row);
      const result = await clusterer.assign({ id, title: row.title ?? '', text: row.text, publishedAt: at, sourceName: row.source, url: row.url });
      const candidates = watch.calls[0] ?? [];
      if (watch.vector && candidates.length) {
        const unit = watch.vector;
        // The article's time as the engine saw it: the joined story's last sighting is at most it.
        const scored = candidates.map((c) => ({ c, s: scoreStory(unit, at, c, config.story) })).sort((a, b) => b.s.score - a.s.score || a.c.id - b.c.id);
        const best = scored[0]!;
        if (best.s.score >= floor && members.has(best.c.id)) {
          const story = storyUnit(best.c);
          const memberScores = best.c.members.map((m) => similarity(unit, channelUnit(m.vector), config.story).score);
          const own = heaviestName(unit);
          const theirs = heaviestName(story);
          const da = datesOf(unit);
          const db = new Set(datesOf(story));
          let names = 0;
          for (const t of unit.keys()) if (t.startsWith('n:')) names++;
          if (best.c.articleCount <= 2 && best.s.score >= config.story.joinThreshold) conflicts.push({ kind: 'join', right: mainEvent(best.c.id) === row.cluster, flag: surnameConflict([texts[i]!], sideOf(best.c.id)) });
          if (argOf('--show') === file && best.c.articleCount <= 2 && best.s.score >= config.story.joinThreshold && mainEvent(best.c.id) !== row.cluster) {
            console.log(`WRONG join ${row.cluster} into ${mainEvent(best.c.id)} score ${best.s.score.toFixed(3)} w ${best.s.words.toFixed(2)} n ${best.s.names.toFixed(2)}`);
            console.log('  A: ' + row.text.slice(0, 300).replace(/\s+/g, ' '));
            for (const a of members.get(best.c.id) ?? []) console.log('  S: ' + rows[a - 1]!.text.slice(0, 300).replace(/\s+/g, ' '));
          }
          samples.push({
            file,
            right: mainEvent(best.c.id) === row.cluster,
            joined: result.storyId === best.c.id || best.s.score >= config.story.joinThreshold,
            x: [
              best.s.score,
              best.s.words,
              best.s.names,
              best.s.headline,
              Math.log(best.c.articleCount),
              best.s.score - (scored[1]?.s.score ?? 0),
              Math.max(...memberScores),
              Math.min(...memberScores),
              own && !story.has(own) ? 1 : 0,
              theirs && !unit.has(theirs) ? 1 : 0,
              da.length && db.size && !da.some((d) => db.has(d)) ? 1 : 0,
              Math.min(1, names / config.story.fullNames),
            ],
          });
        }
      }
      place(result.storyId, id);
    }
    for (const kind of ['join', 'fold']) {
      const c = (flag: boolean | null, right: boolean) => conflicts.filter((x) => x.kind === kind && x.flag === flag && x.right === right).length;
      console.log(`${file} surname conflict at ${kind}s into 1-2, right/wrong: flagged ${c(true, true)}/${c(true, false)}, not ${c(false, true)}/${c(false, false)}, unknown ${c(null, true)}/${c(null, false)}`);
    }
  }
  for (const file of files) {
    for (const [joined, small] of [
      [true, false],
      [true, true],
      [false, false],
    ] as const) {
      const list = samples.filter((s) => s.file === file && s.joined === joined && (!small || s.x[4]! <= Math.log(2) + 1e-9));
      const right = list.filter((s) => s.right);
      const wrong = list.filter((s) => !s.right);
      const mean = (xs: Sample[], k: number) => (xs.length ? xs.reduce((a, s) => a + s.x[k]!, 0) / xs.length : NaN);
      console.log(`${file} ${joined ? (small ? 'joins into 1-2' : 'joins') : 'below the bar'}: right ${right.length}, wrong ${wrong.length}`);
      console.log('  ' + FEATURES.map((f, k) => `${f} ${mean(right, k).toFixed(3)}/${mean(wrong, k).toFixed(3)}`).join('  '));
    }
  }
  const FOLD = ['score', 'words', 'names', 'headline', 'years', 'ownName', 'storyName'];
  for (const file of files) {
    for (const [label, fits] of [
      ['1 into 1-2', (a: number, b: number) => a === 1 && b <= 2],
      ['1 into 3+', (a: number, b: number) => a === 1 && b > 2],
      ['2+ into any', (a: number) => a > 1],
    ] as const) {
      const list = folds.filter((f) => f.file === file && fits(f.sizes[0], f.sizes[1]));
      const right = list.filter((s) => s.right);
      const wrong = list.filter((s) => !s.right);
      const mean = (xs: typeof list, k: number) => (xs.length ? xs.reduce((a, s) => a + s.x[k]!, 0) / xs.length : NaN);
      console.log(`${file} folds ${label}: right ${right.length}, wrong ${wrong.length}`);
      console.log('  ' + FOLD.map((f, k) => `${f} ${mean(right, k).toFixed(3)}/${mean(wrong, k).toFixed(3)}`).join('  '));
      if (argOf('--list')) for (const f of list) console.log(`    ${f.right ? 'right' : 'WRONG'} ${f.sizes.join('/')} ` + f.x.map((v) => v.toFixed(2)).join(' '));
    }
  }
  const joins = samples.filter((s) => s.joined);
  const model = fitLogistic(joins, files);
  console.log('\nlogistic model over joins (standardised inputs), P(right):');
  console.log('  bias ' + model.bias.toFixed(3) + '  ' + FEATURES.map((f, k) => `${f} ${model.w[k]!.toFixed(3)}`).join('  '));
  console.log('  means ' + model.mean.map((m) => m.toFixed(4)).join(', '));
  console.log('  sds   ' + model.sd.map((m) => m.toFixed(4)).join(', '));
  // How well each signal and the model rank right joins above wrong ones, per file (AUC; 0.5: not at all).
  const auc = (list: Sample[], f: (s: Sample) => number) => {
    const r = list.filter((s) => s.right).map(f);
    const w = list.filter((s) => !s.right).map(f);
    let wins = 0;
    for (const x of r) for (const y of w) wins += x > y ? 1 : x === y ? 0.5 : 0;
    return r.length && w.length ? wins / r.length / w.length : NaN;
  };
  for (const file of files) {
    const list = joins.filter((s) => s.file === file);
    console.log(`  AUC ${file}: model ${auc(list, (s) => predict(model, s.x)).toFixed(3)}  ` + FEATURES.map((f, k) => `${f} ${auc(list, (s) => s.x[k]!).toFixed(2)}`).join('  '));
  }
  for (const cut of [0.2, 0.3, 0.4, 0.5]) {
    const cells = files.map((file) => {
      const list = joins.filter((s) => s.file === file);
      const vetoed = list.filter((s) => predict(model, s.x) < cut);
      return `${file} vetoes right ${vetoed.filter((s) => s.right).length} / wrong ${vetoed.filter((s) => !s.right).length} (of ${list.filter((s) => s.right).length}/${list.filter((s) => !s.right).length})`;
    });
    console.log(`  cut ${cut}: ${cells.join('   ')}`);
  }
}

interface Model {
  bias: number;
  w: number[];
  mean: number[];
  sd: number[];
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
function predict(m: Model, x: number[]): number {
  let z = m.bias;
  for (let k = 0; k < x.length; k++) z += (m.w[k]! * (x[k]! - m.mean[k]!)) / m.sd[k]!;
  return sigmoid(z);
}

/** Logistic regression by gradient descent, L2 0.01, each file's samples weighted to one file's share. */
function fitLogistic(samples: Sample[], files: string[]): Model {
  const d = FEATURES.length;
  const mean = Array.from({ length: d }, (_, k) => samples.reduce((a, s) => a + s.x[k]!, 0) / samples.length);
  const sd = Array.from({ length: d }, (_, k) => Math.sqrt(samples.reduce((a, s) => a + (s.x[k]! - mean[k]!) ** 2, 0) / samples.length) || 1);
  const perFile = new Map(files.map((f) => [f, samples.filter((s) => s.file === f).length]));
  const weight = samples.map((s) => samples.length / files.length / perFile.get(s.file)!);
  const m: Model = { bias: 0, w: new Array(d).fill(0), mean, sd };
  for (let step = 0; step < 3000; step++) {
    const g = new Array(d).fill(0);
    let gb = 0;
    for (const [i, s] of samples.entries()) {
      const err = (predict(m, s.x) - (s.right ? 1 : 0)) * weight[i]!;
      gb += err;
      for (let k = 0; k < d; k++) g[k] += (err * (s.x[k]! - mean[k]!)) / sd[k]!;
    }
    m.bias -= (0.5 * gb) / samples.length;
    for (let k = 0; k < d; k++) m.w[k] -= 0.5 * (g[k] / samples.length + 0.01 * m.w[k]!);
  }
  return m;
}

await main();
