// Structured logs: JSON lines (level, time, msg and fields such as reqId, feedId, articleId,
// durationMs) for machines; on a terminal the same records as one readable line each.
import { Writable } from 'node:stream';
import pino, { type Logger, type LoggerOptions } from 'pino';
import { maskRequestTarget, maskUrlsIn } from './fetch/mask.ts';

const LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
const HIDDEN = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'v']);

/** Formats one JSON log record as a readable line: `12:00:01 INFO  message key=value …`. */
export function formatLogLine(record: Record<string, unknown>): string {
  const time = new Date(Number(record.time ?? Date.now())).toISOString().slice(11, 19);
  const level = (LEVELS[Number(record.level)] ?? String(record.level)).toUpperCase().padEnd(5);
  const fields = Object.entries(record)
    .filter(([key]) => !HIDDEN.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join(' ');
  return `${time} ${level} ${String(record.msg ?? '')}${fields ? '  ' + fields : ''}\n`;
}

function readableStream(out: NodeJS.WritableStream): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line) continue;
        try {
          out.write(formatLogLine(JSON.parse(line)));
        } catch {
          out.write(line + '\n');
        }
      }
      done();
    },
  });
}

export function loggerOptions(level = process.env.DATELINE_LOG_LEVEL || 'info'): LoggerOptions {
  return {
    level,
    base: undefined,
    // A feed's address in an error (err: "http://user:pass@…?token=…") keeps its secrets out of the log.
    formatters: {
      log: (object) => Object.fromEntries(Object.entries(object).map(([key, value]) => [key, typeof value === 'string' ? maskUrlsIn(value) : value])),
    },
    serializers: {
      // Query tokens (?api_key=, ?T=) never reach a log.
      req: (req: { method: string; url: string }) => ({ method: req.method, url: maskRequestTarget(req.url) }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}

/** A logger writing JSON to stdout, or readable lines when stdout is a terminal. */
export function createLogger(options: { level?: string; format?: 'auto' | 'json' | 'pretty'; out?: NodeJS.WriteStream } = {}): Logger {
  const out = options.out ?? process.stdout;
  const chosen = options.format ?? 'auto';
  const format = chosen === 'auto' ? (out.isTTY ? 'pretty' : 'json') : chosen;
  return pino(loggerOptions(options.level), format === 'pretty' ? readableStream(out) : out);
}
