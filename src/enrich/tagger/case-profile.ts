// How each word is usually written inside running news text: nearly always in lower case
// ("soccer", "win"), nearly always capitalised ("Japan", "Reuters"), or both ("March", "Bush").
// Learned from unlabelled news articles (counts only, no text; see MODEL.md) by
// `scripts/build-case-profile.ts`, it tells the tagger what a word is when its own case says
// nothing: an ALL-CAPS headline ("RUGBY - PERU EDGE CHILE IN LATE FINISH"), a sentence's first word, a
// title-cased heading.
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { tokeniseSentences } from './tokens.ts';

export const CASE_PROFILE_FILE = fileURLToPath(new URL('./case-profile.json.gz', import.meta.url));
const FORMAT = 1;

/** The buckets: share of a word's mid-sentence uses that are capitalised. */
export function caseBucket(capitalised: number, total: number): string {
  const share = capitalised / total;
  return share < 0.05 ? 'lower' : share < 0.5 ? 'mostlower' : share < 0.95 ? 'mostcap' : 'cap';
}

const isLower = (w: string) => /^\p{Ll}/u.test(w);
const isCapital = (w: string) => /^\p{Lu}/u.test(w);
const allCaps = (w: string) => /\p{Lu}/u.test(w) && w === w.toUpperCase();

/** Counts, per lower-cased word, of its lower-case and capitalised uses away from a sentence's start. */
export function countCases(texts: Iterable<string>): Map<string, [number, number]> {
  const counts = new Map<string, [number, number]>();
  for (const text of texts) {
    for (const sentence of tokeniseSentences(text)) {
      const words = sentence.map((t) => t.text);
      const letters = words.filter((w) => /\p{L}/u.test(w));
      // Headlines and shouting say nothing about a word's usual case.
      if (letters.filter((w) => allCaps(w) && w.length > 1).length * 2 > letters.length) continue;
      for (let i = 1; i < words.length; i++) {
        const w = words[i]!;
        if (!/^\p{L}[\p{L}'’.-]*$/u.test(w)) continue;
        // After a quote, a colon or a dash a new sentence may begin.
        if (/^[.!?:"“”'‘’([—–-]$/.test(words[i - 1]!)) continue;
        if (allCaps(w) && w.length > 1) continue;
        const key = w.toLowerCase();
        let c = counts.get(key);
        if (!c) counts.set(key, (c = [0, 0]));
        if (isLower(w)) c[0]++;
        else if (isCapital(w)) c[1]++;
      }
    }
  }
  return counts;
}

/** The file's bytes: words seen at least `minimum` times, sorted, with their bucket. */
export function serialiseCaseProfile(counts: Map<string, [number, number]>, minimum: number, about: Record<string, unknown>): Buffer {
  const buckets: Record<string, string[]> = {};
  for (const word of [...counts.keys()].sort()) {
    const [lower, capital] = counts.get(word)!;
    if (lower + capital < minimum) continue;
    (buckets[caseBucket(capital, lower + capital)] ??= []).push(word);
  }
  return gzipSync(Buffer.from(JSON.stringify({ format: FORMAT, about, buckets })), { level: 9 });
}

let profile: Map<string, string> | null = null;

/** Lower-cased word → its case bucket, read once on first use (a missing or foreign file is an error naming it). */
export function caseProfile(): Map<string, string> {
  if (profile) return profile;
  let data: { format?: number; buckets?: Record<string, string[]> };
  try {
    data = JSON.parse(gunzipSync(readFileSync(CASE_PROFILE_FILE)).toString('utf8'));
  } catch (error) {
    throw new Error(`${CASE_PROFILE_FILE}: cannot read the case profile (${(error as Error).message}); rebuild it with npm run train:entities`);
  }
  if (data.format !== FORMAT || !data.buckets) throw new Error(`${CASE_PROFILE_FILE}: case profile format ${data.format}, expected ${FORMAT}`);
  profile = new Map();
  for (const [bucket, words] of Object.entries(data.buckets)) for (const w of words) profile.set(w, bucket);
  return profile;
}
