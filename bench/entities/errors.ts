// Where the entity errors are, on the dev parts only (never test): for each chosen corpus part, the
// stage's errors by kind (missed, spurious, wrong type, wrong boundary), whether the raw tagger
// (tagText on the same text) had the span right where the stage has it wrong and the other way
// round, and examples of each with a little context. Tuning reads this, not the test parts.
// --diff lists instead what the post-rules change against the raw tagger on the same text: gold
// spans the tagger had and the stage lost, those the stage gained, wrong spans the stage added and
// wrong spans of the tagger the stage removed (net: gained + removed − lost − added).
// The hand-annotated news reads as news-ner or news-ner/<source> (the stage on the article text).
// Run: npx tsx bench/entities/errors.ts [gum/news btc/G wikigold/wikipedia news-ner/ecbplus …] [--caps] [--diff] [--examples N] [--model file]
import { loadavg } from 'node:os';
import { namedEntitySpans } from '../../src/enrich/entities.ts';
import { loadNewsAnnotations, NEWS_CORPUS, type NewsDoc } from '../../src/enrich/tagger/annotations.ts';
import { corporaPresent, CORPORA_DIR, type CorpusDoc, loadCorpora } from '../../src/enrich/tagger/conll.ts';
import { tagText, useEntityModelFile } from '../../src/enrich/tagger/model.ts';
import { documentText, type TypedSpan } from '../../src/enrich/tagger/score.ts';

if (!corporaPresent()) {
  console.error(`bench/entities/errors: the corpora are missing in ${CORPORA_DIR}`);
  process.exit(1);
}
const args = process.argv.slice(2);
if (args.includes('--test')) {
  console.error('bench/entities/errors: dev parts only; the test parts are read once, by run.ts --test');
  process.exit(1);
}
const caps = args.includes('--caps');
const diff = args.includes('--diff');
const exAt = args.indexOf('--examples');
const examples = exAt >= 0 ? Number(args[exAt + 1]) : 25;
const modelAt = args.indexOf('--model');
if (modelAt >= 0) useEntityModelFile(args[modelAt + 1]!);
const parts = args.filter((a, i) => !a.startsWith('--') && (exAt < 0 || i !== exAt + 1) && (modelAt < 0 || i !== modelAt + 1));
const wanted = parts.length ? parts : ['gum/news', 'btc/G', 'wikigold/wikipedia'];

interface Err {
  kind: string;
  gold?: string;
  got?: string;
  context: string;
}

