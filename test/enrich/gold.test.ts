// The enrichment stage against the hand-written gold of the five seeds: a floor under precision
// and recall per kind, so a change that loses quality fails here (bench/enrich/quality.ts prints
// the exact figures). Skipped, with a message, where ../shared/seeds is not present.
import { describe, expect, it } from 'vitest';
import { precision, recall, scoreGold, loadGold, goldText } from '../fixtures/gold/score.ts';
import { SEEDS_DIR, seedsPresent } from '../fixtures/gold/seeds.ts';

const present = seedsPresent();
if (!present) console.warn(`[dateline tests] skipping the enrichment gold tests: seeds not found at ${SEEDS_DIR}`);

describe.skipIf(!present)('enrichment against the seeds gold', () => {
  it('finds every gold article in the seeds it names', () => {
    for (const file of loadGold()) for (const article of file.articles) expect(goldText(file.seed, article).text.length).toBeGreaterThan(200);
  });

  it('keeps precision and recall above the floor for each kind', () => {
    const scores = scoreGold();
    expect(scores.articles).toBe(9);
    const floors = {
      entities: [0.9, 0.85], roles: [0.9, 0.75], figures: [0.9, 0.9], figureSubjects: [0.7, 0.6],
      quotes: [0.8, 0.85], quoteSpeakers: [0.9, 0.85], events: [0.9, 0.9],
    } as const;
    for (const [kind, [p, r]] of Object.entries(floors)) {
      const c = scores[kind as keyof typeof floors];
      expect({ kind, precision: precision(c) >= p, recall: recall(c) >= r }).toEqual({ kind, precision: true, recall: true });
    }
  });

  it('resolves the speakers and roles the issue names', () => {
    const scores = scoreGold();
    const misses = scores.misses.join('\n');
    expect(misses).not.toMatch(/speaker: "(?:Putin is not|talking points|Ming's promotion)/);
    expect(misses).not.toMatch(/role missed: (?:Kim Myung-soo: chairman|Marco Rubio: Secretary of State)/);
  });
});
