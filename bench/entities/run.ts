// Entity quality per corpus and per type (P/R/F1 on exact spans) on the held-out dev parts of
// the corpora in ../shared/bench/entities, and on the seeds' gold (entity level), for:
//   model  — the trained tagger alone, on the corpus's own tokens;
//   tagger — the trained tagger alone on the raw text, through the stage's tokeniser (tagText):
//            what the post-rules sit on, so stage − tagger is what the post-rules add;
//   stage  — findEntities (tagger + titles, gazetteer, known names, merging), on the raw text;
//   rules  — findEntities with the hand-written rules it replaced (the baseline);
//   compromise — its people/places/organizations (with --compromise; slow).
// GUM news and BTC section G are the closest to the news we serve: printed first. Spans a corpus
// labels by its own conventions are not scored (see src/enrich/tagger/conll.ts, cleanSentence).
// --test adds the test parts (held out for the final measurement: never tune on them).
// The hand annotations of real news (src/enrich/tagger/annotations/, corpus news-ner, one part per
// source) are scored the same way, the stage on the article's own text (title, blank line, text);
// their test parts (most of news-cluster) only with --test.
// --file <path.conll> scores any CoNLL file (token<TAB>IOB2 tag) as one extra "corpus".
// Every document is scored twice: as written, and in capitals ("… CAPS" rows: wire headlines
// and shouted text, where a name's capital letter says nothing).
// Writes bench/results/entities.json (or --out name.json there).
// Run: npx tsx bench/entities/run.ts [--test] [--compromise] [--file f] [--model m] [--out name.json]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import nlp from 'compromise';
import { namedEntitySpans, setDefaultEntityMethod } from '../../src/enrich/entities.ts';
import { loadNewsAnnotations, NEWS_CORPUS, NEWS_TEXT_DIR, newsTextPresent, type NewsDoc } from '../../src/enrich/tagger/annotations.ts';
import { cleanSentence, CORPORA_DIR, corporaPresent, loadCorpora, parseConll, type CorpusDoc, type EntityType } from '../../src/enrich/tagger/conll.ts';
import { entityModel, tagText, useEntityModelFile } from '../../src/enrich/tagger/model.ts';
import { tagDocument } from '../../src/enrich/tagger/perceptron.ts';
import { countSpans, countTags, documentText, emptyCounts, prf, TYPES_AND_ALL, type TypedSpan, type TypeCounts } from '../../src/enrich/tagger/score.ts';
import { precision, recall, scoreGold } from '../../test/fixtures/gold/score.ts';
import { seedsPresent } from '../../test/fixtures/gold/seeds.ts';

const withTest = process.argv.includes('--test');
const withCompromise = process.argv.includes('--compromise');
const fileArg = process.argv.indexOf('--file');
// --model <path> measures a candidate model file instead of the shipped one (same features).
const modelArg = process.argv.indexOf('--model');
if (modelArg > 0) useEntityModelFile(process.argv[modelArg + 1]!);
if (!corporaPresent()) {
  console.error(`bench/entities: the corpora are missing in ${CORPORA_DIR}`);
  process.exit(1);
}

if (!newsTextPresent()) console.warn(`bench/entities: ${NEWS_TEXT_DIR} missing; no news annotations scored`);
const held = (d: CorpusDoc) => d.split === 'dev' || (withTest && d.split === 'test');
const asWritten: CorpusDoc[] = [...loadCorpora().filter(held), ...loadNewsAnnotations().filter(held)];
const isNews = (d: CorpusDoc): d is NewsDoc => d.corpus === NEWS_CORPUS;
const shouted = (d: CorpusDoc): CorpusDoc => {
  const caps = { ...d, split: `${d.split} CAPS` as CorpusDoc['split'], sentences: d.sentences.map((s) => ({ ...s, tokens: s.tokens.map((t) => t.toUpperCase()) })) };
  // A news text in capitals keeps its gold offsets (toUpperCase keeps the length of these texts; checked).
  if (isNews(d)) {
    const text = d.text.toUpperCase();
    if (text.length !== d.text.length) throw new Error(`bench/entities: ${d.part} ${d.id} changes length in capitals`);
    return { ...caps, text } as NewsDoc;
  }
  return caps;
};
const docs: CorpusDoc[] = [...asWritten, ...asWritten.map(shouted)];
if (fileArg > 0) {
  const file = process.argv[fileArg + 1]!;
  for (const [index, d] of parseConll(readFileSync(file, 'utf8'), file).entries()) {
    docs.push({ corpus: 'file', part: file.split('/').pop()!, index, split: 'test', sentences: d.sentences.map((s) => cleanSentence('file', s)) });
  }
}

