// The embedded database shared over a Unix socket: a real PGlite owner, a real `pg` client on the
// socket. The owner's statements must never land inside a client's open transaction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDb, type Db } from '../../src/store/db.ts';
import { SOCKET_NAME, SOCKET_PORT, lastReadyStatus } from '../../src/store/local-socket.ts';
import { copyMigratedTemplate } from '../helpers/template.ts';

describe('the embedded database shared over a local socket', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-sock-'));
  const dataDir = join(dir, 'data');
  let owner: Db;
  let stop: () => Promise<void>;
  const client = () => new pg.Client({ host: dataDir, port: SOCKET_PORT, user: 'postgres', database: 'postgres' });

  beforeAll(async () => {
    copyMigratedTemplate(dataDir);
    owner = await openDb({ dataDir });
    await owner.exec('CREATE TABLE socket_probe (label text NOT NULL)');
    stop = await owner.shareLocally!();
  });
  afterAll(async () => {
    await owner.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers queries from another connection, with parameters', async () => {
    expect(existsSync(join(dataDir, SOCKET_NAME))).toBe(true);
    const c = client();
    await c.connect();
    await c.query('INSERT INTO socket_probe (label) VALUES ($1)', ['from the socket']);
    const rows = await owner.query<{ label: string }>('SELECT label FROM socket_probe');
    expect(rows.map((r) => r.label)).toEqual(['from the socket']);
    await expect(c.query('SELECT * FROM no_such_table')).rejects.toThrow(/no_such_table/);
    expect((await c.query('SELECT 2 AS two')).rows).toEqual([{ two: 2 }]);
    await c.end();
    // The owner's session survives a client's Terminate.
    expect(await owner.query('SELECT count(*)::int AS n FROM socket_probe')).toEqual([{ n: 1 }]);
  });

  it("keeps the owner's writes out of a client's transaction that rolls back", async () => {
    const c = client();
    await c.connect();
    await c.query('BEGIN');
    await c.query("INSERT INTO socket_probe (label) VALUES ('client, rolled back')");
    // Issued while the client's transaction is open: it must wait, not join that transaction.
    const ownerWrite = owner.query("INSERT INTO socket_probe (label) VALUES ('owner')");
    await c.query('ROLLBACK');
    await ownerWrite;
    await c.end();
    const labels = (await owner.query<{ label: string }>('SELECT label FROM socket_probe ORDER BY label')).map((r) => r.label);
    expect(labels).toEqual(['from the socket', 'owner']);
  });

  it('rolls back the transaction of a client that disconnects in the middle of it', async () => {
    const c = client();
    await c.connect();
    await c.query('BEGIN');
    await c.query("INSERT INTO socket_probe (label) VALUES ('abandoned')");
    const ownerRead = owner.query<{ n: number }>("SELECT count(*)::int AS n FROM socket_probe WHERE label = 'abandoned'");
    c.on('error', () => undefined); // the client sees its own connection cut
    (c as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    expect(await ownerRead).toEqual([{ n: 0 }]);
    expect(await owner.query('SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
  });

  it('stops sharing (the socket file goes) and shares again', async () => {
    await stop();
    expect(existsSync(join(dataDir, SOCKET_NAME))).toBe(false);
    await expect(client().connect()).rejects.toThrow();
    stop = await owner.shareLocally!();
    expect(existsSync(join(dataDir, SOCKET_NAME))).toBe(true);
  });

  it('clears a socket file left by a dead server when a command takes the directory', async () => {
    const other = join(dir, 'other');
    const first = await openDb({ dataDir: other });
    await first.shareLocally!();
    // As if the serving process died: its lock names a process that is gone, its socket file stays.
    writeFileSync(join(other, 'dateline.pid'), '2147483646');
    await first.close().catch(() => undefined);
    writeFileSync(join(other, SOCKET_NAME), '');
    writeFileSync(join(other, 'dateline.pid'), '2147483646');
    const next = await openDb({ dataDir: other });
    expect(existsSync(join(other, SOCKET_NAME))).toBe(false);
    expect(await next.query('SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
    await next.close();
  });

  it('reads the transaction status from the last ReadyForQuery of a reply', () => {
    const ready = (status: string) => [0x5a, 0, 0, 0, 5, status.charCodeAt(0)];
    const complete = [0x43, 0, 0, 0, 11, ...Buffer.from('INSERT\0')];
    expect(lastReadyStatus(new Uint8Array([...complete, ...ready('T')]))).toBe('T');
    expect(lastReadyStatus(new Uint8Array([...ready('T'), ...complete, ...ready('I')]))).toBe('I');
    expect(lastReadyStatus(new Uint8Array(complete))).toBeNull();
  });
});
