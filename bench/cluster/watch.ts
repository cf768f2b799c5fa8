// What the reading scripts (joins.ts, first-mix.ts, signals.ts, pairs.ts) share: their dev-only
// command line, and a watch on the in-memory story store that records, for the article being
// assigned, the candidate stories each lookup handed the engine and the weighted vector the engine
// saved for it.
import { DEFAULT_CLUSTER, type ClusterConfig } from '../../src/cluster/online.ts';
import type { MemoryStoryStore } from '../../src/cluster/memory-store.ts';
import type { StoryState } from '../../src/cluster/stories.ts';
import type { TermVector } from '../../src/text/tfidf.ts';
import { haveData, type Split } from './data.ts';
import { withSettings } from './run.ts';

export const argOf = (name: string): string | null => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1]! : null);

/** The split (dev, dev-a or dev-b; test refused) and the configuration with any `--set` applied; null, with a message and exit code 2, when ../shared's data is missing. */
export function devRun(script: string): { split: Split; config: ClusterConfig } | null {
  const split = (argOf('--split') ?? 'dev') as Split;
  if (split === 'test' || split === 'all') throw new Error(`${script}.ts reads dev only`);
  const settings = process.argv.flatMap((a, i) => (a === '--set' ? [process.argv[i + 1]!] : []));
  if (!haveData()) {
    console.error(`bench/cluster/${script}: ../shared/bench/news-clustering is missing; nothing to run`);
    process.exitCode = 2;
    return null;
  }
  return { split, config: withSettings(DEFAULT_CLUSTER, settings) };
}

export interface StoreWatch {
  /** The candidates of each lookup since the last reset, in order. */
  calls: StoryState[][];
  /** The article's vector as the engine saved it, since the last reset. */
  vector: TermVector | null;
  /** Call before each article. */
  reset(): void;
}

export function watchStore(store: MemoryStoryStore): StoreWatch {
  const watch: StoreWatch = {
    calls: [],
    vector: null,
    reset() {
      watch.calls = [];
      watch.vector = null;
    },
  };
  const candidates = store.candidates.bind(store);
  store.candidates = async (...args) => {
    const out = await candidates(...args);
    watch.calls.push(out);
    return out;
  };
  const saveVector = store.saveVector.bind(store);
  store.saveVector = async (article, v) => {
    watch.vector = v;
    return saveVector(article, v);
  };
  return watch;
}
