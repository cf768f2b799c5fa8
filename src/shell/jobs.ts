// Every background job of a long-running process, started here and nowhere else (never as a
// side effect of importing a module): what `serve` runs beside the HTTP server, and what a
// `feeds worker` runs beside its polling. Each job gets the process's one clock as a parameter;
// the two about the outside world's time (webhook retries, session expiry) get the wall clock.
import type { Db } from '../store/db.ts';
import type { Settings } from '../config.ts';
import { type Clock, wallClock } from '../clock.ts';
import { every, startRetention, type JobLog } from '../schedule.ts';
import { drainOwedSteps } from '../pipeline.ts';
import { runWorker } from '../worker.ts';
import { createWebhookSender } from '../webhooks/deliver.ts';
import { startNewsletterReceiver } from '../email/receive.ts';
import { createDigestSender } from '../email/send-digests.ts';
import { siteUrlOf } from '../server/routes/email.ts';
import { sweepAccounts } from '../server/routes/accounts.ts';
import { createLeadImageJob } from '../images/fetch-lead-images.ts';
import { analyzeArticlesIfStale } from '../store/search-stats.ts';

export interface JobContext {
  db: Db;
  settings: Settings;
  now: Clock;
}

type Stop = () => Promise<void>;

const HOUR = 3_600_000;
// Owed post-ingest work left by a process that died is picked up this often (and at start).
const OWED_WORK_INTERVAL_MS = 60_000;
const WEBHOOK_INTERVAL_MS = 5_000;
const DIGEST_INTERVAL_MS = 60_000;
const IMAGE_INTERVAL_MS = 5_000;
// Image batches per tick: a backlog (an import of thousands) drains steadily without hogging the process.
const IMAGE_BATCHES_PER_TICK = 6;
// The embedded engine has no autovacuum: search's plan statistics are refreshed this often when enough articles changed.
const SEARCH_STATS_INTERVAL_MS = 5 * 60_000;

export const quietLog: JobLog = {
  info: () => undefined,
  error: (fields, message) => process.stderr.write(`dateline: ${message}: ${String(fields.err)}\n`),
};

/** The jobs of `dateline serve` (and `demo`), in the order they start; returns one stopper. */
export async function startServeJobs(ctx: JobContext, log: JobLog = quietLog): Promise<Stop> {
  const { db, settings, now } = ctx;
  const embedded = db.engine === 'embedded' && !settings.databaseUrl;
  const stops: Stop[] = [];
  try {
    stops.push(every('owed post-ingest work', OWED_WORK_INTERVAL_MS, async () => void (await drainOwedSteps(db, { now: now() })), log));
    // Embedded mode: this process owns the data directory, so it also polls feeds and applies
    // retention (with a server, `dateline feeds worker` processes do).
    if (embedded) {
      const controller = new AbortController();
      // Feed leases and poll times are about live processes: the worker keeps the wall clock.
      const loop = runWorker({ db, settings, signal: controller.signal }).catch((error) => {
        log.error({ job: 'feeds', err: (error as Error).message }, 'the feed polling loop stopped');
      });
      stops.push(async () => {
        controller.abort();
        await loop;
      });
      stops.push(startRetention(db, settings, log, now));
      stops.push(every('search statistics', SEARCH_STATS_INTERVAL_MS, async () => void (await analyzeArticlesIfStale(db)), log));
    }
    stops.push(every('account sweep', HOUR, async () => void (await sweepAccounts(db, wallClock())), log));
    const webhooks = createWebhookSender({ allowPrivateAddresses: settings.allowPrivateAddresses });
    const stopWebhooks = every('webhook deliveries', WEBHOOK_INTERVAL_MS, async () => void (await webhooks.runOnce(db, wallClock())), log);
    stops.push(async () => {
      await stopWebhooks();
      await webhooks.close();
    });
    // Lead-image thumbnails: retries are about the publisher's wall clock, not the reader's reference time.
    const images = createLeadImageJob({ allowPrivateAddresses: settings.allowPrivateAddresses });
    const stopImages = every(
      'lead images',
      IMAGE_INTERVAL_MS,
      async () => {
        for (let i = 0; i < IMAGE_BATCHES_PER_TICK; i++) {
          const counts = await images.runOnce(db, wallClock());
          if (counts.stored + counts.none + counts.retry + counts.failed === 0) break;
        }
      },
      log,
    );
    stops.push(async () => {
      await stopImages();
      await images.close();
    });
    if (settings.smtpInPort) {
      const receiver = await startNewsletterReceiver({
        db,
        host: settings.smtpInHost,
        port: settings.smtpInPort,
        domain: settings.emailDomain,
        maxBytes: settings.emailMaxBytes,
      });
      stops.push(() => receiver.close());
    }
    if (settings.smtpOutUrl) {
      const digests = createDigestSender({ smtpUrl: settings.smtpOutUrl, from: settings.mailFrom, siteUrl: siteUrlOf(settings) });
      const stopDigests = every('digests', DIGEST_INTERVAL_MS, async () => void (await digests.runOnce(db, wallClock())), log);
      stops.push(async () => {
        await stopDigests();
        digests.close();
      });
    }
  } catch (error) {
    await stopAll(stops);
    throw error;
  }
  return () => stopAll(stops);
}

/** The jobs of a long-running `dateline feeds worker` beside its polling loop. */
export function startWorkerJobs(ctx: JobContext, log: JobLog): Stop {
  const stops = [every('owed post-ingest work', OWED_WORK_INTERVAL_MS, async () => void (await drainOwedSteps(ctx.db, { now: ctx.now() })), log), startRetention(ctx.db, ctx.settings, log, ctx.now)];
  return () => stopAll(stops);
}

async function stopAll(stops: Stop[]): Promise<void> {
  for (const stop of stops.reverse()) await stop();
}
