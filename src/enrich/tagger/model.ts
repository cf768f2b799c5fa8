// The shipped entity model: reading and writing its file, loading it once on first use, and
// tagging an article's text with it (token tags → typed character spans).
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import type { EntityType } from './conll.ts';
import { tagSpans } from './conll.ts';
import { TAGS, tagDocument, type Weights } from './perceptron.ts';
import { tokeniseSentences } from './tokens.ts';

export const MODEL_FILE = fileURLToPath(new URL('./entities-model.json.gz', import.meta.url));
// Format 3: weights trained for first-order Viterbi decoding, no weights for the tag two back (format 2
// had them, for second-order decoding; format 1 was greedy-trained, and its weights decode badly).
const FORMAT = 3;
// Weights are stored as integers of 1/SCALE: three decimals are plenty for a perceptron's scores.
const SCALE = 1000;

/** The file's bytes for a set of weights; features whose weights all round to below `minimum` are dropped. */
export function serialiseModel(weights: Weights, minimum: number, about: Record<string, unknown>): Buffer {
  const features: Record<string, number[]> = {};
  for (const name of [...weights.keys()].sort()) {
    const w = weights.get(name)!;
    const ints = Array.from(w, (x) => Math.round(x * SCALE));
    if (ints.some((x) => Math.abs(x) >= minimum * SCALE)) features[name] = ints;
  }
  const json = JSON.stringify({ format: FORMAT, tags: TAGS, scale: SCALE, about, features });
  // A fixed mtime-free gzip header (level 9, no file name): the same weights give the same bytes.
  return gzipSync(Buffer.from(json), { level: 9 });
}

export function parseModel(bytes: Buffer, file: string): Weights {
  let data: { format?: number; tags?: string[]; scale?: number; features?: Record<string, number[]> };
  try {
    data = JSON.parse(gunzipSync(bytes).toString('utf8'));
  } catch (error) {
    throw new Error(`${file}: not a gzipped JSON entity model (${(error as Error).message}); rebuild it with npm run train:entities`);
  }
  if (data.format !== FORMAT || JSON.stringify(data.tags) !== JSON.stringify(TAGS) || !data.scale || !data.features) {
    throw new Error(`${file}: entity model format ${data.format} with tags ${JSON.stringify(data.tags)}; expected format ${FORMAT} with ${JSON.stringify(TAGS)}`);
  }
  const weights: Weights = new Map();
  for (const [name, ints] of Object.entries(data.features))
    weights.set(
      name,
      Float32Array.from(ints, (x) => x / data.scale!),
    );
  return weights;
}

let loaded: Weights | null = null;

/** The shipped model, read on first use and kept. */
export function entityModel(): Weights {
  loaded ??= parseModel(readFileSync(MODEL_FILE), MODEL_FILE);
  return loaded;
}

/** Makes another model file the one entityModel gives (benchmarks comparing a candidate with the shipped file). */
export function useEntityModelFile(file: string): void {
  loaded = parseModel(readFileSync(file), file);
}

export interface TaggedSpan {
  start: number;
  end: number;
  type: EntityType;
  text: string;
}

/** Names the model finds in a text, as character spans. */
export function tagText(text: string, weights: Weights = entityModel()): TaggedSpan[] {
  const sentences = tokeniseSentences(text);
  const tags = tagDocument(
    weights,
    sentences.map((s) => s.map((t) => t.text)),
  );
  const spans: TaggedSpan[] = [];
  sentences.forEach((tokens, i) => {
    for (const s of tagSpans(tags[i]!)) {
      // A name neither starts nor ends with punctuation ("' Rubio", "Seoul ,").
      let [first, last] = [s.start, s.end - 1];
      while (first <= last && !/[\p{L}\p{N}]/u.test(tokens[first]!.text)) first++;
      while (last >= first && !/[\p{L}\p{N}]/u.test(tokens[last]!.text)) last--;
      if (first > last) continue;
      const start = tokens[first]!.start;
      const end = tokens[last]!.end;
      spans.push({ start, end, type: s.type, text: text.slice(start, end) });
    }
  });
  return spans;
}
