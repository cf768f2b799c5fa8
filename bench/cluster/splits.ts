// Reading a split look before building one (dev only): the engine runs a dev split as bench/cluster
// does; then every final story of at least --min articles is cut in two by average link over its
// members' pairwise scores (the members' vectors as a story holds them: heldMemberVector, the
// same similarity() the engine scores with, both directions averaged). Prints, per story, the
// link between the two halves, the halves' own cohesion, and whether the cut separates events
// (a mixed story: do its events fall on different sides; a pure one: a cut would be wrong), the
// worst mixed stories with their join history (arrival order, score, new/joined/fold), and what
// B-cubed F1 would be if every story whose halves link below a threshold were cut at the end
// (an oracle over the threshold: it reads the labels, to decide whether a rule is worth building).
// Usage: npx tsx bench/cluster/splits.ts [--split dev|dev-a|dev-b] [--files ecbplus] [--min 4] [--history 4] [--cut avg|means] [--full] [--min-side 3]
// Findings (dev, held vectors, average link): the end-of-stream cut mostly peels one stray off;
// no threshold lifts ecbplus without cutting pure news-cluster stories. A look at sizes 4..32
// (prefix looks, sides of at least 3, link below 0.2) would cut two mixed ecbplus stories right
// and one pure news-cluster story (North Korea, 3 | 13, link .132) wrong; see StoryConfig.splitLink.
import { OnlineClusterer, DEFAULT_CLUSTER } from '../../src/cluster/online.ts';
import { MemoryStoryStore } from '../../src/cluster/memory-store.ts';
import { heldMemberVector, similarity } from '../../src/cluster/stories.ts';
import { channelUnit } from '../../src/cluster/features.ts';
import type { TermVector } from '../../src/text/tfidf.ts';
import { scoreClustering } from './metric.ts';
import { FILES, haveData, inSplit, loadFile, rowTime, type Split } from './data.ts';

interface Event {
  kind: 'new' | 'join' | 'merge' | 'fold';
  index: number;
  story: number;
  score: number;
}

/** Average-link agglomeration down to two groups: the groups and the link between them. */
export function averageLinkGroups(sim: number[][], members: number[]): { a: number[]; b: number[]; link: number } | null {
  if (members.length < 2) return null;
  let groups = members.map((m) => [m]);
  const link = (x: number[], y: number[]) => {
    let s = 0;
    for (const i of x) for (const j of y) s += sim[i]![j]!;
    return s / (x.length * y.length);
  };
  while (groups.length > 2) {
    let best: [number, number, number] | null = null;
    for (let i = 0; i < groups.length; i++) {
      for (let j = i + 1; j < groups.length; j++) {
        const l = link(groups[i]!, groups[j]!);
        if (!best || l > best[2]) best = [i, j, l];
      }
    }
    const [i, j] = best!;
    groups = [...groups.filter((_, k) => k !== i && k !== j), [...groups[i]!, ...groups[j]!]];
  }
  return { a: groups[0]!, b: groups[1]!, link: link(groups[0]!, groups[1]!) };
}

/** Two-means over the similarities: seeded by the least similar pair, each member to the side it agrees with more. */
export function twoMeansCut(sim: number[][], members: number[]): { a: number[]; b: number[]; link: number } | null {
  if (members.length < 2) return null;
  let seed: [number, number, number] | null = null;
  for (let x = 0; x < members.length; x++)
    for (let y = x + 1; y < members.length; y++) {
      const v = sim[members[x]!]![members[y]!]!;
      if (!seed || v < seed[2]) seed = [members[x]!, members[y]!, v];
    }
  let side = new Map<number, number>(members.map((m) => [m, sim[m]![seed![0]]! >= sim[m]![seed![1]]! ? 0 : 1]));
  side.set(seed![0], 0);
  side.set(seed![1], 1);
  for (let round = 0; round < 20; round++) {
    const next = new Map<number, number>();
    for (const m of members) {
      const avg = [0, 1].map((s) => {
        let t = 0;
        let n = 0;
        for (const o of members) {
          if (o === m || side.get(o) !== s) continue;
          t += sim[m]![o]!;
          n++;
        }
        return n ? t / n : -1;
      });
      next.set(m, avg[0]! >= avg[1]! ? 0 : 1);
    }
    if (![0, 1].every((s) => [...next.values()].includes(s))) break;
    const same = members.every((m) => next.get(m) === side.get(m));
    side = next;
    if (same) break;
  }
  const a = members.filter((m) => side.get(m) === 0);
  const b = members.filter((m) => side.get(m) === 1);
  let l = 0;
  for (const i of a) for (const j of b) l += sim[i]![j]!;
  return { a, b, link: l / (a.length * b.length) };
}

