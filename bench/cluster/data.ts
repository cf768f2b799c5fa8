// The three labelled files of ../shared/bench/news-clustering, read as online streams, and their
// split into dev and test by event: an event's label hashes to one half, so no event is in both.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fnv1a } from '../../src/text/shingles.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const dataDir = process.env.DATELINE_CLUSTER_BENCH ?? `${repoRoot}../shared/bench/news-clustering/`;
export const FILES = ['news-cluster', 'ecbplus', 'allsides-leads'] as const;
export const SPLITS = ['dev', 'test'] as const;
/**
 * The dev split halved again by event, by another bit of the same hash (dev-a, dev-b): a setting chosen on dev
 * should hold on both halves, which never touches test.
 */
export const DEV_FOLDS = ['dev-a', 'dev-b'] as const;
export type Split = (typeof SPLITS)[number] | (typeof DEV_FOLDS)[number] | 'all';

export interface Row {
  id: string;
  cluster: string;
  date: string | null;
  source: string | null;
  url: string | null;
  title: string | null;
  text: string;
}

export const haveData = (): boolean => existsSync(dataDir);

/** A file's rows in stream order: by date, ties by id; undated rows keep file order. */
export function loadFile(name: string): Row[] {
  const path = `${dataDir}${name}.jsonl`;
  const rows = readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line, i) => {
      try {
        return JSON.parse(line) as Row;
      } catch (error) {
        throw new Error(`${path}:${i + 1}: not JSON (${(error as Error).message})`);
      }
    });
  const indexed = rows.map((row, i) => ({ row, i }));
  indexed.sort((a, b) => {
    const da = a.row.date ?? '';
    const db = b.row.date ?? '';
    if (da !== db) return da < db ? -1 : 1;
    if (!a.row.date) return a.i - b.i;
    return a.row.id < b.row.id ? -1 : a.row.id > b.row.id ? 1 : 0;
  });
  return indexed.map((x) => x.row);
}

/** Whether an event belongs to a split: its label's hash, even for dev; a dev fold by a second hash. */
export function inSplit(cluster: string, split: Split): boolean {
  if (split === 'all') return true;
  const dev = fnv1a(cluster) % 2 === 0;
  if (split === 'dev' || split === 'test') return dev === (split === 'dev');
  // A higher bit: FNV-1a's lowest bit is the parity of the bytes' lowest bits, the split's own.
  return dev && ((fnv1a(cluster) >>> 16) % 2 === 0) === (split === 'dev-a');
}

/** A row's time (dates without a zone are UTC), or null. */
export function rowTime(row: Row): Date | null {
  if (!row.date) return null;
  const at = new Date(row.date + (/[zZ]|[+-]\d\d:?\d\d$/.test(row.date) ? '' : 'Z'));
  return Number.isNaN(at.getTime()) ? null : at;
}
