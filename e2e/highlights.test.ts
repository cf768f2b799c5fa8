// Highlights in a real browser (Debian's chromium): select a passage of an article's text, press
// Highlight, add a note; the passage is marked, listed, and marked again after a reload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { browserAvailable, launchBrowser } from './helpers.ts';
import { openEmbeddedTestDb } from '../test/helpers/db.ts';
import { listeningServer } from '../test/helpers/server.ts';
import type { Db } from '../src/store/db.ts';
import { createUser } from '../src/store/users.ts';
import { saveArticle } from '../src/store/articles.ts';
import { article } from '../test/search/fixtures.ts';

const READER = { username: 'highlighter', password: 'mark my words please' };
const TEXT = 'The harbour board met on Monday.\n\nThe board approved the sea wall plan after a long debate.\n\nThe board will meet again in May.';

describe.runIf(browserAvailable())('highlights in the browser', () => {
  let db: Db;
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;
  let articleId: number;

  beforeAll(async () => {
    db = await openEmbeddedTestDb();
    await createUser(db, READER, { N: 1024, r: 8, p: 1 });
    articleId = (await saveArticle(db, article({ title: 'Sea wall approved', text: TEXT }), null)).id;
    ({ app, base } = await listeningServer(db));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.close();
  });

  it('highlights a selection with a note and marks it again after a reload', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/login?next=${encodeURIComponent(`/articles/${articleId}`)}`);
    await page.getByLabel('Username').fill(READER.username);
    await page.getByLabel('Password').fill(READER.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${base}/articles/${articleId}`);
    // Select "sea wall plan" in the second paragraph, as a reader dragging over it would.
    await page.evaluate(() => {
      const body = document.querySelector('.reading .body')!;
      const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        const at = node.data.indexOf('sea wall plan');
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 'sea wall plan'.length);
        getSelection()!.removeAllRanges();
        getSelection()!.addRange(range);
        return;
      }
      throw new Error('text not found');
    });
    page.once('dialog', (dialog) => void dialog.accept('check the cost'));
    const button = page.getByRole('button', { name: 'Highlight', exact: true });
    await button.waitFor({ state: 'visible' });
    await button.click();
    await page.locator('.reading .body mark.highlight').first().waitFor();
    expect(await page.locator('.reading .body mark.highlight').allInnerTexts()).toEqual(['sea wall plan']);
    expect(await page.locator('.highlights-panel ol.highlights').innerText()).toContain('check the cost');

    await page.reload();
    await page.locator('.reading .body mark.highlight').first().waitFor();
    expect((await page.locator('.reading .body mark.highlight').allInnerTexts()).join('')).toBe('sea wall plan');
    expect(await page.locator('.reading .body mark.highlight').first().getAttribute('title')).toBe('check the cost');
    await page.close();
  });
});