const started = process.cpuUsage();
for (const key of wanted) {
  const all: CorpusDoc[] = key.startsWith(NEWS_CORPUS) ? loadNewsAnnotations() : loadCorpora();
  const docs = all.filter((d) => d.split === 'dev' && (`${d.corpus}/${d.part}` === key || d.corpus === key));
  if (!docs.length) {
    console.error(`no dev documents for ${key}`);
    continue;
  }
  const counts = new Map<string, number>();
  const bump = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
  const errs: Err[] = [];
  const words = new Map<string, number>();
  for (const doc of docs) {
    const news = doc.corpus === NEWS_CORPUS ? (doc as NewsDoc) : null;
    const { text, gold, unknown } = news
      ? { text: caps ? news.text.toUpperCase() : news.text, gold: news.spans, unknown: news.unscored }
      : documentText(caps ? { ...doc, sentences: doc.sentences.map((s) => ({ ...s, tokens: s.tokens.map((t) => t.toUpperCase()) })) } : doc);
    const scored = (s: TypedSpan) => !unknown.some(([a, b]) => a < s.end && s.start < b);
    const g = gold.filter(scored);
    const stage = namedEntitySpans(text).filter(scored);
    const model = tagText(text).filter(scored);
    const k = (s: TypedSpan) => `${s.start}:${s.end}:${s.type}`;
    const stageKeys = new Set(stage.map(k));
    const modelKeys = new Set(model.map(k));
    const goldKeys = new Set(g.map(k));
    const ctx = (s: { start: number; end: number }) => `${text.slice(Math.max(0, s.start - 40), s.start)}[${text.slice(s.start, s.end)}]${text.slice(s.end, s.end + 40)}`.replace(/\n/g, ' / ');
    if (diff) {
      for (const s of g) {
        if (modelKeys.has(k(s)) === stageKeys.has(k(s))) continue;
        const kind = modelKeys.has(k(s)) ? `lost ${s.type}` : `gained ${s.type}`;
        bump(kind);
        const overlap = (modelKeys.has(k(s)) ? stage : model).filter((p) => p.start < s.end && s.start < p.end);
        errs.push({ kind, gold: text.slice(s.start, s.end), got: overlap.map((p) => `${text.slice(p.start, p.end)}/${p.type}`).join(', '), context: ctx(s) });
      }
      for (const [list, other, verb] of [
        [stage, modelKeys, 'added'],
        [model, stageKeys, 'removed'],
      ] as const) {
        for (const p of list) {
          if (goldKeys.has(k(p)) || other.has(k(p))) continue;
          bump(`${verb} wrong ${p.type}`);
          errs.push({ kind: `${verb} wrong ${p.type}`, got: `${text.slice(p.start, p.end)}/${p.type}`, context: ctx(p) });
        }
      }
      continue;
    }
    for (const s of g) {
      const inStage = stageKeys.has(k(s));
      const inModel = modelKeys.has(k(s));
      bump(`gold ${s.type}: stage ${inStage ? 'right' : 'wrong'}, model ${inModel ? 'right' : 'wrong'}`);
      if (inStage) continue;
      const overlap = stage.filter((p) => p.start < s.end && s.start < p.end);
      const same = overlap.find((p) => p.start === s.start && p.end === s.end);
      const kind = same ? `type ${s.type}->${same.type}` : overlap.length ? `boundary ${s.type}` : `missed ${s.type}`;
      bump(kind);
      const surface = text.slice(s.start, s.end);
      const capital = /^\p{Lu}/u.test(surface) ? 'capitalised' : 'lower';
      bump(`${kind.split(' ')[0]} (${capital})`);
      for (const w of surface.split(/\s+/)) words.set(w, (words.get(w) ?? 0) + 1);
      errs.push({ kind: `${kind}${inModel ? ' (model had it)' : ''}`, gold: surface, got: overlap.map((p) => `${text.slice(p.start, p.end)}/${p.type}`).join(', '), context: ctx(s) });
    }
    for (const p of stage) {
      if (goldKeys.has(k(p))) continue;
      if (g.some((s) => s.start < p.end && p.start < s.end)) continue;
      bump(`spurious ${p.type}`);
      errs.push({ kind: `spurious ${p.type}${modelKeys.has(k(p)) ? ' (model too)' : ''}`, got: text.slice(p.start, p.end), context: ctx(p) });
    }
  }
  console.log(`\n== ${key} dev${caps ? ' CAPS' : ''} (${docs.length} documents)`);
  for (const [c, n] of [...counts].sort()) console.log(`  ${c.padEnd(48)} ${n}`);
  const byKind = new Map<string, Err[]>();
  for (const e of errs) byKind.set(e.kind, [...(byKind.get(e.kind) ?? []), e]);
  for (const [kind, list] of [...byKind].sort((a, b) => b[1].length - a[1].length)) {
    console.log(`  -- ${kind}: ${list.length}`);
    for (const e of list.slice(0, examples)) console.log(`     ${e.gold ?? ''}${e.got ? ` => ${e.got}` : ''}   | ${e.context}`);
  }
}
const used = process.cpuUsage(started);
console.log(`\nCPU ${((used.user + used.system) / 1e6).toFixed(1)} s, load average ${loadavg()[0]!.toFixed(1)}`);
