// The tagger alone: its speed on the demo and seed articles (tagText in a loop, articles per
// CPU-second), and a digest of every tag it gives on the corpora's dev parts (as written and in
// capitals) and every span it finds in those articles, so a change meant to be faster can be
// shown to change no output: run before and after and compare the digest.
// Run: npx tsx bench/entities/speed.ts [--passes N] [--no-digest]
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import { corporaPresent, loadCorpora } from '../../src/enrich/tagger/conll.ts';
import { entityModel, tagText } from '../../src/enrich/tagger/model.ts';
import { tagDocument } from '../../src/enrich/tagger/perceptron.ts';
import { demoArticles } from '../../test/fixtures/gold/demo-corpus.ts';
import { readSeedArticle, readSeedRelated, seedFiles, seedsPresent } from '../../test/fixtures/gold/seeds.ts';

const argPasses = process.argv.indexOf('--passes');
const passes = argPasses > 0 ? Number(process.argv[argPasses + 1]) : 30;
const texts = [...demoArticles().map((a) => a.text), ...(seedsPresent() ? seedFiles().flatMap((f) => [readSeedArticle(f), ...readSeedRelated(f)].map((a) => a.text)) : [])];
const weights = entityModel();

if (!process.argv.includes('--no-digest')) {
  const hash = createHash('sha256');
  let tokens = 0;
  if (corporaPresent()) {
    for (const doc of loadCorpora().filter((d) => d.split === 'dev')) {
      for (const caps of [false, true]) {
        const sentences = doc.sentences.map((s) => (caps ? s.tokens.map((t) => t.toUpperCase()) : s.tokens));
        for (const tags of tagDocument(weights, sentences)) {
          hash.update(tags.join(' ') + '\n');
          tokens += tags.length;
        }
      }
    }
  } else console.warn('bench/entities/speed: corpora absent; the digest covers the articles only');
  for (const text of texts) hash.update(JSON.stringify(tagText(text, weights)) + '\n');
  console.log(`digest of the tags (${tokens} dev tokens, as written and in capitals; spans of ${texts.length} articles): ${hash.digest('hex').slice(0, 16)}`);
}

for (const text of texts) tagText(text, weights);
const start = process.cpuUsage();
for (let p = 0; p < passes; p++) for (const text of texts) tagText(text, weights);
const used = process.cpuUsage(start);
const seconds = (used.user + used.system) / 1e6;
console.log(
  `tagText: ${texts.length} articles x ${passes} passes, ${((texts.length * passes) / seconds).toFixed(0)} articles per CPU-second (${((seconds * 1000) / (texts.length * passes)).toFixed(3)} ms CPU per article); load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
