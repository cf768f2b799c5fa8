// Builds src/enrich/tagger/entities-model.json.gz from the corpora in ../shared/bench/entities:
// trains on their train splits, measures every pass on the dev splits, keeps the pass with the
// best mean dev F1, prunes and rounds the weights, writes the file. Same data, same file.
// Data sources and licences: src/enrich/tagger/MODEL.md.
// Run: npm run train:entities [-- --epochs N --seed N --out path --weights JSON --prune X]
import { writeFileSync } from 'node:fs';
import { CORPORA_DIR, corporaPresent, loadCorpora } from '../src/enrich/tagger/conll.ts';
import { MODEL_FILE, serialiseModel } from '../src/enrich/tagger/model.ts';
import type { Weights } from '../src/enrich/tagger/perceptron.ts';
import { formatCounts } from '../src/enrich/tagger/score.ts';
import { CASE_AUGMENTATION, caseAugmenter, CORPUS_WEIGHTS, devScore, evaluateModel, train, TRAINING_SEED, trainingDocs } from '../src/enrich/tagger/train.ts';
import { CLUSTER_FEATURES, coarseWordClustersOnly, withoutWordClusters } from '../src/enrich/tagger/word-clusters.ts';
import { seededRandom } from '../src/text/random.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const epochs = Number(arg('--epochs') ?? 10);
// --seed N trains with another order and case-augmentation draw (to measure how much a run varies by chance).
const seed = Number(arg('--seed') ?? TRAINING_SEED);
if (!Number.isInteger(seed)) {
  console.error(`train-entities: --seed takes an integer, not ${arg('--seed')}`);
  process.exit(1);
}
const out = arg('--out') ?? MODEL_FILE;
// Features whose every weight is smaller than this are dropped (keeps the file a few MB).
const PRUNE = Number(arg('--prune') ?? 0.05);
// --no-augment trains without case augmentation (to measure what it does).
// --no-memory trains without the document memory's features (to measure what they do).
const memory = !process.argv.includes('--no-memory');
// --no-clusters trains without the word-class features (c=, cg=; to measure what they do).
if (process.argv.includes('--no-clusters')) withoutWordClusters();
// --coarse-clusters trains with the word-class groups alone (cg=, no c=).
if (process.argv.includes('--coarse-clusters')) coarseWordClustersOnly();
// --fine-word-only: the word's own fine class and every group, but no fine classes of neighbours.
if (process.argv.includes('--fine-word-only')) CLUSTER_FEATURES.fineNeighbours = false;
// --augment '{"shouted":0.12}' changes the shares for an experiment.
// --word-dropout X hides the word's own features on a share X of capitalised training tokens per pass (experiment).
const wordDropout = Number(arg('--word-dropout') ?? 0);
const augmentation = process.argv.includes('--no-augment') ? { shouted: 0, titled: 0 } : { ...CASE_AUGMENTATION, ...JSON.parse(arg('--augment') ?? '{}') };

if (!corporaPresent()) {
  console.error(`train-entities: the corpora are missing in ${CORPORA_DIR}; nothing to train on`);
  process.exit(1);
}
// --weights '{"btc":1}' overrides corpus weights for an experiment; the shipped model uses the defaults.
const corpusWeights: Record<string, number> = { ...CORPUS_WEIGHTS, ...JSON.parse(arg('--weights') ?? '{}') };
const docs = loadCorpora();
const training = trainingDocs(docs, corpusWeights);
const dev = docs.filter((d) => d.split === 'dev');
const devCorpora = [...new Set(dev.map((d) => d.corpus))].sort();
console.log(`training on ${training.length} documents (${training.reduce((n, d) => n + d.sentences.reduce((m, s) => m + s.tokens.length, 0), 0)} tokens), corpus weights ${JSON.stringify(corpusWeights)}; dev: ${dev.length} documents`);

// --seeds 17,29,41 trains one model per seed (each keeps its best pass) and writes the average of
// their weights: less of the model is owed to one order of the sentences and one draw of the case
// augmentation. One seed (the default, or --seed N) trains and writes that model alone.
const seeds = arg('--seeds')?.split(',').map(Number) ?? [seed];
if (!seeds.length || seeds.some((s) => !Number.isInteger(s))) {
  console.error(`train-entities: --seeds takes integers separated by commas, not ${arg('--seeds')}`);
  process.exit(1);
}
const started = Date.now();
function trainSeed(runSeed: number): { epoch: number; score: number; weights: Weights } {
  let best: { epoch: number; score: number; weights: Weights } | null = null;
  train(
    training,
    epochs,
    runSeed,
    (epoch, averaged) => {
      const weights = averaged();
      const byKey = evaluateModel(weights, dev);
      const score = devScore(byKey, devCorpora);
      console.log(`${seeds.length > 1 ? `seed ${runSeed} ` : ''}pass ${epoch}: mean dev F1 ${score.toFixed(4)}  (${((Date.now() - started) / 1000).toFixed(0)} s)`);
      for (const c of devCorpora) console.log(`  ${c.padEnd(12)} ${formatCounts(byKey.get(c)!)}`);
      if (!best || score > best.score) best = { epoch, score, weights };
    },
    caseAugmenter(seededRandom(runSeed + 1), augmentation),
    memory,
    wordDropout,
  );
  return best as unknown as { epoch: number; score: number; weights: Weights };
}
const runs = seeds.map((s) => {
  const run = trainSeed(s);
  if (seeds.length > 1) console.log(`seed ${s}: kept pass ${run.epoch} (mean dev F1 ${run.score.toFixed(4)})`);
  return run;
});
let chosen = runs[0]!;
if (runs.length > 1) {
  const weights: Weights = new Map();
  for (const run of runs)
    for (const [name, w] of run.weights) {
      let sum = weights.get(name);
      if (!sum) weights.set(name, (sum = new Float64Array(w.length)));
      for (let t = 0; t < w.length; t++) sum[t]! += w[t]! / runs.length;
    }
  const byKey = evaluateModel(weights, dev);
  const score = devScore(byKey, devCorpora);
  console.log(`average of seeds ${seeds.join(', ')}: mean dev F1 ${score.toFixed(4)}`);
  for (const c of devCorpora) console.log(`  ${c.padEnd(12)} ${formatCounts(byKey.get(c)!)}`);
  chosen = { epoch: 0, score, weights };
}
const bytes = serialiseModel(chosen.weights, PRUNE, {
  trainedOn: 'train splits of wikigold, GUM (news, interview), re3d (not Wikipedia), BTC, WNUT17; see MODEL.md',
  ...(runs.length > 1 ? { passes: runs.map((r) => r.epoch), seeds } : { passes: chosen.epoch, seed }),
  corpusWeights,
  caseAugmentation: augmentation,
  prune: PRUNE,
  documentMemory: memory,
  ...(wordDropout > 0 ? { wordDropout } : {}),
  ...(process.argv.includes('--no-clusters') ? { wordClusters: false } : {}),
  ...(process.argv.includes('--coarse-clusters') ? { wordClusters: 'groups only' } : {}),
  ...(process.argv.includes('--fine-word-only') ? { wordClusters: 'fine classes of the word only' } : {}),
});
writeFileSync(out, bytes);
console.log(`kept ${runs.length > 1 ? `the average of passes ${runs.map((r) => r.epoch).join(', ')}` : `pass ${chosen.epoch}`} (mean dev F1 ${chosen.score.toFixed(4)}); wrote ${out} (${(bytes.length / 1048576).toFixed(2)} MB)`);
