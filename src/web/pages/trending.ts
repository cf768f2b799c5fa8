// The home page's trending entities: names in more articles over the last day than their earlier
// rate predicts, each linking to its entity page, with the count that made it trend.
import { html, type SafeHtml } from '../html.ts';
import type { TrendingEntity } from '../../store/trending.ts';

const KIND_LABEL = { person: 'person', organisation: 'organisation', place: 'place' } as const;

export function trendingPanel(entities: TrendingEntity[]): SafeHtml | null {
  if (!entities.length) return null;
  return html`<section class="panel trending" aria-labelledby="trending-heading">
  <h2 id="trending-heading">Trending</h2>
  <ol class="trending-list">${entities.map(
    (e) => html`<li><a href="/entities/${e.id}">${e.name}</a>
    <span class="meta">${KIND_LABEL[e.kind]} · ${e.recent} article${e.recent === 1 ? '' : 's'} today${e.expected >= 0.05 ? ` (usually ${e.expected < 1 ? 'under 1' : Math.round(e.expected)})` : ', new'}</span></li>`,
  )}</ol>
</section>`;
}
