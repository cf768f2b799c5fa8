// One drain of owed post-ingest work at a time in a process, however many callers ask: a worker
// polling many feeds at once would otherwise run every step once per feed, concurrently, paying
// each step's fixed cost per feed and making the steps contend. A request made while a drain
// runs is answered by the next drain (which sees what the request stored).
import type { Db } from '../store/db.ts';
import { drainOwedSteps, type DrainReport } from '../pipeline.ts';

export interface Drainer {
  /** Resolves once a drain that started after this call has finished. */
  request(): Promise<void>;
  /** Waits until no drain is running or asked for. */
  idle(): Promise<void>;
}

export function createDrainer(db: Db, now: () => Date, onReport?: (report: DrainReport) => void): Drainer {
  let waiting: { done: () => void; failed: (error: Error) => void }[] = [];
  let running: Promise<void> | null = null;

  const loop = async () => {
    while (waiting.length) {
      const answered = waiting;
      waiting = [];
      try {
        const report = await drainOwedSteps(db, { now: now() });
        onReport?.(report);
        for (const w of answered) w.done();
      } catch (error) {
        for (const w of answered) w.failed(error as Error);
      }
    }
    running = null;
  };

  return {
    request() {
      const settled = new Promise<void>((done, failed) => waiting.push({ done, failed }));
      running ??= loop();
      return settled;
    },
    async idle() {
      while (running) await running;
    },
  };
}