const mean = (sim: number[][], g: number[]) => {
  let s = 0;
  let n = 0;
  for (let x = 0; x < g.length; x++) {
    for (let y = x + 1; y < g.length; y++) {
      s += sim[g[x]!]![g[y]!]!;
      n++;
    }
  }
  return n ? s / n : 1;
};

async function main(): Promise<void> {
  const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1]! : null);
  const split = (arg('--split') ?? 'dev') as Split;
  if (!['dev', 'dev-a', 'dev-b'].includes(split)) throw new Error('splits.ts reads dev only (dev, dev-a, dev-b)');
  if (!haveData()) {
    console.error('bench/cluster/splits: ../shared/bench/news-clustering is missing; nothing to run');
    process.exitCode = 2;
    return;
  }
  const min = Number(arg('--min') ?? 4);
  const history = Number(arg('--history') ?? 4);
  // --cut means: two-means seeded by the least similar pair instead of average link; --full: the
  // articles' whole vectors instead of the held ones; --min-side: the smaller side the end-of-stream cut needs.
  const cutOf = arg('--cut') === 'means' ? twoMeansCut : averageLinkGroups;
  const full = process.argv.includes('--full');
  const minSide = Number(arg('--min-side') ?? 1);
  const config = DEFAULT_CLUSTER;
  for (const file of (arg('--files') ?? FILES.join(',')).split(',')) {
    const rows = loadFile(file).filter((r) => inSplit(r.cluster, split));
    const clusterer = new OnlineClusterer(config);
    const store = new MemoryStoryStore(config, true, true);
    Object.defineProperty(clusterer, 'store', { value: store });
    const predicted: number[] = [];
    const events: Event[] = [];
    const relabel = (gone: number, kept: number, kind: 'merge' | 'fold', index: number) => {
      events.push({ kind, index, story: kept, score: gone });
      for (let j = 0; j < predicted.length; j++) if (predicted[j] === gone) predicted[j] = kept;
    };
    for (const [i, row] of rows.entries()) {
      const a = await clusterer.assign({ id: i + 1, title: row.title ?? '', text: row.text, publishedAt: rowTime(row), sourceName: row.source });
      predicted.push(a.storyId);
      events.push({ kind: a.merged.length || !predicted.slice(0, -1).includes(a.storyId) ? 'new' : 'join', index: i, story: a.storyId, score: a.score });
      for (const gone of a.merged) relabel(gone, a.storyId, 'merge', i);
      for (const [gone, kept] of a.settled) relabel(gone, kept, 'fold', i);
    }
    for (const [gone, kept] of await clusterer.settle(null)) relabel(gone, kept, 'fold', rows.length);
    const vectors = new Map<number, TermVector>();
    for (const [id, v] of store.takeVectors()) vectors.set(id - 1, channelUnit(full ? v : heldMemberVector(v, config.story)));
    const gold = rows.map((r) => r.cluster);
    const stories = new Map<number, number[]>();
    for (const [i, p] of predicted.entries()) stories.set(p, [...(stories.get(p) ?? []), i]);
    const cuts: { story: number; size: number; mixed: boolean; separates: boolean; link: number; within: number; a: number[]; b: number[] }[] = [];
    for (const [story, members] of stories) {
      if (members.length < min) continue;
      const sim: number[][] = [];
      for (const i of members) {
        sim[i] = [];
        for (const j of members) sim[i]![j] = i === j ? 1 : (similarity(vectors.get(i)!, vectors.get(j)!, config.story).score + similarity(vectors.get(j)!, vectors.get(i)!, config.story).score) / 2;
      }
      const cut = cutOf(sim, members)!;
      const eventsIn = new Set(members.map((i) => gold[i]));
      const side = (g: number[]) => new Set(g.map((i) => gold[i]));
      const sa = side(cut.a);
      const sb = side(cut.b);
      const separates = eventsIn.size > 1 && [...sa].every((e) => !sb.has(e));
      if (eventsIn.size > 1) {
        // The gold cut: the main event against the rest.
        const main = [...eventsIn].map((e) => [e, members.filter((i) => gold[i] === e).length] as const).sort((x, y) => y[1] - x[1])[0]![0];
        const ga = members.filter((i) => gold[i] === main);
        const gb = members.filter((i) => gold[i] !== main);
        let l = 0;
        for (const i of ga) for (const j of gb) l += sim[i]![j]!;
        console.log(`  gold cut of story ${story}: ${ga.length}|${gb.length} link ${(l / ga.length / gb.length).toFixed(3)} within ${mean(sim, ga).toFixed(3)} / ${mean(sim, gb).toFixed(3)}`);
      }
      cuts.push({ story, size: members.length, mixed: eventsIn.size > 1, separates, link: cut.link, within: Math.min(mean(sim, cut.a), mean(sim, cut.b)), a: cut.a, b: cut.b });
    }
    console.log(`\n${file} (${split}): ${rows.length} articles, ${stories.size} stories, ${cuts.length} of at least ${min}`);
    console.log('  mixed  size  link  within  cut-sides(events)');
    for (const c of cuts.sort((x, y) => x.link - y.link)) {
      const desc = (g: number[]) => {
        const n = new Map<string, number>();
        for (const i of g) n.set(gold[i]!, (n.get(gold[i]!) ?? 0) + 1);
        return [...n].map(([e, k]) => `${e.slice(0, 18)}×${k}`).join(' ');
      };
      if (c.mixed || c.link < 0.3) console.log(`  ${c.mixed ? (c.separates ? 'MIXED+' : 'MIXED-') : 'pure  '} ${String(c.size).padStart(5)} ${c.link.toFixed(3)} ${c.within.toFixed(3)}   [${desc(c.a)}] | [${desc(c.b)}]`);
    }
    // Join history of the worst mixed stories.
    const mixed = cuts
      .filter((c) => c.mixed)
      .sort((x, y) => y.size - x.size)
      .slice(0, history);
    for (const c of mixed) {
      const members = new Set([...c.a, ...c.b]);
      console.log(`  history of story ${c.story} (${c.size}):`);
      for (const e of events) {
        if (e.kind === 'new' || e.kind === 'join') {
          if (!members.has(e.index)) continue;
          console.log(`    #${e.index} ${e.kind.padEnd(4)} s${e.story} ${e.score.toFixed(3)} [${gold[e.index]}] ${(rows[e.index]!.title ?? rows[e.index]!.text).slice(0, 70).replace(/\s+/g, ' ')}`);
        } else if (predicted.includes(e.story) && [...members].some((i) => predicted[i] === e.story) && e.story === c.story) console.log(`    at #${e.index} ${e.kind} s${e.score} -> s${e.story}`);
      }
    }
    // Prefix look: each story of at least `min` as it stood at sizes 4, 6, 8, 12, 16, 24, 32 (its
    // members in arrival order): would a cut there have fired, and been right?
    const prefixCuts: { link: number; minSide: number; right: boolean; mixed: boolean }[][] = [];
    for (const members of stories.values()) {
      if (members.length < min) continue;
      const looks: { link: number; minSide: number; right: boolean; mixed: boolean }[] = [];
      for (const size of [4, 6, 8, 12, 16, 24, 32]) {
        if (members.length < size) break;
        const prefix = members.slice(0, size);
        const sim: number[][] = [];
        for (const i of prefix) {
          sim[i] = [];
          for (const j of prefix) sim[i]![j] = i === j ? 1 : (similarity(vectors.get(i)!, vectors.get(j)!, config.story).score + similarity(vectors.get(j)!, vectors.get(i)!, config.story).score) / 2;
        }
        const cut = cutOf(sim, prefix)!;
        const sa = new Set(cut.a.map((i) => gold[i]));
        const mixed = new Set(prefix.map((i) => gold[i])).size > 1;
        if (cut.link < 0.2 && Math.min(cut.a.length, cut.b.length) >= 3)
          console.log(`  look at ${size} of ${members.length}: link ${cut.link.toFixed(3)} [${cut.a.map((i) => gold[i]!.slice(0, 12)).join(' ')}] | [${cut.b.map((i) => gold[i]!.slice(0, 12)).join(' ')}]`);
        looks.push({ link: cut.link, minSide: Math.min(cut.a.length, cut.b.length), mixed, right: mixed && cut.b.every((i) => !sa.has(gold[i])) });
      }
      prefixCuts.push(looks);
    }
    for (const m of [2, 3]) {
      const out: string[] = [];
      for (const t of [0.1, 0.125, 0.15, 0.175, 0.2, 0.25]) {
        let right = 0;
        let wrong = 0;
        for (const looks of prefixCuts) {
          const first = looks.find((l) => l.link < t && l.minSide >= m);
          if (first) first.right ? right++ : wrong++;
        }
        out.push(`t=${t}: ${right} right/${wrong} wrong`);
      }
      console.log(`  prefix looks, sides >= ${m}: ${out.join(', ')}`);
    }
    // The oracle: cut every story whose halves link below t (once; then recursively).
    const base = scoreClustering(gold, predicted).bcubed.f1;
    const line: string[] = [];
    for (const t of [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4]) {
      const labels = predicted.map(String);
      let cutCount = 0;
      let wrong = 0;
      for (const c of cuts) {
        if (c.link >= t || Math.min(c.a.length, c.b.length) < minSide) continue;
        cutCount++;
        if (!c.mixed) wrong++;
        for (const i of c.b) labels[i] = `${c.story}b`;
      }
      line.push(`t=${t}: ${scoreClustering(gold, labels).bcubed.f1.toFixed(3)} (${cutCount} cut, ${wrong} pure)`);
    }
    console.log(`  B-cubed F1 ${base.toFixed(3)}; cut at the end: ${line.join(', ')}`);
  }
}

await main();
