import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { openEmbeddedTestDb } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { buildServer } from '../../src/server/app.ts';
import { makeContext } from '../../src/server/context.ts';
import { loadSettings } from '../../src/config.ts';

describe('health, readiness and metrics', () => {
  let db: Db;
  let app: FastifyInstance;
  let url: string;
  beforeAll(async () => {
    db = await openEmbeddedTestDb();
    app = await buildServer(makeContext(db, loadSettings({})));
    url = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('says the process is up and the database ready', async () => {
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', engine: 'embedded' });
  });

  it('is not ready when the schema is behind the code', async () => {
    await db.query('DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations)');
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(503);
    expect((await ready.json()).reason).toMatch(/schema at version \d+, code expects \d+/);
  });

  it('counts requests by route and status in Prometheus format', async () => {
    await fetch(`${url}/api/v1/articles?limit=1`);
    await fetch(`${url}/api/v1/articles?limit=0`);
    const text = await (await fetch(`${url}/metrics`)).text();
    expect(text).toMatch(/dateline_http_requests_total\{route="\/api\/v1\/articles",method="GET",status="200"\} \d+/);
    expect(text).toMatch(/dateline_http_requests_total\{route="\/api\/v1\/articles",method="GET",status="400"\} \d+/);
    expect(text).toContain('dateline_http_request_duration_seconds_bucket');
    expect(text).toMatch(/dateline_db_pool_connections\{state="total"\} 1/);
    expect(text).toMatch(/dateline_feeds_due \d+/);
  });
});
