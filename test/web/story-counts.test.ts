// A wire story three outlets ran (one article, two copies) read "3 sources · 1 article" on the
// home page, the story list and the story page; it now says who ran it.
import { describe, expect, it } from 'vitest';
import { storyBody, storyListItem } from '../../src/web/pages/stories.ts';
import type { Story } from '../../src/model/index.ts';

const now = new Date('2025-08-12T18:00:00Z');
const story = (articleCount: number, sourceCount: number): Story => ({ id: 28, headline: 'Defence spending to rise', firstSeenAt: now, lastSeenAt: now, articleCount, sourceCount });
const meta = (page: string) => /<p class="meta">([^<]*?) · (?:latest|first seen)/.exec(page)?.[1];

describe('story counts on reader pages', () => {
  it('one article run by three outlets', () => {
    expect(meta(storyListItem(story(1, 3), now).value)).toBe('1 article, run by 3 sources');
    expect(meta(storyBody({ story: story(1, 3), articles: [], now }).value)).toBe('1 article, run by 3 sources');
  });

  it('several articles from as many or fewer outlets read as before', () => {
    expect(meta(storyListItem(story(4, 3), now).value)).toBe('3 sources · 4 articles');
    expect(meta(storyBody({ story: story(1, 1), articles: [], now }).value)).toBe('1 source · 1 article');
  });
});
