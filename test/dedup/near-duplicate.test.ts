// The near-duplicate stage on hand-made articles: a republished wire copy is found, a different
// article on the same event is not, the original is the earliest copy, and the in-memory index
// finds copies through LSH buckets only.
import { describe, expect, it } from 'vitest';
import { decideDuplicate, fingerprint, isNearDuplicate, similarity } from '../../src/dedup/near-duplicate.ts';
import { MemoryDedupIndex } from '../../src/dedup/memory-index.ts';
import { WIRE_TEXT, followUp, wireCopy } from '../stories/fixtures.ts';

const candidate = (articleId: number, text: string, publishedAt: Date | null, duplicateOf: number | null = null) => {
  const fp = fingerprint(text);
  return { articleId, signature: fp.signature, shingleCount: fp.shingleCount, publishedAt, duplicateOf };
};

describe('near-duplicate decisions', () => {
  it('links a copy with clutter, re-wrapped paragraphs and a typo to its original', () => {
    const decision = decideDuplicate(fingerprint(wireCopy.text), [candidate(1, WIRE_TEXT, new Date('2025-08-01T08:00:00Z'))]);
    expect(decision?.duplicateOf).toBe(1);
    expect(decision!.similarity).toBeGreaterThan(0.8);
  });

  it('does not link a different article on the same story', () => {
    expect(decideDuplicate(fingerprint(followUp.text), [candidate(1, WIRE_TEXT, null)])).toBeNull();
  });

  it('links a copy cut to its first half (containment), not a text that only quotes a sentence', () => {
    const half = WIRE_TEXT.split('\n\n').slice(0, 2).join('\n\n');
    expect(decideDuplicate(fingerprint(half), [candidate(1, WIRE_TEXT, null)])?.duplicateOf).toBe(1);
    const quoting = 'In other news today. ' + WIRE_TEXT.split('\n\n')[2] + ' ' + followUp.text;
    expect(decideDuplicate(fingerprint(quoting), [candidate(1, WIRE_TEXT, null)])).toBeNull();
  });

  it('points at the earliest copy, following a candidate that is itself a copy', () => {
    const decision = decideDuplicate(fingerprint(WIRE_TEXT), [candidate(7, wireCopy.text, new Date('2025-08-01T11:30:00Z'), 3), candidate(3, WIRE_TEXT, new Date('2025-08-01T08:00:00Z'))]);
    expect(decision?.duplicateOf).toBe(3);
    expect(decideDuplicate(fingerprint(WIRE_TEXT), [candidate(7, wireCopy.text, null, 3)])?.duplicateOf).toBe(3);
  });

  it('asks near-identity of very short texts', () => {
    const a = fingerprint('Markets closed higher today.');
    const b = fingerprint('Markets closed lower today.');
    expect(isNearDuplicate(similarity(a, b), [a.shingleCount, b.shingleCount])).toBe(false);
    expect(fingerprint('').bandKeys).toEqual([]);
  });
});

describe('the in-memory dedup index', () => {
  it('finds copies through band keys and forgets articles older than its window', () => {
    const index = new MemoryDedupIndex(undefined, 3 * 86_400_000);
    expect(index.check({ id: 1, text: WIRE_TEXT, publishedAt: new Date('2025-08-01T00:00:00Z') })).toBeNull();
    expect(index.check({ id: 2, text: followUp.text, publishedAt: new Date('2025-08-01T06:00:00Z') })).toBeNull();
    expect(index.check({ id: 3, text: wireCopy.text, publishedAt: new Date('2025-08-02T00:00:00Z') })?.duplicateOf).toBe(1);
    // A week later the original has left the window: a new copy starts a family of its own.
    expect(index.check({ id: 4, text: WIRE_TEXT, publishedAt: new Date('2025-08-09T00:00:00Z') })).toBeNull();
    expect(index.size).toBe(1);
  });
});
