// MinHash signatures and LSH band keys: a fixed-size sketch of a shingle set whose agreement
// with another sketch estimates the two sets' Jaccard similarity; equal bands make candidates.
// Written here because it is small and core to dedup (and must be stable across releases:
// the signatures are stored).

export interface MinHashParams {
  /** Hash functions (signature length) = bands × rows. */
  bands: number;
  rows: number;
}

export const DEFAULT_MINHASH: MinHashParams = { bands: 40, rows: 3 };

// Fixed multipliers and offsets from a seeded generator, so every process and every release
// computes the same signature for the same text.
function coefficients(count: number): { a: Uint32Array; b: Uint32Array } {
  let state = 0x9e3779b9;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const a = new Uint32Array(count);
  const b = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    a[i] = next() | 1;
    b[i] = next();
  }
  return { a, b };
}

const cache = new Map<number, { a: Uint32Array; b: Uint32Array }>();

/** Mixes a 32-bit value well (the murmur3 finaliser), so a*x+b over 2^32 is not too linear. */
function mix(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

export function minhashSignature(shingles: Uint32Array, params: MinHashParams = DEFAULT_MINHASH): Uint32Array {
  const count = params.bands * params.rows;
  let coef = cache.get(count);
  if (!coef) cache.set(count, (coef = coefficients(count)));
  const { a, b } = coef;
  const signature = new Uint32Array(count).fill(0xffffffff);
  for (let s = 0; s < shingles.length; s++) {
    const x = shingles[s]!;
    for (let i = 0; i < count; i++) {
      const h = mix((Math.imul(a[i]!, x) + b[i]!) >>> 0);
      if (h < signature[i]!) signature[i] = h;
    }
  }
  return signature;
}

/** Share of positions where two signatures agree: the estimated Jaccard similarity. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  const n = Math.min(a.length, b.length);
  if (n === 0) return 0;
  let same = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i]) same++;
  return same / n;
}

/**
 * One key per band: a 52-bit integer (safe as a JS number and as a Postgres bigint) hashing the
 * band's index and its rows. Two signatures sharing any key are candidate near-duplicates.
 */
export function bandKeys(signature: Uint32Array, params: MinHashParams = DEFAULT_MINHASH): number[] {
  const keys: number[] = [];
  for (let band = 0; band < params.bands; band++) {
    let h1 = 0x811c9dc5 ^ band;
    let h2 = 0x01000193 + band * 0x9e3779b9;
    for (let r = 0; r < params.rows; r++) {
      const v = signature[band * params.rows + r]!;
      h1 = Math.imul(h1 ^ v, 0x01000193) >>> 0;
      h2 = mix((h2 ^ v) >>> 0);
    }
    keys.push((h1 & 0xfffff) * 0x100000000 + (h2 >>> 0));
  }
  return keys;
}

export function signatureToBytes(signature: Uint32Array): Uint8Array {
  return new Uint8Array(signature.buffer, signature.byteOffset, signature.byteLength).slice();
}

export function signatureFromBytes(bytes: Uint8Array): Uint32Array {
  const copy = new Uint8Array(bytes); // aligned copy
  return new Uint32Array(copy.buffer, 0, Math.floor(copy.byteLength / 4));
}
