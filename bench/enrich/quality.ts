// Enrichment quality against the hand-written gold of the five seeds: precision and recall per
// kind (entities, roles, figures, figure subjects, quotes, quote speakers, dated events).
// Prints a table and the misses (with --misses), writes bench/results/enrich-quality.json.
// Run: npx tsx bench/enrich/quality.ts [--misses]
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { precision, recall, scoreGold } from '../../test/fixtures/gold/score.ts';
import { seedsPresent, SEEDS_DIR } from '../../test/fixtures/gold/seeds.ts';

if (!seedsPresent()) {
  console.error(`bench/enrich/quality: the seeds are missing (${SEEDS_DIR}); nothing to score`);
  process.exit(1);
}
const scores = scoreGold();
const kinds = ['entities', 'roles', 'figures', 'figureSubjects', 'quotes', 'quoteSpeakers', 'events'] as const;
const rows = kinds.map((kind) => {
  const c = scores[kind];
  return { kind, tp: c.tp, fp: c.fp, fn: c.fn, precision: Number(precision(c).toFixed(3)), recall: Number(recall(c).toFixed(3)) };
});
console.log(`enrichment quality over ${scores.articles} gold articles (5 seeds: 5 main + 4 related)`);
console.log('kind'.padEnd(16) + 'P'.padStart(7) + 'R'.padStart(7) + 'tp'.padStart(6) + 'fp'.padStart(6) + 'fn'.padStart(6));
for (const r of rows) {
  console.log(r.kind.padEnd(16) + r.precision.toFixed(3).padStart(7) + r.recall.toFixed(3).padStart(7) + String(r.tp).padStart(6) + String(r.fp).padStart(6) + String(r.fn).padStart(6));
}
if (process.argv.includes('--misses')) for (const m of scores.misses) console.log('  ' + m);
const out = fileURLToPath(new URL('../results/', import.meta.url));
mkdirSync(out, { recursive: true });
writeFileSync(out + 'enrich-quality.json', JSON.stringify({ at: new Date().toISOString(), articles: scores.articles, rows }, null, 2) + '\n');
