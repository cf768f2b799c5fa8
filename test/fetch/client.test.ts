// The fetcher against real HTTP servers on 127.0.0.1: conditional GET, redirects and the
// address guard on every hop, timeouts, size limits (plain, chunked and compressed), content
// encodings, Retry-After and the per-host limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { createFetcher, FetchError, parseRetryAfter, USER_AGENT, type Fetcher } from '../../src/fetch/client.ts';
import { createAddressGuard } from '../../src/fetch/guard.ts';
import { startFixtureServer, type FixtureServer } from '../feeds/fixture-server.ts';

let server: FixtureServer;
let fetcher: Fetcher;

beforeAll(async () => {
  server = await startFixtureServer();
  // Only the fixture server's address is allowed: every other private address stays refused.
  fetcher = createFetcher({ allowPrivateAddresses: ['127.0.0.1'], headersTimeoutMs: 400, bodyTimeoutMs: 400, timeoutMs: 3000, maxBytes: 1024 * 1024 });
});
afterAll(async () => {
  await fetcher.close();
  await server.close();
});

async function failure(promise: Promise<unknown>): Promise<FetchError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(FetchError);
    return error as FetchError;
  }
  throw new Error('expected the fetch to fail');
}

describe('fetcher', () => {
  it('names Dateline in its User-Agent and asks for compressed bodies', async () => {
    server.route('/ua', { body: 'hello', headers: { 'content-type': 'text/plain' } });
    const result = await fetcher.fetch(server.url('/ua'));
    expect(new TextDecoder().decode(result.bytes)).toBe('hello');
    const seen = server.requests.find((r) => r.path === '/ua')!;
    expect(seen.headers['user-agent']).toBe(USER_AGENT);
    expect(seen.headers['user-agent']).toMatch(/Dateline/);
    expect(seen.headers['accept-encoding']).toMatch(/gzip/);
  });

  it('answers 304 to a conditional GET with the validators it was given', async () => {
    server.route('/cond', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"' || req.headers['if-modified-since'] === 'Wed, 01 Jan 2025 00:00:00 GMT') {
        res.writeHead(304, { etag: '"v1"' }).end();
        return;
      }
      res.writeHead(200, { etag: '"v1"', 'last-modified': 'Wed, 01 Jan 2025 00:00:00 GMT', 'content-type': 'application/rss+xml' }).end('<rss/>');
    });
    const first = await fetcher.fetch(server.url('/cond'));
    expect(first.notModified).toBe(false);
    expect(first.etag).toBe('"v1"');
    expect(first.lastModified).toBe('Wed, 01 Jan 2025 00:00:00 GMT');
    const second = await fetcher.fetch(server.url('/cond'), { etag: first.etag, lastModified: first.lastModified });
    expect(second.notModified).toBe(true);
    expect(second.status).toBe(304);
    expect(second.bytes.byteLength).toBe(0);
    const byDate = await fetcher.fetch(server.url('/cond'), { lastModified: first.lastModified });
    expect(byDate.notModified).toBe(true);
  });

  it('follows up to five redirects and refuses a sixth', async () => {
    for (let i = 0; i < 7; i++) server.route(`/hop${i}`, { status: i % 2 ? 301 : 302, headers: { location: `/hop${i + 1}` } });
    server.route('/hop7', { body: 'arrived' });
    server.route('/short0', { status: 307, headers: { location: server.url('/short1') } });
    server.route('/short1', { status: 308, headers: { location: '/hop7' } });
    const ok = await fetcher.fetch(server.url('/short0'));
    expect(ok.url).toBe(server.url('/hop7'));
    expect(ok.redirects).toEqual([server.url('/short0'), server.url('/short1')]);
    expect(new TextDecoder().decode(ok.bytes)).toBe('arrived');
    const tooMany = await failure(fetcher.fetch(server.url('/hop0')));
    expect(tooMany.kind).toBe('redirects');
    expect(tooMany.message).toMatch(/more than 5 redirects/);
  });

  it('refuses a redirect to a private, loopback or metadata address when the guard is on', async () => {
    server.route('/to-metadata', { status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data/' } });
    server.route('/to-private', { status: 301, headers: { location: 'http://10.0.0.7/admin' } });
    server.route('/to-v6-loopback', { status: 302, headers: { location: `http://[::1]:${server.port}/ua` } });
    server.route('/to-mapped', { status: 302, headers: { location: `http://[::ffff:127.0.0.2]:${server.port}/ua` } });
    for (const path of ['/to-metadata', '/to-private', '/to-v6-loopback', '/to-mapped']) {
      const error = await failure(fetcher.fetch(server.url(path)));
      expect(error.kind, path).toBe('address');
      expect(error.message).toMatch(/refused to connect/);
    }
  });

  it('refuses a host name whose DNS answer is loopback unless the operator allows it', async () => {
    const strict = createFetcher({ timeoutMs: 3000 });
    try {
      const error = await failure(strict.fetch(`http://localhost:${server.port}/ua`));
      expect(error.kind).toBe('address');
      expect(error.message).toMatch(/loopback/);
      const direct = await failure(strict.fetch(server.url('/ua')));
      expect(direct.kind).toBe('address');
    } finally {
      await strict.close();
    }
    const allowed = await fetcher.fetch(`http://localhost:${server.port}/ua`).catch((e: FetchError) => e);
    // localhost may resolve to ::1 first, which stays refused; 127.0.0.1 is allowed and used.
    expect(allowed).not.toBeInstanceOf(FetchError);
  });

  it('times out on a server that never answers, and on a body that stalls', async () => {
    server.route('/silent', () => undefined);
    server.route('/stall', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('a little');
    });
    const silent = await failure(fetcher.fetch(server.url('/silent')));
    expect(silent.kind).toBe('timeout');
    const stall = await failure(fetcher.fetch(server.url('/stall')));
    expect(stall.kind).toBe('timeout');
  });

  it('aborts a body past the size limit, declared, chunked or compressed', async () => {
    const big = 'x'.repeat(2 * 1024 * 1024);
    server.route('/big', { body: big, headers: { 'content-type': 'text/plain' } });
    server.route('/big-chunked', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const piece = 'y'.repeat(64 * 1024);
      let sent = 0;
      const pump = () => {
        while (sent < 40 && res.write(piece)) sent++;
        if (sent < 40) res.once('drain', pump);
        else res.end();
      };
      pump();
    });
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x20));
    server.route('/gzip-bomb', { body: bomb, headers: { 'content-encoding': 'gzip', 'content-type': 'text/plain' } });
    for (const path of ['/big', '/big-chunked', '/gzip-bomb']) {
      const error = await failure(fetcher.fetch(server.url(path)));
      expect(error.kind, path).toBe('too-large');
      expect(error.message).toMatch(/limit of 1048576 bytes/);
    }
    expect(bomb.byteLength).toBeLessThan(1024 * 1024);
    // The same body passes with a larger limit for that request.
    const fine = await fetcher.fetch(server.url('/big'), { maxBytes: 3 * 1024 * 1024 });
    expect(fine.bytes.byteLength).toBe(big.length);
  });

  it('undoes gzip, deflate (wrapped or raw) and brotli', async () => {
    const text = '<rss version="2.0"><channel><title>Zipped</title></channel></rss>';
    server.route('/gz', { body: gzipSync(text), headers: { 'content-encoding': 'gzip' } });
    server.route('/deflate', { body: deflateSync(text), headers: { 'content-encoding': 'deflate' } });
    server.route('/deflate-raw', { body: deflateRawSync(text), headers: { 'content-encoding': 'deflate' } });
    server.route('/br', { body: brotliCompressSync(text), headers: { 'content-encoding': 'br' } });
    server.route('/bad-gzip', { body: 'not gzip at all', headers: { 'content-encoding': 'gzip' } });
    for (const path of ['/gz', '/deflate', '/deflate-raw', '/br']) {
      expect(new TextDecoder().decode((await fetcher.fetch(server.url(path))).bytes), path).toBe(text);
    }
    expect((await failure(fetcher.fetch(server.url('/bad-gzip')))).kind).toBe('decoding');
  });

  it('reports HTTP errors with their status and Retry-After', async () => {
    server.route('/busy', { status: 429, headers: { 'retry-after': '120' } });
    server.route('/down', { status: 503, headers: { 'retry-after': 'Wed, 21 Oct 2099 07:28:00 GMT' } });
    server.route('/gone', { status: 410 });
    const busy = await failure(fetcher.fetch(server.url('/busy')));
    expect(busy.status).toBe(429);
    expect(busy.retryAfterSeconds).toBe(120);
    const down = await failure(fetcher.fetch(server.url('/down')));
    expect(down.retryAfterSeconds).toBeGreaterThan(86_400);
    const gone = await failure(fetcher.fetch(server.url('/gone')));
    expect(gone.status).toBe(410);
    expect(gone.retryAfterSeconds).toBeNull();
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:01:00 GMT', new Date('2026-01-01T00:00:00Z'))).toBe(60);
    expect(parseRetryAfter('soon', new Date())).toBeNull();
  });

  it('never has more than the per-host limit in flight to one host', async () => {
    server.route('/slowish', { body: 'ok', delayMs: 80 });
    const limited = createFetcher({ allowPrivateAddresses: ['127.0.0.1'], perHost: 2 });
    try {
      server.peakInFlight = 0;
      await Promise.all(Array.from({ length: 8 }, () => limited.fetch(server.url('/slowish'))));
      expect(server.peakInFlight).toBe(2);
    } finally {
      await limited.close();
    }
  });

  it('sends a GET again (at most twice) when the server drops the connection before answering', async () => {
    let calls = 0;
    server.route('/flaky', (req, res) => {
      calls++;
      if (calls === 1) return void req.socket.destroy();
      res.writeHead(200, { 'content-type': 'text/plain' }).end('second time lucky');
    });
    const result = await fetcher.fetch(server.url('/flaky'));
    expect(new TextDecoder().decode(result.bytes)).toBe('second time lucky');
    expect(calls).toBe(2);
    server.route('/always-drop', (req) => void req.socket.destroy());
    const error = await failure(fetcher.fetch(server.url('/always-drop')));
    expect(error.kind).toBe('network');
    expect(server.hits('/always-drop')).toBe(3);
  });

  it('refuses URLs that are not http(s)', async () => {
    expect((await failure(fetcher.fetch('file:///etc/passwd'))).kind).toBe('url');
    expect((await failure(fetcher.fetch('not a url'))).kind).toBe('url');
  });
});

describe('address guard', () => {
  const guard = createAddressGuard();
  it('refuses loopback, private, link-local, unique-local and metadata addresses', () => {
    for (const address of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.100.100.200', '0.0.0.0', '::1', 'fd00:ec2::254', 'fe80::1', '::ffff:10.0.0.1', '::ffff:7f00:1']) {
      expect(guard.refusal(address), address).not.toBeNull();
    }
  });
  it('lets public addresses through', () => {
    for (const address of ['93.184.216.34', '1.1.1.1', '2606:4700:4700::1111', '172.32.0.1']) expect(guard.refusal(address), address).toBeNull();
  });
  it('allows exactly what the operator lists', () => {
    const some = createAddressGuard(['127.0.0.1', '10.9.0.0/16']);
    expect(some.refusal('127.0.0.1')).toBeNull();
    expect(some.refusal('127.0.0.2')).toBe('loopback');
    expect(some.refusal('10.9.4.4')).toBeNull();
    expect(some.refusal('10.8.4.4')).toBe('private');
    expect(createAddressGuard(['all']).refusal('169.254.169.254')).toBeNull();
    expect(() => createAddressGuard(['not-an-ip'])).toThrow(/not an IP address/);
  });
});
