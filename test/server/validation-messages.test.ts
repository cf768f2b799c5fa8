// A request the route's schema refuses gets a message that names the parameter and what it
// takes, in the API's words ("parameter sort: expected one of …, got …"), not the validator's
// ("querystring must NOT have additional properties").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { openEmbeddedTestDb } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { listeningServer } from '../helpers/server.ts';

describe('schema validation messages name the input', () => {
  let db: Db;
  let app: FastifyInstance;
  let base: string;
  beforeAll(async () => {
    db = await openEmbeddedTestDb();
    ({ app, base } = await listeningServer(db));
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  const error = async (path: string) => {
    const response = await fetch(base + path);
    expect(response.status, path).toBe(400);
    return ((await response.json()) as { error: { code: string; message: string } }).error.message;
  };

  it('an unknown query parameter is named, with the ones the route takes', async () => {
    const message = await error('/api/v1/entities?type=person');
    expect(message).toMatch(/^unknown parameter type; this address takes /);
    expect(message).toContain('kind');
  });

  it('a value outside the allowed ones is named with the allowed values and what was sent', async () => {
    expect(await error('/api/v1/entities?kind=planet')).toBe('parameter kind: expected one of person, organisation, place; got "planet"');
  });

  it('a number out of range names the parameter', async () => {
    expect(await error('/api/v1/stories?limit=0')).toBe('parameter limit: must be >= 1');
  });

  it('a missing parameter is named', async () => {
    expect(await error('/api/v1/search')).toBe('parameter q is required');
  });
});
