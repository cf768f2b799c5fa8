// How many articles of generated page dumps come back exact (title, source, age within the printed
// unit, first and last words): dumps written by test/helpers/dump-generator.ts from the demo
// corpus's articles, split by story into dev (tuned on) and test, in the seeds' wording and with
// every variation (glued headlines, Title Case, reworded clutter). Prints the worst misses.
// Usage: npx tsx bench/dump/generated.ts [--misses N]
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parsePageDump } from '../../src/extract/dump.ts';
import { loadDemoArticles } from '../../test/helpers/demo-articles.ts';
import { EVERY_VARIATION, SEED_LIKE, generateDumps, mismatch, type GeneratedDump } from '../../test/helpers/dump-generator.ts';
import { DEV_STORIES, scoreDumps } from '../../test/helpers/dump-score.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const showMisses = Number(process.argv[process.argv.indexOf('--misses') + 1] ?? 0) || 0;
const articles = loadDemoArticles(`${repoRoot}demo`);
const results: Record<string, unknown>[] = [];
for (const [variationName, variation] of [
  ['seed wording', SEED_LIKE],
  ['every variation', EVERY_VARIATION],
] as const) {
  for (const split of ['dev', 'test'] as const) {
    const part = articles.filter((a) => DEV_STORIES.has(a.group) === (split === 'dev'));
    const dumps: GeneratedDump[] = generateDumps(part, 200, variation, split === 'dev' ? 18 : 81);
    const score = scoreDumps(dumps, (d) => parsePageDump(d.text, { referenceTime: d.asOf, fallbackTime: d.asOf }), mismatch);
    console.log(
      `${variationName.padEnd(16)} ${split.padEnd(4)} ${score.articles} articles in ${dumps.length} dumps: ${score.exact} exact = ${(score.exact / score.articles).toFixed(3)}  (main ${score.mainExact}/${dumps.length}, related ${score.exact - score.mainExact}/${score.articles - dumps.length})`,
    );
    results.push({ variation: variationName, split, articles: score.articles, exact: score.exact, share: score.exact / score.articles });
    if ((split === 'dev' || process.argv.includes('--test-misses')) && showMisses > 0) for (const m of score.misses.slice(0, showMisses)) console.log(`   ${m}`);
  }
}
mkdirSync(`${repoRoot}bench/results`, { recursive: true });
writeFileSync(`${repoRoot}bench/results/dump-generated.json`, JSON.stringify({ measuredAt: new Date().toISOString(), results }, null, 2));
