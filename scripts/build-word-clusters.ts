// Builds src/enrich/tagger/word-clusters.json.gz: word classes learned from unlabelled text (see
// word-clusters.ts): the article bodies of ../shared/bench/news-clustering (news-cluster, ECB+,
// AllSides leads), the gold article texts of ../shared/bench/article-extraction, the seed
// articles in ../shared/seeds, and the words (not the tags) of the entity corpora's train
// splits. Counts only; same data, same bytes.
// Run: npx tsx scripts/build-word-clusters.ts (npm run train:entities runs it first).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { corporaPresent, loadCorpora, SHARE_ALIKE_PARTS } from '../src/enrich/tagger/conll.ts';
import { tokeniseSentences } from '../src/enrich/tagger/tokens.ts';
import { CLUSTER_OPTIONS, clusterWords, serialiseWordClusters, WORD_CLUSTERS_FILE } from '../src/enrich/tagger/word-clusters.ts';
import { jsonlBodies } from './news-texts.ts';

const SHARED = fileURLToPath(new URL('../../shared/', import.meta.url));
const NEWS = ['news-cluster.jsonl', 'ecbplus.jsonl', 'allsides-leads.jsonl'].map((f) => `bench/news-clustering/${f}`);
const EXTRACTION = 'bench/article-extraction/ground-truth.json';
const SEEDS = 'seeds';

const missing = [...NEWS, EXTRACTION, SEEDS].filter((f) => !existsSync(SHARED + f));
if (missing.length || !corporaPresent()) {
  console.error(`build-word-clusters: ${[...missing, ...(corporaPresent() ? [] : ['bench/entities'])].join(', ')} missing in ${SHARED}; nothing to learn from`);
  process.exit(1);
}

function* texts(): Generator<string> {
  yield* jsonlBodies(SHARED, NEWS);
  const pages = JSON.parse(readFileSync(SHARED + EXTRACTION, 'utf8')) as Record<string, { articleBody?: unknown }>;
  for (const id of Object.keys(pages).sort()) if (typeof pages[id]!.articleBody === 'string') yield pages[id]!.articleBody as string;
  for (const file of readdirSync(SHARED + SEEDS).sort()) if (file.endsWith('.txt')) yield readFileSync(`${SHARED}${SEEDS}/${file}`, 'utf8');
}

function* sentences(): Generator<string[]> {
  for (const text of texts()) for (const s of tokeniseSentences(text)) yield s.map((t) => t.text.toLowerCase());
  for (const doc of loadCorpora()) {
    if (doc.split !== 'train' || SHARE_ALIKE_PARTS.has(`${doc.corpus}/${doc.part}`)) continue;
    for (const s of doc.sentences) yield s.tokens.map((t) => t.toLowerCase());
  }
}

const started = Date.now();
const classes = clusterWords(sentences(), CLUSTER_OPTIONS);
const bytes = serialiseWordClusters(classes, { from: [...NEWS, EXTRACTION, SEEDS, 'bench/entities train splits (words only)'], ...CLUSTER_OPTIONS });
writeFileSync(WORD_CLUSTERS_FILE, bytes);
console.log(
  `word classes: ${classes.size} words in ${CLUSTER_OPTIONS.fine} classes (${CLUSTER_OPTIONS.coarse} groups), ${((Date.now() - started) / 1000).toFixed(0)} s; wrote ${WORD_CLUSTERS_FILE} (${(bytes.length / 1024).toFixed(0)} KiB)`,
);
