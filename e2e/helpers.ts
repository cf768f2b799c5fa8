// What the browser tests share: a real Dateline server on 127.0.0.1 over an embedded test
// database holding the demo corpus (or whatever of it exists) and our hostile fixture page,
// Debian's chromium driven by playwright-core, axe-core injected into pages, and screenshots.
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { openEmbeddedTestDb } from '../test/helpers/db.ts';
import type { Db } from '../src/store/db.ts';
import { buildServer } from '../src/server/app.ts';
import { makeContext } from '../src/server/context.ts';
import { loadSettings } from '../src/config.ts';
import { importPaths } from '../src/cli/commands/import.ts';
import { readDemoManifest } from '../src/cli/commands/serve.ts';
import { createUser } from '../src/store/users.ts';
import { fetchDemoImages, startImageHost } from './image-host.ts';

export const CHROMIUM = '/usr/bin/chromium';
const root = fileURLToPath(new URL('..', import.meta.url));
export const SCREENSHOTS = root + 'e2e/screenshots/';

/** Whether the browser tests can run; under CI=true a missing browser is an error, not a skip. */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true') throw new Error(`CI=true but ${CHROMIUM} is missing: .ci/run installs it with apt-get install chromium`);
  console.warn(`[dateline e2e] skipping the browser tests: ${CHROMIUM} is missing (apt-get install -y chromium)`);
  return false;
}

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** A browser with an ordinary (not incognito) profile in `profileDir`. */
export async function launchPersistentBrowser(profileDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM, args: ARGS });
}

export interface Reader {
  base: string;
  db: Db;
  app: FastifyInstance;
  imported: number;
  /** Lead-image thumbnails stored. */
  images: number;
  close(): Promise<void>;
}

export const MODERATOR = { username: 'moderator.mia', password: 'moderate with care' };
export const ADMIN = { username: 'admin.ada', password: 'administer with care' };

/** A real server with the demo corpus, our fixtures, and a moderator account. */
export async function startReader(): Promise<Reader> {
  const db = await openEmbeddedTestDb();
  const demo = root + 'demo/';
  const manifest = readDemoManifest();
  const paths = ['dumps', 'pages'].map((dir) => demo + dir).filter((dir) => existsSync(dir) && readdirSync(dir).length);
  paths.push(root + 'e2e/fixtures');
  const summary = await importPaths(db, paths, {
    asOf: manifest.savedAt,
    maxPageBytes: 10 * 1024 * 1024,
    print: () => undefined,
    asOfFor: (file) => manifest.dumpAsOf.get(file),
  });
  // The pages' lead images, from a stand-in for their (unreachable, made-up) hosts.
  const imageHost = await startImageHost();
  const images = await fetchDemoImages(db, imageHost);
  await imageHost.close();
  await createUser(db, { ...MODERATOR, role: 'moderator' });
  await createUser(db, { ...ADMIN, role: 'admin' });
  const settings = loadSettings({});
  if (manifest.savedAt) settings.now = manifest.savedAt;
  const app = await buildServer(makeContext(db, settings));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  return {
    base,
    db,
    app,
    imported: summary.articles,
    images,
    async close() {
      await app.close();
      await db.close();
    },
  };
}

const axeSource = readFileSync(root + 'node_modules/axe-core/axe.min.js', 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Runs axe-core (WCAG 2.x A and AA rules, and best practices) on the page as it is now. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Injected as an evaluated string: the page's CSP allows only our own script files, and
  // evaluation through the DevTools protocol is not subject to it.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
}
