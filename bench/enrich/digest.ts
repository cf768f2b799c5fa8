// A digest of everything the enrichment stage returns (entities, mentions, figures, quotes,
// events, summaries), so a change meant only to be faster can be shown to change no output: run
// before and after and compare. Covers the demo and seed articles (with and without a publication
// time, with and without known people), the gold articles, and the entity corpora's dev documents
// rejoined as plain text (wider text than the news articles, for the cheap pre-checks).
// Prints one digest per group and one for all.
// Run: npx tsx bench/enrich/digest.ts [checkout root, default this tree]
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { seedsPresent } from '../../test/fixtures/gold/seeds.ts';
import { stageCorpus } from './corpus.ts';
import { goldEntries } from '../../test/fixtures/gold/score.ts';
import { corporaPresent, loadCorpora } from '../../src/enrich/tagger/conll.ts';

const root = process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : process.cwd();
const { enrichArticle, candidateNames } = await import(pathToFileURL(resolve(root, 'src/enrich/index.ts')).href);
const { normaliseKey } = await import(pathToFileURL(resolve(root, 'src/enrich/entities.ts')).href);

interface Input {
  title: string;
  text: string;
  publishedAt: Date | null;
}
const news: Input[] = stageCorpus();
if (!seedsPresent()) console.warn('bench/enrich/digest: ../shared/seeds absent; the seeds are not covered');
const known = new Set<string>(news.flatMap((a) => (candidateNames(a.text) as string[]).slice(0, 40)).map((n) => normaliseKey(n)));
const groups: Record<string, { input: Input; known?: ReadonlySet<string> }[]> = {
  news: news.map((input) => ({ input })),
  'news, no time': news.map((input) => ({ input: { ...input, publishedAt: null } })),
  'news, known people': news.map((input) => ({ input, known })),
  gold: goldEntries().map((e) => ({ input: e.article })),
  corpora: corporaPresent()
    ? loadCorpora()
        .filter((d) => d.split === 'dev')
        .map((d, i) => ({ input: { title: '', text: d.sentences.map((s) => s.tokens.join(' ')).join(i % 2 ? '\n\n' : ' '), publishedAt: new Date(Date.UTC(2020, i % 12, 1 + (i % 28))) } }))
    : [],
};
const all = createHash('sha256');
for (const [name, items] of Object.entries(groups)) {
  const hash = createHash('sha256');
  for (const { input, known } of items) {
    const line = JSON.stringify(enrichArticle(input, known ? { knownPeople: known } : {})) + '\n';
    hash.update(line);
    all.update(line);
  }
  console.log(`${name.padEnd(20)} ${String(items.length).padStart(4)} articles  ${hash.digest('hex').slice(0, 16)}`);
}
console.log(`${'all'.padEnd(20)} ${all.digest('hex').slice(0, 16)}`);
