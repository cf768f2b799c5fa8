// Makes the screenshots in docs/screenshots/ (home, a story, an article; desktop 1280 px and
// phone 390 px wide, each the page's full height) with Debian's chromium over the demo corpus
// (lead images from e2e/image-host.ts), and checks each page with axe-core on the way. The PNGs
// are re-encoded with a palette to stay small. Run: npx tsx e2e/screenshots.ts
import { mkdirSync, statSync } from 'node:fs';
import sharp from 'sharp';
import { fileURLToPath } from 'node:url';
import { axeViolations, browserAvailable, launchBrowser, startReader } from './helpers.ts';

const OUT = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const VIEWPORTS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const;

async function main(): Promise<void> {
  if (!browserAvailable()) process.exit(1);
  mkdirSync(OUT, { recursive: true });
  const reader = await startReader();
  const browser = await launchBrowser();
  let violations = 0;
  try {
    // The story covered by the most outlets, and its first article.
    const { stories } = (await (await fetch(`${reader.base}/api/v1/stories?limit=100`)).json()) as { stories: { id: number; sourceCount: number }[] };
    const story = [...stories].sort((a, b) => b.sourceCount - a.sourceCount || a.id - b.id)[0];
    if (!story) throw new Error('the demo corpus formed no stories');
    const {
      story: { articles },
    } = (await (await fetch(`${reader.base}/api/v1/stories/${story.id}`)).json()) as { story: { articles: { id: number }[] } };
    const pages = { home: '/', story: `/stories/${story.id}`, article: `/articles/${articles[0]!.id}` };
    for (const [device, viewport] of Object.entries(VIEWPORTS)) {
      const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
      const page = await context.newPage();
      for (const [name, path] of Object.entries(pages)) {
        await page.goto(reader.base + path);
        const found = await axeViolations(page);
        violations += found.length;
        const file = `${OUT}${name}-${device}.png`;
        const shot = await page.screenshot({ fullPage: true });
        await sharp(shot).png({ palette: true, quality: 80, compressionLevel: 9, effort: 8 }).toFile(file);
        const { width, height } = await sharp(file).metadata();
        console.log(
          `${name.padEnd(8)} ${device.padEnd(8)} ${path.padEnd(16)} ${width}x${height} ${Math.round(statSync(file).size / 1024)} KB  axe: ${found.length ? found.map((v) => v.id).join(', ') : 'no violations'}  -> docs/screenshots/${name}-${device}.png`,
        );
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await reader.close();
  }
  if (violations) {
    console.error(`${violations} axe violation(s)`);
    process.exit(1);
  }
}

await main();
