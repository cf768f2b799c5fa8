// Prometheus metrics for the whole process, on one registry: HTTP requests, feed fetches,
// pipeline stages, queue depth and database pool use. Counters live here so that the fetcher,
// the worker and the pipeline can count without knowing about the server.
import client from 'prom-client';

export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry, prefix: 'dateline_process_' });

export const httpRequests = new client.Counter({
  name: 'dateline_http_requests_total',
  help: 'HTTP requests by route, method and status',
  labelNames: ['route', 'method', 'status'] as const,
  registers: [registry],
});

export const httpDuration = new client.Histogram({
  name: 'dateline_http_request_duration_seconds',
  help: 'HTTP request latency by route and method',
  labelNames: ['route', 'method'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});

export const feedFetches = new client.Counter({
  name: 'dateline_feed_fetches_total',
  help: 'Feed fetches by result: fetched, not_modified, failed',
  labelNames: ['result'] as const,
  registers: [registry],
});

export const articlesIngested = new client.Counter({
  name: 'dateline_articles_ingested_total',
  help: 'Articles passed through each pipeline stage',
  labelNames: ['stage'] as const,
  registers: [registry],
});

export const stageDuration = new client.Histogram({
  name: 'dateline_stage_duration_seconds',
  help: 'Time spent in each pipeline stage per batch or page',
  labelNames: ['stage'] as const,
  buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
  registers: [registry],
});

export const feedsDue = new client.Gauge({
  name: 'dateline_feeds_due',
  help: 'Feeds whose next check time has passed (the work queue depth)',
  registers: [registry],
});

export const dbPool = new client.Gauge({
  name: 'dateline_db_pool_connections',
  help: 'Database pool connections by state: total, idle, waiting',
  labelNames: ['state'] as const,
  registers: [registry],
});

/** Times `work` into the stage histogram. */
export async function timeStage<T>(stage: string, work: () => Promise<T>): Promise<T> {
  const end = stageDuration.startTimer({ stage });
  try {
    return await work();
  } finally {
    end();
  }
}
