// Periodic jobs of the worker (and of the server in embedded mode, where one process owns the
// data directory): run now, then every interval, never two runs of one job at once; an error is
// logged and the next run goes ahead.
import type { Db } from './store/db.ts';
import type { Settings } from './config.ts';
import { applyRetention } from './store/retention.ts';

export interface JobLog {
  info(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export function every(name: string, intervalMs: number, run: () => Promise<void>, log: JobLog): () => Promise<void> {
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = run()
      .catch((error: Error) => log.error({ job: name, err: error.message }, `${name} failed`))
      .finally(() => {
        running = null;
      });
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}

/** Starts the retention schedule when retention is configured; returns its stopper. */
export function startRetention(db: Db, settings: Settings, log: JobLog, now: () => Date = () => new Date()): () => Promise<void> {
  if (settings.retentionDays <= 0) return async () => undefined;
  return every(
    'retention',
    settings.retentionInterval * 1000,
    async () => {
      const started = Date.now();
      const result = await applyRetention(db, { maxAgeDays: settings.retentionDays, mode: settings.retentionMode, activeStoryDays: settings.retentionActiveStoryDays }, now());
      await db.checkpoint();
      log.info({ job: 'retention', ...result, durationMs: Date.now() - started }, 'retention run');
    },
    log,
  );
}
