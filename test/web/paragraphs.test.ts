// A page dump's related item arrives as one run-on line of thousands of characters; the article
// page shows it as paragraphs: split at the dump's "Advertisement" slot, then at sentence ends.
import { describe, expect, it } from 'vitest';
import { paragraphs, readableParagraphs } from '../../src/web/pages/articles.ts';

const sentence = (i: number) => `The port authority said on day ${i} that ${i * 3} ships were waiting offshore for a berth.`;
const runOn = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => sentence(from + k)).join(' ');

describe('readableParagraphs', () => {
  it('splits a run-on block at the Advertisement slot and at sentence ends, losing no words', () => {
    const block = `${runOn(0, 20)} Advertisement ${runOn(20, 60)}`;
    expect(block.length).toBeGreaterThan(3000);
    const parts = readableParagraphs(block);
    expect(parts.length).toBeGreaterThan(5);
    expect(Math.max(...parts.map((p) => p.length))).toBeLessThan(900);
    expect(parts.every((p) => /^The port/.test(p) && /\.$/.test(p))).toBe(true);
    expect(parts.join(' ')).toBe(block.replace(' Advertisement ', ' '));
  });

  it('leaves ordinary paragraphs and the word inside a sentence alone', () => {
    const text = 'An Advertisement for the fair ran on Tuesday. It drew a crowd.';
    expect(readableParagraphs(text)).toEqual([text]);
    expect(paragraphs(`${text}\n\nSecond paragraph.`).value).toBe(`<p>${text}</p><p>Second paragraph.</p>`);
  });
});
