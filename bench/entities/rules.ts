// What each post-rule of the entity stage does, measured one rule at a time: the stage (tagger +
// post-rules, src/enrich/entities.ts) on the dev parts of every corpus in ../shared/bench/entities
// (as written and in capitals) and on the seeds' gold dev part, with all rules on and with each
// rule switched off in turn (setStageRulesOff). Prints typed exact-span F1 per corpus and the
// change each rule's absence makes; a rule whose absence raises a corpus beyond noise hurts it.
// Dev parts only: the test parts are read once, by run.ts --test.
// The hand-annotated news dev parts (news-ner, src/enrich/tagger/annotations/) are measured on their own text.
// Writes bench/results/entities-rules.json (or --out name.json there). Run: npx tsx bench/entities/rules.ts [rule …] [--model file] [--out name.json]
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { namedEntitySpans, setStageRulesOff, STAGE_RULES, type StageRule } from '../../src/enrich/entities.ts';
import { loadNewsAnnotations } from '../../src/enrich/tagger/annotations.ts';
import { CORPORA_DIR, corporaPresent, loadCorpora, type CorpusDoc } from '../../src/enrich/tagger/conll.ts';
import { useEntityModelFile } from '../../src/enrich/tagger/model.ts';
import { countSpans, documentText, emptyCounts, prf, type TypedSpan, type TypeCounts } from '../../src/enrich/tagger/score.ts';
import { precision, recall, scoreGold } from '../../test/fixtures/gold/score.ts';
import { seedsPresent } from '../../test/fixtures/gold/seeds.ts';

if (!corporaPresent()) {
  console.error(`bench/entities/rules: the corpora are missing in ${CORPORA_DIR}`);
  process.exit(1);
}
const flag = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
if (flag('--model')) useEntityModelFile(flag('--model')!);
const asked = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !['--model', '--out'].includes(all[i - 1] ?? ''));
for (const a of asked) {
  if (!(STAGE_RULES as readonly string[]).includes(a)) {
    console.error(`bench/entities/rules: no stage rule "${a}"; the rules are: ${STAGE_RULES.join(', ')}`);
    process.exit(1);
  }
}
const rules = (asked.length ? asked : STAGE_RULES) as StageRule[];

const dev = loadCorpora().filter((d) => d.split === 'dev');
const shouted = (d: CorpusDoc): CorpusDoc => ({ ...d, sentences: d.sentences.map((s) => ({ ...s, tokens: s.tokens.map((t) => t.toUpperCase()) })) });
const texts = [...dev.map((d) => ({ key: d.corpus, doc: d })), ...dev.map((d) => ({ key: `${d.corpus} CAPS`, doc: shouted(d) }))].map(({ key, doc }) => ({ key, ...documentText(doc) }));
const news = loadNewsAnnotations().filter((d) => d.split === 'dev');
texts.push(...news.map((d) => ({ key: 'news-ner', text: d.text, gold: d.spans, unknown: d.unscored })), ...news.map((d) => ({ key: 'news-ner CAPS', text: d.text.toUpperCase(), gold: d.spans, unknown: d.unscored })));
const keys = [...new Set(texts.map((t) => t.key))].sort();

function measure(off: StageRule[]): Record<string, number> {
  setStageRulesOff(off);
  const counts = new Map<string, TypeCounts>();
  for (const t of texts) {
    let c = counts.get(t.key);
    if (!c) counts.set(t.key, (c = emptyCounts()));
    const scored = (s: TypedSpan) => !t.unknown.some(([a, b]) => a < s.end && s.start < b);
    countSpans(c, t.gold, namedEntitySpans(t.text, 'tagger'), scored);
  }
  const out: Record<string, number> = Object.fromEntries(keys.map((k) => [k, prf(counts.get(k)!.ALL).f1]));
  if (seedsPresent()) {
    const g = scoreGold('dev').entities;
    const [p, r] = [precision(g), recall(g)];
    out['seeds gold'] = p + r ? (2 * p * r) / (p + r) : 0;
  }
  setStageRulesOff([]);
  return out;
}

const started = process.cpuUsage();
const f = (x: number) => x.toFixed(3).replace(/^(-?)0/, '$1');
const d = (x: number) => (x >= 0 ? '+' : '') + f(x);
const all = measure([]);
const columns = Object.keys(all);
console.log(`typed exact-span F1 of the stage on dev; each row: the rule switched off, change against all rules on\n`);
console.log(`${'rule off'.padEnd(20)}${columns.map((c) => c.padStart(18)).join('')}`);
console.log(`${'(none)'.padEnd(20)}${columns.map((c) => f(all[c]!).padStart(18)).join('')}`);
const json: Record<string, Record<string, number>> = { none: all };
for (const rule of rules) {
  const r = measure([rule]);
  json[rule] = r;
  console.log(`${rule.padEnd(20)}${columns.map((c) => (Math.abs(r[c]! - all[c]!) < 0.0005 ? '.' : d(r[c]! - all[c]!)).padStart(18)).join('')}`);
}
const used = process.cpuUsage(started);
const cpu = (used.user + used.system) / 1e6;
console.log(`\nCPU ${cpu.toFixed(1)} s, load average ${loadavg()[0]!.toFixed(1)}`);
const out = fileURLToPath(new URL('../results/', import.meta.url));
mkdirSync(out, { recursive: true });
writeFileSync(out + (flag('--out') ?? 'entities-rules.json'), JSON.stringify({ at: new Date().toISOString(), cpuSeconds: cpu, load: loadavg()[0], results: json }, null, 2) + '\n');
