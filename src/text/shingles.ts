// Word shingles hashed to 32-bit integers: the sets whose overlap MinHash estimates.
import { fingerprintWords } from './tokenise.ts';

/** 32-bit FNV-1a of a string, as an unsigned integer. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * The distinct hashed k-word shingles of a text. Words, not characters: re-wrapping, punctuation
 * and letter case then change nothing, and a typo breaks only the k shingles that contain it.
 */
export function shingleSet(text: string, k = 4): Uint32Array {
  const tokens = fingerprintWords(text);
  const set = new Set<number>();
  if (tokens.length === 0) return new Uint32Array(0);
  if (tokens.length < k) set.add(fnv1a(tokens.join(' ')));
  for (let i = 0; i + k <= tokens.length; i++) {
    let hash = 0x811c9dc5;
    for (let j = i; j < i + k; j++) hash = fnv1a(tokens[j]! + ' ', hash);
    set.add(hash);
  }
  return Uint32Array.from(set);
}
