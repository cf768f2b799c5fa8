import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { isServerReachable, openEmbeddedTestDb, openServerTestDb } from '../helpers/db.ts';
import { openDb, type Db } from '../../src/store/db.ts';
import { migrate, migrationStatus, listMigrations } from '../../src/store/migrate.ts';
import { dumpDatabase, readBackup, restoreDatabase, writeBackup } from '../../src/store/backup.ts';
import { getArticle, getArticleLinks, saveArticle, saveArticleLinks } from '../../src/store/articles.ts';
import type { ExtractedArticle } from '../../src/model/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'dateline-backup-'));
const article = (title: string, role: 'main' | 'related' = 'main'): ExtractedArticle => ({
  title,
  text: `${title} — body with “curly quotes”, emoji 🚢 and 한국어.`,
  html: '<p>safe</p>',
  sourceName: 'Harbour Courier',
  byline: 'Desk',
  publishedAt: new Date('2025-08-01T10:00:00Z'),
  timeBasis: 'page',
  publishedText: null,
  language: 'en',
  url: null,
  canonicalUrl: null,
  excerpt: null,
  imageUrl: null,
  role,
});

async function seed(db: Db): Promise<number> {
  const main = await saveArticle(db, article('Pilots vote to strike'), null);
  const rel = await saveArticle(db, article('Tug crews join', 'related'), null);
  await saveArticleLinks(db, main.id, [{ position: 0, title: 'Tug crews join', sourceName: null, url: null, relatedArticleId: rel.id }]);
  return main.id;
}

const opened: Db[] = [];
afterAll(async () => {
  for (const db of opened) await db.close().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

const serverReachable = await isServerReachable();

describe('backup and restore', () => {
  it('round-trips the embedded database through a file, and new rows get fresh ids', async () => {
    const source = await openEmbeddedTestDb();
    opened.push(source);
    const mainId = await seed(source);
    const file = join(dir, 'embedded.jsonl.gz');
    const counts = await writeBackup(source, file);
    expect(counts.articles).toBe(2);

    const target = await openDb({ dataDir: join(dir, 'restored') });
    opened.push(target);
    const restored = await restoreDatabase(target, readBackup(file), file);
    expect(restored.articles).toBe(2);
    const copy = await getArticle(target, mainId);
    expect(copy?.text).toContain('한국어');
    expect(copy?.publishedAt?.toISOString()).toBe('2025-08-01T10:00:00.000Z');
    expect((await getArticleLinks(target, mainId))[0]!.title).toBe('Tug crews join');
    const fresh = await saveArticle(target, article('After restore'), null);
    expect(fresh.id).toBeGreaterThan(mainId + 1);
    const status = await migrationStatus(target);
    expect(status.current).toBe(status.latest);
  });

  it('refuses a damaged or truncated backup and a non-empty target', async () => {
    const target = await openEmbeddedTestDb();
    opened.push(target);
    const bad = join(dir, 'bad.jsonl.gz');
    writeFileSync(bad, gzipSync('{"type":"header","format":"nope"}\n'));
    await expect(restoreDatabase(target, readBackup(bad), bad)).rejects.toThrow(/not a Dateline backup/);
    const source = await openEmbeddedTestDb();
    opened.push(source);
    await seed(source);
    const lines = [];
    for await (const line of dumpDatabase(source)) lines.push(line);
    const truncated = join(dir, 'truncated.jsonl.gz');
    writeFileSync(
      truncated,
      gzipSync(
        lines
          .slice(0, -1)
          .map((l) => JSON.stringify(l))
          .join('\n'),
      ),
    );
    await expect(restoreDatabase(target, readBackup(truncated), truncated)).rejects.toThrow(/ends early/);
    expect((await target.query<{ n: number }>('SELECT count(*)::int AS n FROM articles'))[0]!.n).toBe(0);
    await seed(target);
    const good = join(dir, 'good.jsonl.gz');
    await writeBackup(source, good);
    await expect(restoreDatabase(target, readBackup(good), good)).rejects.toThrow(/already holds/);
  });

  it('upgrades a database created by the first migration, data intact', async () => {
    const db = await openDb({ dataDir: join(dir, 'old-schema') });
    opened.push(db);
    await migrate(db, 1);
    expect((await migrationStatus(db)).current).toBe(1);
    const id = await seed(db);
    const applied = await migrate(db);
    expect(applied).toEqual(
      listMigrations()
        .filter((m) => m.version > 1)
        .map((m) => m.name),
    );
    expect((await getArticle(db, id))?.title).toBe('Pilots vote to strike');
  });

  it.runIf(serverReachable)('copies an embedded database into a PostgreSQL server (migrate-to)', async () => {
    const source = await openEmbeddedTestDb();
    opened.push(source);
    const mainId = await seed(source);
    const target = await openServerTestDb();
    opened.push(target);
    const counts = await restoreDatabase(target, dumpDatabase(source), 'embedded');
    expect(counts.articles).toBe(2);
    expect((await getArticle(target, mainId))?.text).toContain('🚢');
    const fresh = await saveArticle(target, article('On the server'), null);
    expect(fresh.id).toBeGreaterThan(mainId);
  });
});
