// CPU time per article of each part of the enrichment stage, called in the order enrichArticle
// calls them (the tagger timed alone as well, then inside findEntities), over the demo and seed
// articles: where the stage's time goes without a profiler's overhead.
// Run: node --single-threaded --import tsx bench/enrich/parts.ts [--passes N]
import { loadavg } from 'node:os';
import { clearNameCache, findEntities } from '../../src/enrich/entities.ts';
import { findEvents } from '../../src/enrich/events.ts';
import { figureSubjects } from '../../src/enrich/figure-subjects.ts';
import { findFigures } from '../../src/enrich/figures.ts';
import { enrichArticle } from '../../src/enrich/index.ts';
import { findQuotes } from '../../src/enrich/quotes.ts';
import { summariseArticle } from '../../src/enrich/summary.ts';
import { tagText } from '../../src/enrich/tagger/model.ts';
import { splitSentences } from '../../src/text/sentences.ts';
import { stageCorpus } from './corpus.ts';

const argPasses = process.argv.indexOf('--passes');
const passes = argPasses > 0 ? Number(process.argv[argPasses + 1]) : 20;
const corpus = stageCorpus();
for (const a of corpus) enrichArticle(a);
const ms: Record<string, number> = {};
const time = <T>(name: string, f: () => T): T => {
  const start = process.cpuUsage();
  const out = f();
  const used = process.cpuUsage(start);
  ms[name] = (ms[name] ?? 0) + (used.user + used.system) / 1000;
  return out;
};
for (let p = 0; p < passes; p++) {
  clearNameCache();
  for (const a of corpus) {
    const sentences = time('sentences', () => splitSentences(a.text));
    time('tagger alone', () => tagText(a.text));
    const entities = time('entities (tagger included)', () => findEntities(a.text));
    const found = time('figures', () => findFigures(a.text, sentences));
    time('figure subjects', () => figureSubjects(a.text, sentences, found, entities));
    time('quotes', () => findQuotes(a.text, entities));
    time('events', () => findEvents(a.text, sentences, a.publishedAt));
    time('summary', () => summariseArticle(a.title, a.text, 3, sentences));
    time('whole stage', () => enrichArticle(a));
  }
}
for (const [name, total] of Object.entries(ms)) console.log(`${name.padEnd(28)} ${(total / (passes * corpus.length)).toFixed(3)} ms CPU per article`);
console.log(
  `${corpus.length} articles x ${passes} passes; load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
