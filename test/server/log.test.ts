import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import pino from 'pino';
import { formatLogLine, loggerOptions } from '../../src/log.ts';
import { buildServer } from '../../src/server/app.ts';
import { makeContext } from '../../src/server/context.ts';
import { loadSettings } from '../../src/config.ts';
import { openEmbeddedTestDb } from '../helpers/db.ts';

describe('structured logs', () => {
  it('formats a JSON record as one readable line with its fields', () => {
    const line = formatLogLine({ level: 40, time: Date.UTC(2025, 7, 1, 12, 0, 1), msg: 'feed failed', feedId: 7, durationMs: 12 });
    expect(line).toBe('12:00:01 WARN  feed failed  feedId=7 durationMs=12\n');
  });

  it('logs each request as JSON with its request id, echoed back to the client', async () => {
    const out = new PassThrough();
    const lines: Record<string, unknown>[] = [];
    out.on('data', (chunk: Buffer) => {
      for (const text of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(text));
    });
    const db = await openEmbeddedTestDb();
    const app = await buildServer(makeContext(db, loadSettings({})), { logger: pino(loggerOptions('info'), out) });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const response = await fetch(`${url}/healthz`, { headers: { 'x-request-id': 'req-abc-1' } });
      expect(response.headers.get('x-request-id')).toBe('req-abc-1');
      await new Promise((r) => setTimeout(r, 50));
      const done = lines.find((l) => l.msg === 'request completed');
      expect(done).toMatchObject({ level: 30, reqId: 'req-abc-1', res: { statusCode: 200 } });
      expect(typeof done?.responseTime).toBe('number');
    } finally {
      await app.close();
      await db.close();
    }
  });
});
