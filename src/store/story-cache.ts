// The heavy parts of story states kept between the story step's transactions, for the process
// that runs the step on a database: stories' centroids and their members' vectors, each under
// the version (xmin) of the row it came from. The candidate lookup hands back those versions
// (loadCandidateKeys) and only the parts not held at that version are read (readStoryParts). A
// row rewritten by anyone (this process, another worker, a recluster) has a new version, so a
// part held is always what a read would give now; a part this process writes is held under the
// version its write handed back. What is held is what a read gives, down to the order of the
// terms (sums over a vector depend on it): jsonb keeps an object's keys shortest first, then by
// their bytes, and a JavaScript object puts keys that read as array indices before the others.
import type { TermVector } from '../text/tfidf.ts';

/** A key JSON.parse puts first, in numeric order: an array index (a canonical integer below 2^32 - 1). */
const ARRAY_INDEX = /^(?:0|[1-9]\d{0,9})$/;
const isArrayIndex = (k: string) => ARRAY_INDEX.test(k) && Number(k) < 4294967295;
const NON_ASCII = /[^\x00-\x7f]/;

/** ASCII keys in jsonb's order, in place: shorter first, then by their bytes (here, code unit order: a plain sort of each length). */
function sortAscii(keys: string[]): void {
  const byLength: string[][] = [];
  for (const k of keys) (byLength[k.length] ??= []).push(k);
  let i = 0;
  for (const group of byLength) {
    if (!group) continue;
    group.sort();
    for (const k of group) keys[i++] = k;
  }
}

/**
 * What a row's jsonb object gives when read back through JSON.parse: its keys in jsonb's order, JSON
 * numbers. Made directly (no JSON text written and parsed again): the keys JSON.parse puts first
 * (array indices, ascending), then the others in jsonb's order; each number as a JSON round trip
 * gives it back (itself, but -0 as 0 and a number JSON cannot write as null).
 */
export function asStored(json: Record<string, number>): TermVector {
  const indices: string[] = [];
  const others: string[] = [];
  let ascii = true;
  for (const k of Object.keys(json)) {
    if (isArrayIndex(k)) indices.push(k);
    else {
      others.push(k);
      if (ascii && NON_ASCII.test(k)) ascii = false;
    }
  }
  if (ascii) sortAscii(others);
  else {
    const bytes = new Map(others.map((k) => [k, Buffer.from(k, 'utf8')]));
    others.sort((a, b) => bytes.get(a)!.length - bytes.get(b)!.length || Buffer.compare(bytes.get(a)!, bytes.get(b)!));
  }
  indices.sort((a, b) => Number(a) - Number(b));
  const out: TermVector = new Map();
  const put = (k: string) => {
    const w = json[k]!;
    out.set(k, Number.isFinite(w) ? w + 0 : (null as unknown as number));
  };
  for (const k of indices) put(k);
  for (const k of others) put(k);
  return out;
}

interface Entry<T> {
  version: string;
  /** As written (the JSON object sent), turned into `value` when first asked for. */
  json: Record<string, number> | null;
  value: T | null;
}

/** Entries kept by id, the least recently used dropped past `limit`. */
class Versioned<T> {
  private readonly entries = new Map<number, Entry<T>>();
  constructor(
    private readonly limit: number,
    private readonly make: (json: Record<string, number>) => T,
  ) {}

  get(id: number, version: string): T | null {
    const entry = this.entries.get(id);
    if (!entry || entry.version !== version) return null;
    this.entries.delete(id);
    this.entries.set(id, entry);
    if (entry.value === null) {
      entry.value = this.make(entry.json!);
      entry.json = null;
    }
    return entry.value;
  }

  /** Held as read (`value` made from the JSON read) or as written (`json`, made into a value when asked). */
  set(id: number, version: string, json: Record<string, number> | null, value: T | null = null): void {
    this.entries.delete(id);
    this.entries.set(id, { version, json, value });
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value!);
  }

  drop(id: number): void {
    this.entries.delete(id);
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * One database's story parts, for the process that runs its story step (one cache per open
 * database: see `storyCacheOf`). `centroid` values are the centroid as read; `vector` values are
 * a member's vector as read and then cut as the step holds it (`memberVector`).
 */
export class StoryCache {
  readonly centroids: Versioned<TermVector>;
  readonly vectors: Versioned<TermVector>;

  /**
   * Bounds: a centroid holds up to 400 terms (~30 KB as a Map), a member's vector 40 (~3 KB), so
   * at most ~60 MB and ~30 MB. A story the lookup meets past them is read, as without a cache.
   */
  constructor(memberVector: (read: TermVector) => TermVector, limits = { stories: 2000, vectors: 10000 }) {
    this.centroids = new Versioned(limits.stories, asStored);
    this.vectors = new Versioned(limits.vectors, (json) => memberVector(asStored(json)));
  }
}

const caches = new WeakMap<object, WeakMap<object, StoryCache>>();

/**
 * The cache of the database `db` (an open Db object: one per database this process opened) for
 * one way of holding members' vectors (`key`: the configuration `memberVector` follows).
 */
export function storyCacheOf(db: object, key: object, memberVector: (read: TermVector) => TermVector): StoryCache {
  let byKey = caches.get(db);
  if (!byKey) caches.set(db, (byKey = new WeakMap()));
  let cache = byKey.get(key);
  if (!cache) byKey.set(key, (cache = new StoryCache(memberVector)));
  return cache;
}
