// Reading the engine's decisions on a dev split: every join (an article into a story) and every
// settling fold, with its score, its channels, and whether it was right (the article's event is
// the story's main event) — to see where wrong joins sit among right ones before changing a rule.
// Usage: npx tsx bench/cluster/joins.ts [--split dev|dev-a|dev-b] [--files ecbplus] [--show 20]
//   Dev only: it refuses test.
import { OnlineClusterer } from '../../src/cluster/online.ts';
import { storyUnit, similarity, gapDays, type StoryState } from '../../src/cluster/stories.ts';
import { channelUnit, dateTerms } from '../../src/cluster/features.ts';
import { nameTerms } from '../../src/text/tokenise.ts';
import type { TermVector } from '../../src/text/tfidf.ts';
import { cohesion } from '../../src/cluster/settle.ts';
import { specificConflicts, specificsOf } from './specifics.ts';
import { devRun, argOf, watchStore } from './watch.ts';
import { FILES, inSplit, loadFile, rowTime } from './data.ts';

interface Decision {
  kind: 'join' | 'new' | 'fold' | 'merge';
  right: boolean;
  score: number;
  words: number;
  names: number;
  headline: number;
  /** The article's (or small story's) title or opening. */
  what: string;
  into: string;
  gold: string;
  storyGold: string;
  conflicts?: Record<string, boolean | null>;
  share?: number;
  /** Of the article's (small story's) two most-named names, how many the story holds: [top one held, count of top two]. */
  centre?: [boolean, number];
  /** The heaviest name (by weight, no dates) of each side missing from the other: [article's, story's]. */
  mutual?: [boolean, boolean];
  /** Articles in the story before the join. */
  size?: number;
}

const isDate = (t: string) => /^n:(y\d|d[a-z]{3}\d)/.test(t);
/** The heaviest name of a vector (dates aside). */
function topName(v: TermVector): string | null {
  let best: [string, number] | null = null;
  for (const [t, w] of v) if (t.startsWith('n:') && !isDate(t) && (!best || w > best[1])) best = [t, w];
  return best?.[0] ?? null;
}
const mutualMissing = (a: TermVector, b: TermVector): [boolean, boolean] => {
  const ta = topName(a);
  const tb = topName(b);
  return [ta !== null && !b.has(ta), tb !== null && !a.has(tb)];
};

/** Raw counts of the names an article's title and text mention. */
function nameCounts(title: string, text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const n of nameTerms(title + '\n' + text.split(/\s+/).slice(0, 400).join(' '))) out.set(n, (out.get(n) ?? 0) + 1);
  return out;
}

/** The k names said most often (ties: heavier in `unit`, then by term), and whether `other` holds each. */
function centreHeld(counts: Map<string, number>, unit: TermVector, other: TermVector, k = 2): [boolean, number] {
  const top = [...counts]
    .sort((a, b) => b[1] - a[1] || (unit.get('n:' + b[0]) ?? 0) - (unit.get('n:' + a[0]) ?? 0) || (a[0] < b[0] ? -1 : 1))
    .slice(0, k)
    .map(([t]) => other.has('n:' + t));
  return [top[0] ?? true, top.filter(Boolean).length];
}

// A figure: a decimal or version (5.6, 3.6.2), a count of three or more digits (853,000), a score (3-1); not a year.
const FIGURE = /(?<![\d.,:])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)+|\d{3,}|\d{1,2}-\d{1,2})(?![\d:]|[.,]\d)/g;
const figureTerms = (text: string): string[] => [...text.matchAll(FIGURE)].map((m) => m[1]!.replace(/,/g, '')).filter((f) => !/^(19[5-9]\d|20[0-4]\d)$/.test(f));

/** The share of a vector's `k` heaviest names (not dates) that the other vector holds at all. */
function topNameShare(a: TermVector, b: TermVector, k = 3): number {
  const names = [...a]
    .filter(([t]) => t.startsWith('n:') && !/^n:[yd]\d|^n:d[a-z]{3}\d/.test(t))
    .sort((x, y) => y[1] - x[1])
    .slice(0, k);
  if (!names.length) return NaN;
  return names.filter(([t]) => b.has(t)).length / names.length;
}

/** Disagreement of two sets: null when either is empty, else whether they share nothing. */
const disjoint = (a: Set<string>, b: Set<string>): boolean | null => (a.size && b.size ? ![...a].some((x) => b.has(x)) : null);

