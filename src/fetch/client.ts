// The HTTP client every outbound request goes through (feeds, their entries' pages, feed
// discovery): a well-behaved reader. Timeouts for connect, headers and body plus a whole-request
// deadline; a streamed size limit on the decoded body; at most five redirects, each hop through
// the address guard; gzip/deflate/br; conditional GET; Retry-After; a per-host limit; a
// User-Agent that names Dateline. Bodies come back as bytes: decoding text is the reader's job.
import { Agent, request, errors as undiciErrors } from 'undici';
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import type { Readable } from 'node:stream';
import { createAddressGuard, type AddressGuard, AddressRefusedError } from './guard.ts';
import { HostLimiter } from './host-limit.ts';

export const USER_AGENT = 'Dateline/0.1 (self-hosted news reader; feed fetcher)';

export type FetchErrorKind = 'url' | 'address' | 'timeout' | 'too-large' | 'redirects' | 'status' | 'network' | 'decoding';

/** A failed fetch, with the URL it concerned and (for HTTP errors) the status and Retry-After. */
export class FetchError extends Error {
  constructor(
    readonly kind: FetchErrorKind,
    readonly url: string,
    message: string,
    readonly status: number | null = null,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(`${url}: ${message}`);
  }
}

export interface FetcherOptions {
  /** Private addresses or ranges allowed (see guard.ts); "all" turns the guard off. */
  allowPrivateAddresses?: string[];
  /** Whole request, all hops and the body, in ms (default 30 s). */
  timeoutMs?: number;
  connectTimeoutMs?: number;
  /** Until the response headers arrive (default 15 s). */
  headersTimeoutMs?: number;
  /** Longest silence while the body streams (default 15 s). */
  bodyTimeoutMs?: number;
  /** Largest decoded body, in bytes (default 10 MB). */
  maxBytes?: number;
  maxRedirects?: number;
  /** Requests at once to one host name (default 2). */
  perHost?: number;
  userAgent?: string;
}

export interface FetchRequest {
  etag?: string | null;
  lastModified?: string | null;
  accept?: string;
  signal?: AbortSignal;
  /** Overrides the fetcher's size limit for this request. */
  maxBytes?: number;
}

export interface FetchResult {
  /** Where the content finally came from, after redirects. */
  url: string;
  status: number;
  /** True on 304: nothing changed since the validators sent. */
  notModified: boolean;
  contentType: string | null;
  bytes: Uint8Array;
  etag: string | null;
  lastModified: string | null;
  /** The URLs redirected through, in order. */
  redirects: string[];
  /** Whether a permanent redirect (301/308) was followed: the subscription may move. */
  movedPermanently: boolean;
}

