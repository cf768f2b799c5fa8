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

/** Whether the engine is in its settling pass (see watchSettling). */
export interface SettlingWatch {
  /** On once the engine asks the store for the stories due; the caller turns it off before each article and before the final settle. */
  settling: boolean;
  /** Runs one of the store's own candidate lookups with `settling` off (a lookup loads stories too), then restores it. */
  lookup<T>(run: () => Promise<T>): Promise<T>;
}

/** Tells a reading script when the engine's loads are its settling looks at quiet stories (oracle-veto.ts, learned-veto.ts). */
export function watchSettling(store: MemoryStoryStore): SettlingWatch {
  const phase: SettlingWatch = {
    settling: false,
    async lookup(run) {
      const was = phase.settling;
      phase.settling = false;
      try {
        return await run();
      } finally {
        phase.settling = was;
      }
    },
  };
  const due = store.dueForSettling.bind(store);
  store.dueForSettling = (...args) => {
    phase.settling = true;
    return due(...args);
  };
  return phase;
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

/**
 * Each story's articles (stream ids, 1-based into `rows`), followed through merges and folds,
 * and the event most of them report. `beforeMerge` sees a merge before the articles move.
 */
export interface EventTracker {
  members: Map<number, number[]>;
  mainEvent(storyId: number): string;
  /** Whether the story's articles all report one event. */
  pure(storyId: number): boolean;
  /** Records an article's story after it was assigned. */
  place(storyId: number, articleId: number): void;
}

export function trackEvents(store: MemoryStoryStore, rows: { cluster: string }[], beforeMerge?: (keepId: number, goneId: number) => Promise<void>): EventTracker {
  const members = new Map<number, number[]>();
  const merge = store.merge.bind(store);
  store.merge = async (keepId, goneId) => {
    await beforeMerge?.(keepId, goneId);
    members.set(keepId, [...(members.get(keepId) ?? []), ...(members.get(goneId) ?? [])]);
    members.delete(goneId);
    return merge(keepId, goneId);
  };
  return {
    members,
    mainEvent(storyId) {
      const counts = new Map<string, number>();
      for (const a of members.get(storyId) ?? []) counts.set(rows[a - 1]!.cluster, (counts.get(rows[a - 1]!.cluster) ?? 0) + 1);
      return [...counts].sort((x, y) => y[1] - x[1])[0]?.[0] ?? '?';
    },
    pure: (storyId) => new Set((members.get(storyId) ?? []).map((a) => rows[a - 1]!.cluster)).size === 1,
    place(storyId, articleId) {
      if (!members.has(storyId)) members.set(storyId, []);
      members.get(storyId)!.push(articleId);
    },
  };
}
