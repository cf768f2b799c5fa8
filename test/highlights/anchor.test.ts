// Text anchors: a highlight found again in re-spaced and edited text, the right one of several
// occurrences chosen by its context, and the Markdown export escaping what Markdown would read.
import { describe, expect, it } from 'vitest';
import { anchorIn, anchorText, AnchorError, locateAnchor } from '../../src/highlights/anchor.ts';
import { highlightsMarkdown } from '../../src/highlights/markdown.ts';

const TEXT = 'The council voted on Tuesday.\n\nThe council voted again on Friday, and the sea wall plan passed.\n\nResidents said the vote was late.';

describe('text anchors', () => {
  it('anchors a selection whatever its spacing, with context and offsets in the collapsed text', () => {
    const anchor = anchorIn(TEXT, { quote: 'sea   wall\nplan' });
    const text = anchorText(TEXT);
    expect(anchor.quote).toBe('sea wall plan');
    expect(text.slice(anchor.start, anchor.end)).toBe('sea wall plan');
    expect(anchor.prefix).toBe(text.slice(anchor.start - 32, anchor.start));
    expect(anchor.suffix).toBe(' passed. Residents said the vote');
  });
  it('picks the occurrence whose context matches, not the first', () => {
    const second = anchorIn(TEXT, { quote: 'The council voted', prefix: 'Tuesday.', suffix: ' again' });
    expect(second.start).toBe(anchorText(TEXT).indexOf('The council voted again'));
    const first = anchorIn(TEXT, { quote: 'The council voted', suffix: ' on Tuesday' });
    expect(first.start).toBe(0);
  });
  it('finds a stored highlight again after the text was edited around it, or says it is gone', () => {
    const anchor = anchorIn(TEXT, { quote: 'the vote was late' });
    const edited = anchorText('UPDATE: a correction was added.\n\n' + TEXT);
    const found = locateAnchor(edited, anchor)!;
    expect(edited.slice(found.start, found.end)).toBe('the vote was late');
    expect(locateAnchor(anchorText(TEXT.replace('late', 'early')), anchor)).toBeNull();
  });
  it('refuses an empty quote and one not in the text, naming the field', () => {
    expect(() => anchorIn(TEXT, { quote: '  \n ' })).toThrowError(AnchorError);
    expect(() => anchorIn(TEXT, { quote: 'the harbour plan' })).toThrowError(/quote: is not in this article's text/);
  });
});

describe('Markdown export', () => {
  it('groups by article and escapes markup in quotes and titles', () => {
    const md = highlightsMarkdown(
      [
        { articleId: 7, articleTitle: 'Vote [updated]', articleUrl: 'https://news.example/a', sourceName: 'Coastal *Ledger*', quote: '# not a heading', note: 'check **this**', createdAt: new Date('2025-08-01T10:00:00Z') },
        { articleId: 7, articleTitle: 'Vote [updated]', articleUrl: 'https://news.example/a', sourceName: 'Coastal *Ledger*', quote: 'second', note: null, createdAt: new Date('2025-08-02T10:00:00Z') },
      ],
      'http://127.0.0.1:8080',
    );
    expect(md).toContain('## [Vote \\[updated\\]](http://127.0.0.1:8080/articles/7)');
    expect(md).toContain('Coastal \\*Ledger\\* · <https://news.example/a>');
    expect(md).toContain('> \\# not a heading');
    expect(md).toContain('check **this**');
    expect(md.match(/^## /gm)).toHaveLength(1);
  });
});