export interface Fetcher {
  fetch(url: string, init?: FetchRequest): Promise<FetchResult>;
  close(): Promise<void>;
  readonly guard: AddressGuard;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export function createFetcher(options: FetcherOptions = {}): Fetcher {
  const guard = createAddressGuard(options.allowPrivateAddresses ?? []);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxBytes = options.maxBytes ?? 10 * 1024 * 1024;
  const maxRedirects = options.maxRedirects ?? 5;
  const headersTimeout = options.headersTimeoutMs ?? 15_000;
  const bodyTimeout = options.bodyTimeoutMs ?? 15_000;
  const limiter = new HostLimiter(options.perHost ?? 2);
  const agent = new Agent({
    connect: { timeout: options.connectTimeoutMs ?? 10_000, lookup: guard.lookup },
    headersTimeout,
    bodyTimeout,
    connections: 64,
  });

  async function fetchOnce(url: string, init: FetchRequest = {}): Promise<FetchResult> {
    // The deadline starts once a slot to the host is free: time queued behind our own other
    // requests to that host is not the server's slowness.
    let signal: AbortSignal | undefined = init.signal;
    const startDeadline = () => {
      const deadline = AbortSignal.timeout(timeoutMs);
      signal = init.signal ? AbortSignal.any([deadline, init.signal]) : deadline;
    };
    const limit = init.maxBytes ?? maxBytes;
    const redirects: string[] = [];
    let movedPermanently = false;
    let current = parseHttpUrl(url);
    for (let hop = 0; ; hop++) {
      guard.checkLiteral(current.hostname);
      const release = await limiter.acquire(current.host, signal);
      if (hop === 0) startDeadline();
      try {
        const headers: Record<string, string> = {
          'user-agent': options.userAgent ?? USER_AGENT,
          accept: init.accept ?? '*/*',
          'accept-encoding': 'gzip, deflate, br',
        };
        // Validators belong to the URL they were issued for; a redirect target gets a plain GET.
        if (hop === 0 && init.etag) headers['if-none-match'] = init.etag;
        if (hop === 0 && init.lastModified) headers['if-modified-since'] = init.lastModified;
        const response = await request(current, {
          method: 'GET',
          headers,
          dispatcher: agent,
          signal,
          headersTimeout,
          bodyTimeout,
        });
        const status = response.statusCode;
        const header = (name: string) => {
          const value = response.headers[name];
          return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
        };
        if (REDIRECT_STATUSES.has(status)) {
          response.body.resume(); // discard the redirect's body, free the connection
          const location = header('location');
          if (!location) throw new FetchError('status', current.href, `HTTP ${status} redirect without a Location header`, status);
          if (hop >= maxRedirects) throw new FetchError('redirects', url, `more than ${maxRedirects} redirects (last to ${location})`);
          if (status === 301 || status === 308) movedPermanently = hop === 0 || movedPermanently;
          else movedPermanently = false;
          redirects.push(current.href);
          current = parseHttpUrl(location, current);
          continue;
        }
        if (status === 304) {
          response.body.resume();
          return {
            url: current.href,
            status,
            notModified: true,
            contentType: header('content-type'),
            bytes: new Uint8Array(0),
            etag: header('etag') ?? init.etag ?? null,
            lastModified: header('last-modified') ?? init.lastModified ?? null,
            redirects,
            movedPermanently,
          };
        }
        if (status < 200 || status > 299) {
          response.body.resume();
          const retryAfter = status === 429 || status === 503 ? parseRetryAfter(header('retry-after'), new Date()) : null;
          throw new FetchError('status', current.href, `HTTP ${status}${retryAfter !== null ? ` (retry after ${retryAfter} s)` : ''}`, status, retryAfter);
        }
        const declared = Number(header('content-length') ?? NaN);
        const encoding = (header('content-encoding') ?? '').toLowerCase().trim();
        if (Number.isFinite(declared) && declared > limit && !encoding) {
          response.body.destroy();
          throw new FetchError('too-large', current.href, `body of ${declared} bytes exceeds the limit of ${limit}`);
        }
        const bytes = await readLimited(response.body, encoding, limit, current.href);
        return {
          url: current.href,
          status,
          notModified: false,
          contentType: header('content-type'),
          bytes,
          etag: header('etag'),
          lastModified: header('last-modified'),
          redirects,
          movedPermanently,
        };
      } finally {
        release();
      }
    }
  }

  return {
    guard,
    async fetch(url, init) {
      // A kept-alive connection the server closed just as we reused it fails before any answer
      // came: a GET is safe to send again. Twice at most: the pool may hold more than one such socket.
      for (let attempt = 1; ; attempt++) {
        try {
          return await fetchOnce(url, init);
        } catch (error) {
          if (attempt >= 3 || !isClosedConnection(error) || init?.signal?.aborted) throw asFetchError(error, url);
        }
      }
    },
    close: () => agent.close(),
  };
}

function parseHttpUrl(value: string, base?: URL): URL {
  let parsed: URL;
  try {
    parsed = new URL(value, base);
  } catch {
    throw new FetchError('url', value, 'not a valid URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new FetchError('url', value, `only http and https URLs are fetched, not ${parsed.protocol}`);
  }
  parsed.hash = '';
  return parsed;
}

/**
 * Collects a body, aborting the transfer as soon as it passes `limit`; then undoes its content
 * encodings with the decoded size capped at `limit` too, so a small compressed bomb cannot
 * expand past it either.
 */
async function readLimited(body: Readable, encoding: string, limit: number, url: string): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += (chunk as Buffer).byteLength;
    if (total > limit) {
      body.destroy();
      throw new FetchError('too-large', url, `body exceeds the limit of ${limit} bytes (aborted while reading)`);
    }
    chunks.push(chunk as Buffer);
  }
  let bytes: Buffer = Buffer.concat(chunks);
  const names = encoding
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n && n !== 'identity');
  // Listed in the order they were applied: undo the last first.
  for (const name of names.reverse()) bytes = decodeContent(bytes, name, limit, url);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function decodeContent(bytes: Buffer, name: string, limit: number, url: string): Buffer {
  const options = { maxOutputLength: limit };
  try {
    if (name === 'gzip' || name === 'x-gzip') return gunzipSync(bytes, options);
    if (name === 'br') return brotliDecompressSync(bytes, options);
    // "deflate" should be zlib-wrapped, but some servers send a raw deflate stream: a zlib
    // header's low nibble is 8.
    if (name === 'deflate') return (bytes[0]! & 0x0f) === 8 ? inflateSync(bytes, options) : inflateRawSync(bytes, options);
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
      throw new FetchError('too-large', url, `${name}-decoded body exceeds the limit of ${limit} bytes`);
    }
    throw new FetchError('decoding', url, `cannot decode the ${name} body: ${(error as Error).message}`);
  }
  throw new FetchError('decoding', url, `unsupported content encoding ${JSON.stringify(name)}`);
}

/** Seconds to wait from a Retry-After value (delta-seconds or an HTTP date), or null. */
export function parseRetryAfter(value: string | null, now: Date): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.round((at - now.getTime()) / 1000));
}

function isClosedConnection(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: string }).code;
    if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'EPIPE') return true;
  }
  return false;
}

function asFetchError(error: unknown, url: string): FetchError {
  if (error instanceof FetchError) return error;
  const chain: unknown[] = [];
  for (let e: unknown = error; e && chain.length < 5; e = (e as { cause?: unknown }).cause) chain.push(e);
  const refused = chain.find((e) => e instanceof AddressRefusedError) as AddressRefusedError | undefined;
  if (refused) return new FetchError('address', url, refused.message);
  const first = chain[0] as { name?: string; code?: string; message?: string };
  const codes = chain.map((e) => (e as { code?: string }).code);
  if (
    first instanceof undiciErrors.HeadersTimeoutError ||
    first instanceof undiciErrors.BodyTimeoutError ||
    first instanceof undiciErrors.ConnectTimeoutError ||
    first?.name === 'TimeoutError' ||
    codes.includes('UND_ERR_HEADERS_TIMEOUT') ||
    codes.includes('UND_ERR_BODY_TIMEOUT') ||
    codes.includes('UND_ERR_CONNECT_TIMEOUT')
  ) {
    return new FetchError('timeout', url, `timed out (${first?.message ?? 'no response in time'})`);
  }
  if (first?.name === 'AbortError' || codes.includes('ABORT_ERR')) {
    const reason = chain.find((e) => (e as { name?: string }).name === 'TimeoutError');
    return new FetchError(reason ? 'timeout' : 'network', url, reason ? 'timed out' : 'aborted');
  }
  return new FetchError('network', url, first?.message ?? String(error));
}
