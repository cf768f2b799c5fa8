// Near-duplicate quality on a labelled set built at run time (fixed seed) from the article texts
// in ../shared/bench (article-extraction gold bodies and both news-clustering files):
//   positives: each text and a republished copy of it (new headline, clutter, and re-wrapped
//     paragraphs / an added or cut paragraph / typos / quote styles);
//   negatives: different articles on the same event or topic (same gold cluster, and ECB+'s two
//     look-alike events of one topic), the copies included, so a copy must not link to a sibling.
// Every text and copy goes through the same index the pipeline uses (LSH buckets, then the
// MinHash decision), in stream order; a pair is predicted a duplicate when both land in one
// family. Prints precision and recall; writes bench/results/dedup.json.
// Usage: npx tsx bench/dedup/run.ts
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { MemoryDedupIndex } from '../../src/dedup/memory-index.ts';
import { DEFAULT_DEDUP } from '../../src/dedup/near-duplicate.ts';
import { shingleSet } from '../../src/text/shingles.ts';
import { republish, seededRandom } from './edits.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const shared = process.env.DATELINE_SHARED_BENCH ?? `${repoRoot}../shared/bench/`;
const SEED = 20250801;

interface Base {
  key: string;
  title: string;
  text: string;
  /** Same-event group, for negatives (null: none). */
  group: string | null;
  /** ECB+ topic (both look-alike events), for harder negatives. */
  topic: string | null;
}

function loadBases(): Base[] {
  const bases: Base[] = [];
  const truth = JSON.parse(readFileSync(`${shared}article-extraction/ground-truth.json`, 'utf8')) as Record<string, { articleBody: string }>;
  for (const [id, gold] of Object.entries(truth).sort()) bases.push({ key: `extract:${id}`, title: '', text: gold.articleBody, group: null, topic: null });
  for (const file of ['news-cluster.jsonl', 'ecbplus.jsonl']) {
    for (const line of readFileSync(`${shared}news-clustering/${file}`, 'utf8').split('\n').filter(Boolean)) {
      const row = JSON.parse(line) as { id: string; cluster: string; title: string | null; text: string };
      bases.push({
        key: `${file}:${row.id}`,
        title: row.title ?? '',
        text: row.text,
        group: `${file}:${row.cluster}`,
        topic: file === 'ecbplus.jsonl' ? `ecb-topic:${row.cluster.split('_')[0]}` : null,
      });
    }
  }
  return bases.filter((b) => b.text.split(/\s+/).length >= 30);
}

/** Exact containment of 4-word shingles: how the ground truth tells a real copy in the source data. */
function exactContainment(a: string, b: string): number {
  const sa = new Set(shingleSet(a));
  const sb = new Set(shingleSet(b));
  let both = 0;
  for (const x of sa) if (sb.has(x)) both++;
  return both / Math.max(1, Math.min(sa.size, sb.size));
}

function main(): void {
  if (!existsSync(`${shared}news-clustering`) || !existsSync(`${shared}article-extraction`)) {
    console.error(`bench/dedup: ${shared} is missing (the shared benchmark data); nothing to run`);
    process.exitCode = 2;
    return;
  }
  const random = seededRandom(SEED);
  const bases = loadBases();
  // Items: every base text, then its copy. Stream: all originals first, copies after, as a wire
  // story is picked up by others after it runs.
  const items: { id: number; base: number; text: string; copy: boolean; edits: string[] }[] = [];
  for (const [i, b] of bases.entries()) items.push({ id: i + 1, base: i, text: b.text, copy: false, edits: [] });
  bases.forEach((b, i) => {
    const copy = republish(b.title, b.text, random);
    items.push({ id: bases.length + i + 1, base: i, text: copy.text, copy: true, edits: copy.edits });
  });

  // Labelled pairs (item indexes).
  const positives: [number, number][] = bases.map((_, i) => [i, bases.length + i]);
  const negatives: [number, number][] = [];
  let excludedRealCopies = 0;
  const byGroup = new Map<string, number[]>();
  bases.forEach((b, i) => {
    for (const g of [b.group, b.topic]) if (g) byGroup.set(g, [...(byGroup.get(g) ?? []), i]);
  });
  const seen = new Set<string>();
  for (const members of byGroup.values()) {
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) {
        const [i, j] = [members[x]!, members[y]!];
        if (seen.has(`${i},${j}`)) continue;
        seen.add(`${i},${j}`);
        // The source data has a few real copies (one wire story in two outlets): not negatives.
        if (exactContainment(bases[i]!.text, bases[j]!.text) >= 0.5) {
          excludedRealCopies++;
          continue;
        }
        negatives.push([i, j], [i, bases.length + j], [bases.length + i, j]);
      }
    }
  }

  const index = new MemoryDedupIndex(DEFAULT_DEDUP, Number.POSITIVE_INFINITY);
  const root = new Map<number, number>();
  const start = performance.now();
  items.forEach((item, k) => {
    const decision = index.check({ id: item.id, text: item.text, publishedAt: new Date(Date.UTC(2025, 0, 1) + k * 1000) });
    root.set(k, decision ? decision.duplicateOf - 1 : k);
  });
  const ms = performance.now() - start;
  const rootOf = (k: number) => {
    let r = root.get(k)!;
    while (root.get(r) !== r) r = root.get(r)!;
    return r;
  };
  const same = ([a, b]: [number, number]) => rootOf(a) === rootOf(b);
  const tp = positives.filter(same).length;
  const fp = negatives.filter(same).length;
  const fn = positives.length - tp;
  const precision = tp / Math.max(1, tp + fp);
  const recall = tp / positives.length;
  // Misses by edit kind, to see what costs recall.
  const missesByEdit = new Map<string, number>();
  const byEdit = new Map<string, number>();
  positives.forEach((pair, n) => {
    for (const e of items[bases.length + n]!.edits) {
      byEdit.set(e, (byEdit.get(e) ?? 0) + 1);
      if (!same(pair)) missesByEdit.set(e, (missesByEdit.get(e) ?? 0) + 1);
    }
  });
  console.log(
    `near-duplicates: ${bases.length} texts, ${positives.length} copies (positive pairs), ${negatives.length} same-topic negative pairs (seed ${SEED}; ${excludedRealCopies} real copies in the source data left out of the negatives)`,
  );
  console.log(`precision ${precision.toFixed(4)}  recall ${recall.toFixed(4)}  (TP ${tp}, FP ${fp}, FN ${fn})  ${(items.length / (ms / 1000)).toFixed(0)} articles/s`);
  if (process.argv.includes('--verbose')) {
    positives.forEach((pair, n) => {
      if (same(pair)) return;
      const copy = items[bases.length + n]!;
      console.log(`  missed ${bases[n]!.key}: ${bases[n]!.text.split(/\s+/).length} words, edits ${copy.edits.join('+')}, exact containment ${exactContainment(bases[n]!.text, copy.text).toFixed(2)}`);
    });
  }
  console.log('recall by edit: ' + [...byEdit].map(([e, n]) => `${e} ${(1 - (missesByEdit.get(e) ?? 0) / n).toFixed(3)}`).join(', '));
  mkdirSync(`${repoRoot}bench/results`, { recursive: true });
  writeFileSync(
    `${repoRoot}bench/results/dedup.json`,
    JSON.stringify(
      { seed: SEED, texts: bases.length, positives: positives.length, negatives: negatives.length, excludedRealCopies, tp, fp, fn, precision, recall, articlesPerSecond: items.length / (ms / 1000), config: DEFAULT_DEDUP },
      null,
      2,
    ) + '\n',
  );
}

main();
