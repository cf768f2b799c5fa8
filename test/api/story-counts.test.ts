// The latest-stories feed's entry text: a wire story that three outlets ran (one article, two
// copies) read "1 article from 3 sources."; it now says the sources ran it.
import { describe, expect, it } from 'vitest';
import { storyCounts } from '../../src/server/routes/feeds-out.ts';

describe('story counts in the feed', () => {
  it('one article run by several outlets', () => {
    expect(storyCounts(1, 3)).toBe('1 article, run by 3 sources.');
  });
  it('articles from as many or fewer sources', () => {
    expect(storyCounts(4, 3)).toBe('4 articles from 3 sources.');
    expect(storyCounts(1, 1)).toBe('1 article from 1 source.');
  });
});
