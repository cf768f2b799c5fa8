// `dateline serve` runs the HTTP server (API and reader) until interrupted; `dateline demo`
// creates the embedded database, imports the demo corpus and serves it.
import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { basename, resolve } from 'node:path';
import { settingsFrom, withStore, CliError } from '../runtime.ts';
import type { Settings } from '../../config.ts';
import type { Db } from '../../store/db.ts';
import { importPaths, importSummaryLine } from './import.ts';
import { setReferenceNow } from '../../store/clock.ts';

async function serveUntilStopped(db: Db, settings: Settings, announce: (url: string) => void): Promise<void> {
  // The server is imported when one starts, not at every `dateline` start (see ./index.ts).
  const [{ buildServer }, { makeContext }, { startServeJobs }, { createLogger }] = await Promise.all([import('../../server/app.ts'), import('../../server/context.ts'), import('../../shell/jobs.ts'), import('../../log.ts')]);
  const ctx = makeContext(db, settings);
  const app = await buildServer(ctx, { logger: createLogger({ level: settings.logLevel, format: settings.logFormat }) });
  // Every background job (feed polling, owed post-ingest work, retention, deliveries) starts here, on the pages' clock.
  const stopBackground = await startServeJobs({ db, settings, now: ctx.now }, app.log);
  try {
    await app.listen({ host: settings.host, port: settings.port });
  } catch (error) {
    await stopBackground();
    throw new CliError(`cannot listen on ${settings.host}:${settings.port}: ${(error as Error).message}`);
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : settings.port;
  announce(`http://${settings.host}:${port}`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await stopBackground();
  await app.close();
}

/**
 * While this process owns the embedded database, other `dateline` commands reach it through a
 * socket in the data directory (closing the database stops sharing). Failing to share is not fatal.
 */
async function shareWithCommands(db: Db): Promise<void> {
  // Opened through another process's socket: that process already serves this directory.
  if (db.engine === 'embedded' && !db.shareLocally) throw new CliError(`${db.location}: another dateline process already serves it`);
  if (!db.shareLocally || db.location === 'memory') return;
  try {
    await db.shareLocally();
  } catch (error) {
    process.stderr.write(`dateline: other commands cannot use this database while it serves: ${(error as Error).message}\n`);
  }
}

export const demoDir = fileURLToPath(new URL('../../../demo/', import.meta.url));
export const seedsDir = fileURLToPath(new URL('../../../../shared/seeds/', import.meta.url));

export function registerServeCommands(program: Command): void {
  program
    .command('serve')
    .description('serve the reader and the API')
    .option('--port <port>', 'port to listen on (default 8080, DATELINE_PORT)')
    .option('--host <host>', 'address to listen on (default 127.0.0.1, DATELINE_HOST)')
    .action(async (_opts: unknown, command: Command) => {
      const settings = settingsFrom(command);
      await withStore(settings, async (db) => {
        await shareWithCommands(db);
        await serveUntilStopped(db, settings, (url) => process.stdout.write(`Dateline is serving on ${url}\n`));
      });
    });

  program
    .command('demo')
    .description('create the embedded database, import the demo corpus (and ../shared/seeds when present), and serve it')
    .option('--port <port>', 'port to listen on (default 8080)')
    .option('--host <host>', 'address to listen on (default 127.0.0.1)')
    .option('--no-serve', 'import only, do not start the server')
    .action(async (opts: { serve: boolean }, command: Command) => {
      const settings = settingsFrom(command);
      const corpus = [demoDir + 'dumps', demoDir + 'pages'].filter((dir) => existsSync(dir));
      const manifest = readDemoManifest();
      const seeds = readSeedCaptureTimes();
      // The demo's one clock, set once: the moment its last page (demo corpus or seed) was saved.
      // Pages, API, CLI and the steps all count from it.
      const latest = Math.max(manifest.savedAt?.getTime() ?? 0, ...[...seeds.values()].map((d) => d.getTime()));
      if (!settings.now && latest > 0) settings.now = new Date(latest);
      await withStore(settings, async (db) => {
        process.stdout.write(`Database: ${db.location}\n`);
        // Stored with the database, so `dateline` commands run on it later count from it too.
        if (settings.now) await setReferenceNow(db, settings.now);
        if (opts.serve) await shareWithCommands(db);
        const demo = await importPaths(db, corpus, {
          asOf: null,
          maxPageBytes: settings.maxPageBytes,
          print: () => undefined,
          asOfFor: (file) => manifest.dumpAsOf.get(file),
          now: settings.now ?? new Date(),
        });
        process.stdout.write(`Demo corpus: ${importSummaryLine(demo)}\n`);
        if (existsSync(seedsDir)) {
          // The seeds give only ages ("17 hours ago"): each counts from its own capture time
          // (demo/seeds.json), not from the files' checkout time.
          const imported = await importPaths(db, [seedsDir], {
            asOf: settings.now ?? null,
            maxPageBytes: settings.maxPageBytes,
            print: () => undefined,
            asOfFor: (file) => seeds.get(basename(file)),
            now: settings.now ?? new Date(),
          });
          process.stdout.write(`Seed pages (${seedsDir}): ${importSummaryLine(imported)}\n`);
        }
        if (!opts.serve) return;
        await serveUntilStopped(db, settings, (url) => process.stdout.write(`Dateline demo is serving on ${url}\n`));
      });
    });
}

interface DemoManifest {
  /** Each dump's own save time (its relative ages are counted from it), by absolute path. */
  dumpAsOf: Map<string, Date>;
  /** The latest of those: "now" for the demo's reader. */
  savedAt: Date | null;
}

/** Reads demo/manifest.json: when each page dump was saved. */
export function readDemoManifest(): DemoManifest {
  const file = demoDir + 'manifest.json';
  const dumpAsOf = new Map<string, Date>();
  if (!existsSync(file)) return { dumpAsOf, savedAt: null };
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { dumps?: { file: string; as_of?: string }[] };
  for (const dump of manifest.dumps ?? []) {
    if (dump.as_of) dumpAsOf.set(resolve(demoDir, dump.file), new Date(dump.as_of));
  }
  const times = [...dumpAsOf.values()].map((d) => d.getTime());
  return { dumpAsOf, savedAt: times.length ? new Date(Math.max(...times)) : null };
}

/** Reads demo/seeds.json: when each seed page was captured, by file name. */
export function readSeedCaptureTimes(): Map<string, Date> {
  const file = demoDir + 'seeds.json';
  const times = new Map<string, Date>();
  if (!existsSync(file)) return times;
  const listed = JSON.parse(readFileSync(file, 'utf8')) as { seeds?: { file: string; captured_at: string }[] };
  for (const seed of listed.seeds ?? []) times.set(seed.file, new Date(seed.captured_at));
  return times;
}