async function main(): Promise<void> {
  const run = devRun('joins');
  if (!run) return;
  const { split, config } = run;
  const show = Number(argOf('--show') ?? 15);
  for (const file of (argOf('--files') ?? FILES.join(',')).split(',')) {
    const rows = loadFile(file).filter((r) => inSplit(r.cluster, split));
    const clusterer = new OnlineClusterer(config);
    const store = clusterer.store;
    const goldOf = (articleId: number) => rows[articleId - 1]!.cluster;
    const label = (i: number) => (rows[i]!.title ?? rows[i]!.text).slice(0, 80).replace(/\s+/g, ' ');
    // Each story's members (article ids), followed through merges.
    const members = new Map<number, number[]>();
    const main = (storyId: number) => {
      const counts = new Map<string, number>();
      for (const a of members.get(storyId) ?? []) counts.set(goldOf(a), (counts.get(goldOf(a)) ?? 0) + 1);
      return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '?';
    };
    const watch = watchStore(store);
    const decisions: Decision[] = [];
    // At a fold, before the move: the two stories' raw score both ways and their cohesion.
    const foldInfo = new Map<string, string>();
    const foldCentre = new Map<string, [boolean, number]>();
    const foldMutual = new Map<string, [boolean, boolean]>();
    const originalMerge = store.merge.bind(store);
    store.merge = async (keepId, goneId) => {
      const keep = (await store.load(keepId))!;
      const gone = (await store.load(goneId))!;
      const [small, big] = gone.articleCount <= keep.articleCount ? [gone, keep] : [keep, gone];
      const raw = similarity(storyUnit(small), storyUnit(big), config.story);
      const gap = Math.max(gapDays(small.firstSeenAt, big), gapDays(small.lastSeenAt, big));
      // Does a story of the small one's own event exist, and how does it score?
      const own = main(small.id);
      let ownBest = -1;
      for (const [sid] of members) {
        if (sid === small.id || sid === big.id || main(sid) !== own) continue;
        const st = await store.load(sid);
        if (st) ownBest = Math.max(ownBest, similarity(storyUnit(small), storyUnit(st), config.story).score);
      }
      const counts = new Map<string, number>();
      for (const a of members.get(small.id) ?? []) for (const [t, n] of nameCounts(rows[a - 1]!.title ?? '', rows[a - 1]!.text)) counts.set(t, (counts.get(t) ?? 0) + n);
      foldCentre.set(`${goneId}:${keepId}`, centreHeld(counts, storyUnit(small), storyUnit(big)));
      foldMutual.set(`${goneId}:${keepId}`, mutualMissing(storyUnit(small), storyUnit(big)));
      foldInfo.set(
        `${goneId}:${keepId}`,
        `raw ${raw.score.toFixed(3)} (w ${raw.words.toFixed(2)} n ${raw.names.toFixed(2)} h ${raw.headline.toFixed(2)}) gap ${gap.toFixed(1)}d coh small ${cohesion(small, config.story).toFixed(2)} big ${cohesion(big, config.story).toFixed(2)} own-event story best ${ownBest.toFixed(3)}`,
      );
      return originalMerge(keepId, goneId);
    };
    const settleFold = (gone: number, kept: number) => {
      // Before the move: which side was the small one does not matter, the events do.
      const a = main(gone);
      const b = main(kept);
      decisions.push({
        kind: 'fold',
        right: a === b,
        // The settling score before any time decay (foldInfo's raw), and the small story's size.
        score: Number(/raw (-?[\d.]+)/.exec(foldInfo.get(`${gone}:${kept}`) ?? '')?.[1] ?? Number.NaN),
        size: members.get(gone)?.length,
        words: NaN,
        names: NaN,
        headline: NaN,
        what: `${members.get(gone)?.length} arts`,
        into: `${members.get(kept)?.length} arts ${foldInfo.get(`${gone}:${kept}`)}`,
        gold: a,
        storyGold: b,
        centre: foldCentre.get(`${gone}:${kept}`),
        mutual: foldMutual.get(`${gone}:${kept}`),
      });
      members.set(kept, [...(members.get(kept) ?? []), ...(members.get(gone) ?? [])]);
      members.delete(gone);
    };
    for (const [i, row] of rows.entries()) {
      const id = i + 1;
      const at = rowTime(row);
      // What the store holds just before the decision (the clusterer stamps undated rows itself).
      const before = new Map<number, StoryState>();
      watch.reset();
      const result = await clusterer.assign({ id, title: row.title ?? '', text: row.text, publishedAt: at, sourceName: row.source });
      for (const c of watch.calls[0] ?? []) before.set(c.id, c);
      const joined = before.get(result.storyId);
      if (joined) {
        const vector = watch.vector;
        const s = vector ? similarity(channelUnit(vector), storyUnit(joined), config.story) : { score: result.score, words: NaN, names: NaN, headline: NaN };
        const storyGold = main(result.storyId);
        const specifics = (i: number) => {
          const r = rows[i]!;
          const text = (r.title ? r.title + '\n' : '') + r.text;
          const head = text.split(/\s+/).slice(0, 40).join(' ');
          return {
            years: new Set(dateTerms(text).filter((t) => t.startsWith('n:y'))),
            days: new Set(dateTerms(text).filter((t) => t.startsWith('n:d'))),
            figures: new Set(figureTerms(text)),
            headFigures: new Set(figureTerms(head)),
            leadNames: new Set(nameTerms(head).filter((t) => t.includes('_'))),
          };
        };
        const mine = specifics(i);
        const theirs: Record<keyof typeof mine, Set<string>> = { years: new Set(), days: new Set(), figures: new Set(), headFigures: new Set(), leadNames: new Set() };
        for (const m of members.get(result.storyId) ?? []) {
          const o = specifics(m - 1);
          for (const k of Object.keys(theirs) as (keyof typeof theirs)[]) for (const x of o[k]) theirs[k].add(x);
        }
        const conflicts: Record<string, boolean | null> = {};
        for (const k of Object.keys(theirs) as (keyof typeof theirs)[]) conflicts[k] = disjoint(mine[k], theirs[k]);
        conflicts.headFigVsAll = disjoint(mine.headFigures, theirs.figures);
        // The opening's specifics (src/cluster/specifics.ts) against those of the story's articles.
        const own = specificsOf(row.title ?? '', row.text);
        const story = (members.get(result.storyId) ?? []).map((m) => specificsOf(rows[m - 1]!.title ?? '', rows[m - 1]!.text));
        for (const [key, c] of Object.entries(specificConflicts(own, story))) conflicts[key] = c;
        // Member by member: most of the story's articles that state a specific of a kind the article states disagree.
        for (const kind of ['weekday', 'year', 'unit', 'any'] as const) {
          const votes = story.map((m) => specificConflicts(own, [m])[kind]).filter((v) => v !== null);
          conflicts[`${kind}Most`] = votes.length ? votes.filter(Boolean).length * 2 > votes.length : null;
        }
        const pure = new Set((members.get(result.storyId) ?? []).map(goldOf)).size === 1;
        if (process.argv.includes('--pure') && !pure) continue;
        decisions.push({
          share: vector ? topNameShare(vector, storyUnit(joined)) : NaN,
          size: joined.articleCount,
          mutual: vector ? mutualMissing(channelUnit(vector), storyUnit(joined)) : undefined,
          centre: centreHeld(nameCounts(row.title ?? '', row.text), vector ? channelUnit(vector) : new Map(), storyUnit(joined)),
          conflicts,
          kind: 'join',
          right: storyGold === row.cluster,
          score: result.score,
          words: s.words,
          names: s.names,
          headline: s.headline,
          what: label(i),
          into: storyGold,
          gold: row.cluster,
          storyGold,
        });
      }
      members.set(result.storyId, [...(members.get(result.storyId) ?? []), id]);
      for (const gone of result.merged) {
        const a = main(gone);
        const b = main(result.storyId);
        decisions.push({ kind: 'merge', right: a === b, score: NaN, words: NaN, names: NaN, headline: NaN, what: '', into: '', gold: a, storyGold: b });
        members.set(result.storyId, [...(members.get(result.storyId) ?? []), ...(members.get(gone) ?? [])]);
        members.delete(gone);
      }
      for (const [gone, kept] of result.settled) settleFold(gone, kept);
    }
    for (const [gone, kept] of await clusterer.settle(null)) settleFold(gone, kept);
    const fmt = (x: number) => (Number.isNaN(x) ? '  -  ' : x.toFixed(3));
    console.log(`\n${file} (${split}): ${rows.length} articles`);
    for (const kind of ['join', 'merge', 'fold'] as const) {
      const list = decisions.filter((d) => d.kind === kind);
      const wrong = list.filter((d) => !d.right);
      console.log(`  ${kind}: ${list.length}, wrong ${wrong.length}`);
      const shares = (ds: Decision[]) => [0, 1 / 3, 2 / 3, 1].map((v) => ds.filter((d) => Math.abs((d.share ?? NaN) - v) < 0.01).length).join('/');
      if (kind !== 'merge') console.log(`    top-3 names held (0/⅓/⅔/all): right ${shares(list.filter((d) => d.right))}  wrong ${shares(wrong)}`);
      const centres = (ds: Decision[]) => `top one missing ${ds.filter((d) => d.centre && !d.centre[0]).length}/${ds.length}, top two held 0/1/2 ${[0, 1, 2].map((v) => ds.filter((d) => d.centre?.[1] === v).length).join('/')}`;
      const mut = (ds: Decision[]) => `article's missing ${ds.filter((d) => d.mutual?.[0]).length}, story's missing ${ds.filter((d) => d.mutual?.[1]).length}, both ${ds.filter((d) => d.mutual?.[0] && d.mutual?.[1]).length} of ${ds.length}`;
      if (kind !== 'merge') console.log(`    heaviest names: right ${mut(list.filter((d) => d.right))} | wrong ${mut(wrong)}`);
      if (kind !== 'merge') console.log(`    centre (most-named names): right ${centres(list.filter((d) => d.right))}  wrong ${centres(wrong)}`);
      if (kind === 'fold') {
        const foldBins = [0, 0.15, 0.2, 0.25, 0.3, 0.4, 2];
        for (const [label, sized] of [
          ['a story of 1', list.filter((d) => d.size === 1)],
          ['a story of 2-3', list.filter((d) => (d.size ?? 0) > 1)],
        ] as const) {
          const counts = foldBins
            .slice(0, -1)
            .map((b, k) => `${b}-${foldBins[k + 1]}: ${sized.filter((d) => d.right && d.score >= b && d.score < foldBins[k + 1]!).length}/${sized.filter((d) => !d.right && d.score >= b && d.score < foldBins[k + 1]!).length}`);
          console.log(`    raw score bins, folding ${label} (right / wrong): ${counts.join('  ')}`);
        }
      }
      if (kind !== 'join') {
        for (const d of wrong.slice(0, show)) console.log(`    wrong ${kind}: ${d.gold} (${d.what}) into ${d.storyGold} (${d.into})`);
        if (kind === 'fold' && process.argv.includes('--right')) for (const d of list.filter((x) => x.right).slice(0, show)) console.log(`    right ${kind}: ${d.gold} (${d.what}) into ${d.storyGold} (${d.into})`);
        continue;
      }
      const bins = [0.4, 0.5, 0.6, 0.7, 0.8, 2];
      console.log(
        '    score bins (right / wrong): ' +
          bins
            .slice(0, -1)
            .map((b, k) => `${b}-${bins[k + 1]}: ${list.filter((d) => d.right && d.score >= b && d.score < bins[k + 1]!).length}/${wrong.filter((d) => d.score >= b && d.score < bins[k + 1]!).length}`)
            .join('  '),
      );
      for (const size of [1, 2]) {
        const sized = list.filter((d) => d.size === size);
        console.log(
          `    into stories of ${size}: ` +
            bins
              .slice(0, -1)
              .map((b, k) => `${b}-${bins[k + 1]}: ${sized.filter((d) => d.right && d.score >= b && d.score < bins[k + 1]!).length}/${sized.filter((d) => !d.right && d.score >= b && d.score < bins[k + 1]!).length}`)
              .join('  '),
        );
      }
      for (const key of Object.keys(list[0]?.conflicts ?? {})) {
        const rate = (ds: Decision[]) => {
          const known = ds.filter((d) => d.conflicts![key] !== null);
          return `${known.filter((d) => d.conflicts![key]).length}/${known.length}`;
        };
        console.log(`    ${key} disjoint: right ${rate(list.filter((d) => d.right))}  wrong ${rate(wrong)}`);
      }
      for (const key of ['weekday', 'unit', 'any', 'yearMost', 'unitMost', 'anyMost']) {
        const hit = list.filter((d) => d.conflicts?.[key] === true);
        console.log(
          `    ${key} conflict, score bins (right / wrong): ` +
            bins
              .slice(0, -1)
              .map((b, k) => `${b}-${bins[k + 1]}: ${hit.filter((d) => d.right && d.score >= b && d.score < bins[k + 1]!).length}/${hit.filter((d) => !d.right && d.score >= b && d.score < bins[k + 1]!).length}`)
              .join('  '),
        );
      }
      for (const d of wrong.slice(0, show)) {
        console.log(`    wrong: ${fmt(d.score)} w ${fmt(d.words)} n ${fmt(d.names)} h ${fmt(d.headline)} [${d.gold} -> ${d.storyGold}] ${d.what}`);
      }
    }
  }
}

await main();
