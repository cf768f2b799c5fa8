// Search snippets say each passage once: an excerpt that is the start of the text is not searched
// twice (two fragments of one sentence made snippets repeat themselves); an excerpt that says
// something the text does not is still searched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveArticle } from '../../src/store/articles.ts';
import { article } from '../search/fixtures.ts';
import { startWebWorld, type WebWorld } from './server-world.ts';

const LEAD = 'WASHINGTON, July 7 (Meridian Wire) — The United States will impose tariffs of 25% on imports from Japan and South Korea starting Aug. 1.';
const BODY = `${LEAD}\n\nOfficials said talks would continue. The tariffs follow months of negotiation over autos and steel, and markets in Tokyo and Seoul fell.`;

describe('search snippets', () => {
  let world: WebWorld;
  beforeAll(async () => {
    world = await startWebWorld(async (db) => {
      await saveArticle(db, article({ title: 'US sets tariffs on Japan and Korea', text: BODY, excerpt: LEAD }), null);
      await saveArticle(db, article({ title: 'Lighthouse keepers vote', text: 'The keepers voted on Tuesday to accept the new rota.', excerpt: 'A vote on the lighthouse rota ended a long dispute.' }), null);
    });
  });
  afterAll(() => world?.close());

  const snippet = async (q: string) => {
    const body = (await (await fetch(`${world.base}/api/v1/search?q=${encodeURIComponent(q)}`)).json()) as { results: { snippetHtml: string }[] };
    return body.results[0]!.snippetHtml.replace(/<\/?mark>/g, '');
  };

  it('does not repeat a lead that is both the excerpt and the start of the text', async () => {
    const text = await snippet('tariffs');
    expect(text.split('WASHINGTON, July 7').length - 1).toBeLessThanOrEqual(1);
  });

  it('still finds words only the excerpt has', async () => {
    expect(await snippet('dispute')).toContain('long dispute');
  });
});
