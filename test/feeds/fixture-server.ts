// A real HTTP server on 127.0.0.1 for the fetcher's and the feeds' tests: routes are set per
// test (a fixed response or a handler), every request is counted per path, and the peak number
// of requests in flight at once is kept (for the per-host limit).
import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FixedResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Milliseconds to wait before answering. */
  delayMs?: number;
}

export type Route = FixedResponse | ((req: IncomingMessage, res: ServerResponse) => void | Promise<void>);

export interface FixtureServer {
  origin: string;
  port: number;
  url(path: string): string;
  route(path: string, route: Route): void;
  hits(path: string): number;
  /** Every request seen, in order: path and the headers that matter to these tests. */
  requests: { path: string; headers: IncomingMessage['headers'] }[];
  peakInFlight: number;
  close(): Promise<void>;
}

export async function startFixtureServer(routes: Record<string, Route> = {}): Promise<FixtureServer> {
  const table = new Map<string, Route>(Object.entries(routes));
  const counts = new Map<string, number>();
  const requests: FixtureServer['requests'] = [];
  let inFlight = 0;
  const state = { peak: 0 };
  const server: Server = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    requests.push({ path, headers: req.headers });
    inFlight++;
    state.peak = Math.max(state.peak, inFlight);
    res.on('close', () => inFlight--);
    const route = table.get(path);
    try {
      if (!route) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end(`no fixture at ${path}`);
      } else if (typeof route === 'function') {
        await route(req, res);
      } else {
        if (route.delayMs) await new Promise((r) => setTimeout(r, route.delayMs));
        res.writeHead(route.status ?? 200, route.headers ?? {}).end(route.body ?? '');
      }
    } catch (error) {
      if (!res.headersSent) res.writeHead(500).end(String(error));
    }
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    port,
    url: (path) => origin + path,
    route: (path, route) => table.set(path, route),
    hits: (path) => counts.get(path) ?? 0,
    requests,
    get peakInFlight() {
      return state.peak;
    },
    set peakInFlight(value: number) {
      state.peak = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
