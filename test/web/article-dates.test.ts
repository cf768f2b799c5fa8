// The article page's Dates list: an article that names one date twice ("Aug. 1" in its first
// and last paragraphs) shows it once, and the dates read in time order.
import { describe, expect, it } from 'vitest';
import { articleEnrichmentPanel } from '../../src/web/pages/enrich-panels.ts';
import type { ArticleEnrichmentView } from '../../src/store/enrich.ts';

const view = (events: ArticleEnrichmentView['events']): ArticleEnrichmentView => ({ articleId: 1, version: 5, error: null, summary: [], entities: [], figures: [], quotes: [], events });

describe('article Dates list', () => {
  it('lists each date once, in time order', () => {
    const panel = articleEnrichmentPanel(
      view([
        { date: '2025-08-01', precision: 'day', text: 'Aug. 1', sentence: 'This one has Aug. 1, and the clock runs.' },
        { date: '2025-07-07', precision: 'day', text: 'July 7', sentence: 'On July 7, letters went out.' },
        { date: '2025-08-01', precision: 'day', text: 'Aug. 1', sentence: 'None of this will be settled by Aug. 1.' },
        { date: '2026-01-01', precision: 'year', text: '2026', sentence: 'Better off in 2026.' },
      ]),
    ).value;
    const listed = [...panel.matchAll(/<time datetime="([^"]+)">/g)].map((m) => m[1]);
    expect(listed).toEqual(['2025-07-07', '2025-08-01', '2026-01-01']);
  });

  it('keeps two different dates of one day apart only when their precision differs', () => {
    const panel = articleEnrichmentPanel(
      view([
        { date: '2025-08-01', precision: 'month', text: 'August', sentence: 'In August the talks resume.' },
        { date: '2025-08-01', precision: 'day', text: 'Aug. 1', sentence: 'The deadline is Aug. 1.' },
        { date: '2025-08-01', precision: 'day', text: 'August 1', sentence: 'On August 1 it ends.' },
      ]),
    ).value;
    expect([...panel.matchAll(/<time datetime="([^"]+)">/g)].length).toBe(2);
  });
});