function compromiseSpans(text: string): TypedSpan[] {
  const doc = nlp(text);
  const out: TypedSpan[] = [];
  const kinds: [EntityType, { json: (o: object) => unknown }][] = [
    ['PER', doc.people()],
    ['LOC', doc.places()],
    ['ORG', doc.organizations()],
  ];
  for (const [type, view] of kinds) {
    for (const m of view.json({ offset: true }) as { offset: { start: number; length: number }; text: string }[]) {
      // compromise's offsets include trailing punctuation in text; trim to the name.
      const trimmed = m.text.replace(/[\s.,;:!?'"“”’)]+$/u, '');
      out.push({ start: m.offset.start, end: m.offset.start + trimmed.length, type });
    }
  }
  return out;
}

type System = 'model' | 'tagger' | 'stage' | 'rules' | 'compromise';
const systems: System[] = ['model', 'tagger', 'stage', 'rules', ...(withCompromise ? (['compromise'] as const) : [])];
const results = new Map<string, Record<System, TypeCounts>>();
const keyed = (key: string) => {
  let r = results.get(key);
  if (!r) results.set(key, (r = { model: emptyCounts(), tagger: emptyCounts(), stage: emptyCounts(), rules: emptyCounts(), compromise: emptyCounts() }));
  return r;
};
const weights = entityModel();
const started = performance.now();
let stageMs = 0;
let stageChars = 0;
for (const doc of docs) {
  const keys = [`${doc.corpus}/${doc.split}`, `${doc.corpus}/${doc.part}/${doc.split}`];
  const predicted = tagDocument(
    weights,
    doc.sentences.map((s) => s.tokens),
  );
  for (const [i, s] of doc.sentences.entries()) for (const k of keys) countTags(keyed(k).model, s.tags, predicted[i]!, s.known);
  const { text, gold, unknown } = isNews(doc) ? { text: doc.text, gold: doc.spans, unknown: doc.unscored } : documentText(doc);
  const scored = (s: TypedSpan) => !unknown.some(([a, b]) => a < s.end && s.start < b);
  // CPU time of this process: on shared cores the wall clock also counts other processes' turns.
  const t = process.cpuUsage();
  const stage = namedEntitySpans(text, 'tagger');
  const used = process.cpuUsage(t);
  stageMs += (used.user + used.system) / 1000;
  stageChars += text.length;
  const rules = namedEntitySpans(text, 'rules');
  const tagger = tagText(text);
  const comp = withCompromise ? compromiseSpans(text) : [];
  for (const k of keys) {
    countSpans(keyed(k).stage, gold, stage, scored);
    countSpans(keyed(k).tagger, gold, tagger, scored);
    countSpans(keyed(k).rules, gold, rules, scored);
    if (withCompromise) countSpans(keyed(k).compromise, gold, comp, scored);
  }
}

const f = (x: number) => x.toFixed(3).replace(/^0/, '');
const row = (label: string, c: TypeCounts) =>
  `  ${label.padEnd(11)}` +
  TYPES_AND_ALL.map((t) => {
    const { p, r, f1 } = prf(c[t]);
    return `${t} ${f(f1)} (P ${f(p)} R ${f(r)})`;
  }).join('  ');
const proxies = ['gum/news', 'btc/G'];
// Real news first, then the corpora closest to it.
const rank = (key: string) => (key.startsWith(`${NEWS_CORPUS}/`) ? -1 : proxies.findIndex((p) => key.startsWith(p + '/')));
const order = [...results.keys()].sort((a, b) => {
  const pa = rank(a);
  const pb = rank(b);
  return (pa < 0 ? 99 : pa) - (pb < 0 ? 99 : pb) || a.localeCompare(b);
});
console.log('exact-span P/R/F1 per type; "stage" is what Dateline ships, "rules" the old rule-based finder (baseline)');
const json: Record<string, unknown> = {};
for (const key of order) {
  const r = results.get(key)!;
  const gold = r.model.ALL.tp + r.model.ALL.fn;
  const mark = key.startsWith(`${NEWS_CORPUS}/`) ? '   <- real news, annotated by hand' : proxies.some((p) => key.startsWith(p + '/')) ? '   <- closest to news' : '';
  console.log(`${key}${mark}  (${gold} gold spans scored)`);
  for (const s of systems) console.log(row(s, r[s]));
  json[key] = Object.fromEntries(systems.map((s) => [s, Object.fromEntries(TYPES_AND_ALL.map((t) => [t, { ...r[s][t], ...prf(r[s][t]) }]))]));
}

const gold: Record<string, { precision: number; recall: number }> = {};
if (seedsPresent()) {
  for (const method of ['tagger', 'rules'] as const) {
    setDefaultEntityMethod(method);
    const c = scoreGold('dev').entities;
    gold[method] = { precision: precision(c), recall: recall(c) };
    console.log(`seeds gold (entity level, dev), ${method === 'tagger' ? 'stage' : 'rules'}: P ${f(precision(c))} R ${f(recall(c))} (tp ${c.tp} fp ${c.fp} fn ${c.fn})`);
  }
  setDefaultEntityMethod('tagger');
} else console.warn('bench/entities: seeds not present; no gold figure');
const seconds = (performance.now() - started) / 1000;
console.log(
  `stage speed on the corpus texts: ${(stageChars / 1024 / (stageMs / 1000)).toFixed(0)} KiB per CPU-second (2 cores shared with other engineers' jobs, load average ${loadavg()[0]!.toFixed(1)}); whole run ${seconds.toFixed(0)} s`,
);

const out = fileURLToPath(new URL('../results/', import.meta.url));
mkdirSync(out, { recursive: true });
const outArg = process.argv.indexOf('--out');
writeFileSync(
  out + (outArg > 0 ? process.argv[outArg + 1]! : 'entities.json'),
  JSON.stringify({ at: new Date().toISOString(), test: withTest, results: json, seedsGold: gold, stageKibPerCpuSecond: Math.round(stageChars / 1024 / (stageMs / 1000)) }, null, 2) + '\n',
);
