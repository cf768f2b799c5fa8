// Listings of the CLI (`dateline entities`, an entity's timeline) shorten long roles and
// sentences at a word boundary, marked, instead of cutting a word in two.
import { describe, expect, it } from 'vitest';
import { clip } from '../../src/text/clip.ts';

describe('clip', () => {
  it('keeps text that fits', () => {
    expect(clip('Trade Minister', 50)).toBe('Trade Minister');
    expect(clip('x'.repeat(50), 50)).toBe('x'.repeat(50));
  });

  it('cuts a long role at a word boundary and marks the cut', () => {
    const role = 'Korea chair at the Center for Strategic and International Studies';
    const shown = clip(role, 50);
    expect(shown).toBe('Korea chair at the Center for Strategic and…');
    expect(shown.length).toBeLessThanOrEqual(50);
  });

  it('drops punctuation left before the cut', () => {
    expect(clip('the mayor, who spoke first, said the plan, once agreed, would hold', 30)).toBe('the mayor, who spoke first…');
  });

  it('cuts one overlong word where it must', () => {
    expect(clip('a'.repeat(80), 20)).toBe(`${'a'.repeat(19)}…`);
  });
});
