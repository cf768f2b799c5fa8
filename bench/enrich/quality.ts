// Enrichment quality against the hand-written gold (test/fixtures/gold: the seeds' articles, the
// demo corpus's originals and 24 real news articles from ../shared/bench/news-clustering), per
// part: dev (what rules were tuned on), test (frozen, never tuned on), news (real news text; unseen
// at its first reading, recorded in bench/results/enrich-quality-l17g.json, a dev part from then on)
// and news-test (16 more real news articles, frozen: first reading in
// bench/results/enrich-quality-m17g.json; README.md there says which) and news-dev2 (16 more, a dev
// part since its first reading in bench/results/enrich-quality-m17d-first.json) and news-dev3 (11 more, a dev part since its
// first reading in bench/results/enrich-quality-r17f-first.json), each beside a plain baseline
// (bench/enrich/baseline.ts) from the same run. Precision, recall and F1 per kind: entities, roles, figures (value and unit), figure
// subjects, quotes (text), quote speakers and dated events. Prints the table (and the misses with
// --misses [dev|test|news|news-test|news-dev2|news-dev3], the worst articles' subject and speaker misses with --worst), writes bench/results/enrich-quality.json.
// --part dev|test|news|news-test|news-dev2|news-dev3 scores one part only (dev while tuning: the frozen parts are read once, at the end).
// The news parts are skipped, with a message, without ../shared/bench/news-clustering.
// Run: npx tsx bench/enrich/quality.ts [--part dev|test|news|news-test|news-dev2|news-dev3[,...]] [--misses <part>] [--worst <part> [n]] [--out <name>] [--model <file>]
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { NEWS_PARTS, precision, recall, scoreGold, stageEnricher, type Count, type GoldPart, type Scores } from '../../test/fixtures/gold/score.ts';
import { seedsPresent, SEEDS_DIR } from '../../test/fixtures/gold/seeds.ts';
import { NEWS_FILE, newsPresent } from '../../test/fixtures/gold/news-corpus.ts';
import { useEntityModelFile } from '../../src/enrich/tagger/model.ts';
import { baselineEnricher } from './baseline.ts';

// --model <path>: the stage with a candidate entity model file instead of the shipped one.
const modelAt = process.argv.indexOf('--model');
if (modelAt > 0) useEntityModelFile(process.argv[modelAt + 1]!);

if (!seedsPresent()) console.warn(`bench/enrich/quality: the seeds are missing (${SEEDS_DIR}); the dev part holds only the demo articles`);
if (!newsPresent()) console.warn(`bench/enrich/quality: the news articles are missing (${NEWS_FILE}); no news parts`);
const parts: GoldPart[] = newsPresent() ? ['dev', 'test', ...NEWS_PARTS] : ['dev', 'test'];
const kinds = ['entities', 'roles', 'figures', 'figureSubjects', 'quotes', 'quoteSpeakers', 'events'] as const;
// Roles need the stage's own reading of titles: the baseline has none to compare.
const noBaseline = new Set<string>(['roles']);
const f1 = (c: Count) => {
  const p = precision(c);
  const r = recall(c);
  return p + r ? (2 * p * r) / (p + r) : 0;
};
const row = (c: Count) => ({ tp: c.tp, fp: c.fp, fn: c.fn, precision: Number(precision(c).toFixed(3)), recall: Number(recall(c).toFixed(3)), f1: Number(f1(c).toFixed(3)) });

const results: Record<string, unknown> = {};
const scored: Partial<Record<GoldPart, Scores>> = {};
const partAt = process.argv.indexOf('--part');
// One part, or several joined by commas ("dev,news,news-dev2": the dev parts while tuning).
const onlyParts = partAt > 0 ? (process.argv[partAt + 1] ?? '').split(',') : undefined;
for (const named of onlyParts ?? []) {
  if (parts.includes(named as GoldPart)) continue;
  console.error(`bench/enrich/quality: --part takes ${parts.join(', ')} (or several joined by commas), not ${JSON.stringify(named)}`);
  process.exit(1);
}
for (const part of onlyParts ? (onlyParts as GoldPart[]) : parts) {
  const stage = scoreGold(part, stageEnricher);
  const baseline = scoreGold(part, baselineEnricher);
  scored[part] = stage;
  console.log(`\n${part} part: ${stage.articles} gold articles`);
  console.log('kind'.padEnd(16) + 'P'.padStart(7) + 'R'.padStart(7) + 'F1'.padStart(7) + '   baseline P     R    F1' + '   tp  fp  fn');
  const rows = kinds.map((kind) => {
    const s = row(stage[kind]);
    const b = noBaseline.has(kind) ? null : row(baseline[kind]);
    const fmt = (x: number) => x.toFixed(3).padStart(6);
    console.log(
      kind.padEnd(16) +
        fmt(s.precision) +
        ' ' +
        fmt(s.recall) +
        ' ' +
        fmt(s.f1) +
        '   ' +
        (b ? `${fmt(b.precision)}${fmt(b.recall)}${fmt(b.f1)}` : '     —     —     —'.padEnd(18)) +
        `  ${String(s.tp).padStart(4)}${String(s.fp).padStart(4)}${String(s.fn).padStart(4)}`,
    );
    return { kind, stage: s, baseline: b };
  });
  results[part] = { articles: stage.articles, rows };
}
const missesPart = process.argv.indexOf('--misses');
if (missesPart > 0) {
  const part = (process.argv[missesPart + 1] as GoldPart | undefined) ?? 'dev';
  for (const m of scored[part]?.misses ?? []) console.log('  ' + m);
}
// --worst [<part>] [n]: the articles with the most figure-subject and quote-speaker misses, worst
// first, each miss with the sentence it came from: what to read before changing a rule. Dev by
// default; read the test part's only for a final report.
const worstAt = process.argv.indexOf('--worst');
if (worstAt > 0) {
  const named = process.argv[worstAt + 1];
  const part: GoldPart = parts.includes(named as GoldPart) ? (named as GoldPart) : 'dev';
  const n = Number(process.argv.find((a, i) => i > worstAt && /^\d+$/.test(a)) ?? 10);
  const byArticle = new Map<string, string[]>();
  for (const m of scored[part]?.misses ?? []) {
    const at = m.search(/ (?:figure subject|speaker): /);
    if (at < 0) continue;
    const label = m.slice(0, at);
    byArticle.set(label, [...(byArticle.get(label) ?? []), m.slice(at + 1)]);
  }
  console.log(`\nworst ${part} articles (figure subjects and quote speakers):`);
  for (const [label, misses] of [...byArticle].sort((a, b) => b[1].length - a[1].length).slice(0, n)) {
    console.log(`${label}: ${misses.length}`);
    for (const m of misses) console.log('    ' + m);
  }
}
const out = fileURLToPath(new URL('../results/', import.meta.url));
mkdirSync(out, { recursive: true });
// --out <name>: write bench/results/<name>.json instead (a reading to keep, e.g. a part's first reading).
const outAt = process.argv.indexOf('--out');
const outName = outAt > 0 ? process.argv[outAt + 1].replace(/\.json$/, '') : 'enrich-quality';
writeFileSync(out + `${outName}.json`, JSON.stringify({ at: new Date().toISOString(), ...results }, null, 2) + '\n');
