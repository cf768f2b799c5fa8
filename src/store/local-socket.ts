// Lets other local processes (the CLI beside `dateline serve` or `demo`) use the embedded database
// that this process owns: PGlite is exposed over the PostgreSQL wire protocol on a Unix socket in
// the data directory, where `pg` finds it as host=<data dir>. Our own bridge rather than
// @electric-sql/pglite-socket: that package pins one exact PGlite release and seven extension
// packages as peers, and it lets in-process queries run inside a socket client's open transaction.
// Here a client holds the session gate from its first message until PGlite reports it idle, so the
// owner's queries never land in a client's transaction or between its Parse and Sync.
import { createServer, type Server, type Socket } from 'node:net';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';

/** The name `pg` and libpq look for in the socket directory (port 5432). */
export const SOCKET_PORT = 5432;
export const SOCKET_NAME = `.s.PGSQL.${SOCKET_PORT}`;
// sun_path holds 108 bytes on Linux (104 on macOS); longer paths cannot be bound.
const MAX_SOCKET_PATH = 103;

/** One holder at a time: the owner's queries and transactions, or one socket client's exchange. */
export class SessionGate {
  private tail: Promise<void> = Promise.resolve();

  /** Waits for the gate and returns the function that releases it. */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((done) => (release = done));
    const ready = this.tail.then(() => release);
    this.tail = this.tail.then(() => held);
    return ready;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }
}

export function socketPathFor(dataDir: string): string {
  return join(resolve(dataDir), SOCKET_NAME);
}

/** The socket directory when a live sharing process has one there, else null. */
export function sharedSocketDir(dataDir: string, isRunning: (pid: number) => boolean): string | null {
  const lock = join(dataDir, 'dateline.pid');
  const path = socketPathFor(dataDir);
  if (!existsSync(lock) || !existsSync(path)) return null;
  const owner = Number(readFileSync(lock, 'utf8').trim());
  if (!owner || owner === process.pid || !isRunning(owner)) return null;
  return resolve(dataDir);
}

const SSL_REQUEST = 80877103;
const CANCEL_REQUEST = 80877102;
const GSS_REQUEST = 80877104;
const PROTOCOL_3 = 196608;

/** Starts the socket; the returned function stops it and removes the socket file. */
export async function shareOverSocket(pglite: PGlite, gate: SessionGate, dataDir: string): Promise<() => Promise<void>> {
  const path = socketPathFor(dataDir);
  if (path.length > MAX_SOCKET_PATH) {
    throw new Error(`the data directory path is too long for a Unix socket (${path.length} > ${MAX_SOCKET_PATH} characters): ${path}`);
  }
  rmSync(path, { force: true }); // left by a process that died; this process owns the lock now
  const clients = new Set<Socket>();
  const server: Server = createServer((socket) => {
    clients.add(socket);
    void serveClient(socket, pglite, gate).finally(() => clients.delete(socket));
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(path, () => {
      server.off('error', fail);
      done();
    });
  });
  return async () => {
    for (const socket of clients) socket.destroy();
    await new Promise<void>((done) => server.close(() => done()));
    rmSync(path, { force: true });
  };
}

/** Splits the byte stream into whole protocol messages and runs them one by one. */
async function serveClient(socket: Socket, pglite: PGlite, gate: SessionGate): Promise<void> {
  let buffered = Buffer.alloc(0);
  let started = false;
  let release: (() => void) | null = null;
  let inTransaction = false;
  let queue = Promise.resolve();
  const finish = () => {
    queue = queue.then(async () => {
      // A client that leaves mid-transaction must not leave the session in it.
      if (inTransaction && release) await pglite.exec('ROLLBACK').catch(() => undefined);
      release?.();
      release = null;
    });
  };

  const runMessage = async (message: Buffer) => {
    if (!release) release = await gate.acquire();
    const reply = await pglite.runExclusive(() => pglite.execProtocolRaw(new Uint8Array(message)));
    if (!socket.destroyed) socket.write(reply);
    const status = lastReadyStatus(reply);
    if (status !== null) {
      inTransaction = status !== 'I';
      if (!inTransaction) {
        release();
        release = null;
      }
    }
  };

  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    for (;;) {
      if (!started) {
        if (buffered.length < 8) return;
        const length = buffered.readInt32BE(0);
        if (buffered.length < length) return;
        const code = buffered.readInt32BE(4);
        const startup = Buffer.from(buffered.subarray(0, length));
        buffered = buffered.subarray(length);
        if (code === SSL_REQUEST || code === GSS_REQUEST) {
          socket.write('N'); // no encryption on a local socket; the client goes on in plain text
          continue;
        }
        if (code === CANCEL_REQUEST) {
          socket.end(); // no backend process to signal
          return;
        }
        if (code !== PROTOCOL_3) {
          socket.destroy();
          return;
        }
        started = true;
        // PGlite answers the startup message itself (authentication ok, parameters, ready).
        queue = queue.then(() => runMessage(startup)).catch(() => void socket.destroy());
        continue;
      }
      if (buffered.length < 5) return;
      const length = 1 + buffered.readInt32BE(1);
      if (buffered.length < length) return;
      const message = Buffer.from(buffered.subarray(0, length));
      buffered = buffered.subarray(length);
      if (message[0] === 0x58) {
        // Terminate: the client is done; PGlite's one session lives on for the owner.
        socket.end();
        return;
      }
      queue = queue.then(() => runMessage(message)).catch(() => void socket.destroy());
    }
  });
  await new Promise<void>((done) => {
    socket.on('close', () => done());
    socket.on('error', () => done());
  });
  finish();
  await queue;
}

/** The transaction status of the last ReadyForQuery ('Z') in a reply, or null when there is none. */
export function lastReadyStatus(reply: Uint8Array): 'I' | 'T' | 'E' | null {
  let status: 'I' | 'T' | 'E' | null = null;
  let at = 0;
  while (at + 5 <= reply.length) {
    const length = ((reply[at + 1]! << 24) | (reply[at + 2]! << 16) | (reply[at + 3]! << 8) | reply[at + 4]!) >>> 0;
    if (reply[at] === 0x5a && at + 5 < reply.length) status = String.fromCharCode(reply[at + 5]!) as 'I' | 'T' | 'E';
    at += 1 + length;
  }
  return status;
}
