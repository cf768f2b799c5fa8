// The reader's story pages: the list of stories, one story's coverage by source (copies folded
// into "also published by"), and the blocks other pages show (top stories, related articles).
import { html, safeUrl, type SafeHtml } from '../html.ts';
import { formatAge } from '../time.ts';
import type { Story } from '../../model/index.ts';
import type { ArticleSummary, StoryArticle } from '../../store/stories.ts';
import type { ArticleCardFacts, StoryCardFacts } from '../../store/story-cards.ts';
import { sourceLabel } from '../source-label.ts';

const when = (date: Date | null, now: Date) => html`<time datetime="${date?.toISOString() ?? ''}">${formatAge(date, now)}</time>`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Articles count copies once, sources include the outlets that ran a copy: "3 sources · 1 article" reads as a contradiction. */
function storyCounts(story: Story): string {
  return story.sourceCount > story.articleCount ? `${plural(story.articleCount, 'article')}, run by ${plural(story.sourceCount, 'source')}` : `${plural(story.sourceCount, 'source')} · ${plural(story.articleCount, 'article')}`;
}

/** A story in a list; `level` is the heading level of the items (one below the list's heading). */
export function storyListItem(story: Story, now: Date, level: 2 | 3 = 3, card?: StoryCardFacts): SafeHtml {
  const link = html`<a href="/stories/${story.id}">${story.headline}</a>`;
  const shown = card?.outlets.slice(0, 3) ?? [];
  const more = (card?.outlets.length ?? 0) - shown.length;
  // The thumbnail is decoration beside the headline that names the story: empty alt text.
  const image = card?.image ? html`<img class="thumb" src="/images/articles/${card.image.articleId}" width="${String(card.image.width)}" height="${String(card.image.height)}" alt="" loading="lazy" decoding="async">` : null;
  return html`<li${card ? html` class="story-card${card.image ? ' has-image' : ''}"` : null}>
  ${image}
  ${level === 2 ? html`<h2 class="item">${link}</h2>` : html`<h3>${link}</h3>`}
  ${card?.summary ? html`<p class="summary">${card.summary}</p>` : null}
  ${shown.length ? html`<p class="outlets"><span class="visually-hidden">Covered by </span>${shown.join(' · ')}${more > 0 ? ` +${more} more` : ''}</p>` : null}
  <p class="meta">${storyCounts(story)} · latest ${when(story.lastSeenAt, now)}</p>
</li>`;
}

export function storyListBody(input: { stories: Story[]; now: Date; nextCursor: string | null; cards?: Map<number, StoryCardFacts> }): SafeHtml {
  return html`<section aria-labelledby="stories-heading">
  <h1 id="stories-heading">Stories</h1>
  ${
    input.stories.length
      ? html`<ul class="article-list story-list story-cards">${input.stories.map((s) => storyListItem(s, input.now, 2, input.cards?.get(s.id)))}</ul>`
      : html`<p class="notice">No stories yet. Stories form as articles are imported.</p>`
  }
  ${input.nextCursor ? html`<p><a rel="next" href="/stories?cursor=${input.nextCursor}">Older stories</a></p>` : null}
</section>`;
}

export function topStoriesPanel(stories: Story[], now: Date, cards?: Map<number, StoryCardFacts>): SafeHtml | null {
  if (!stories.length) return null;
  return html`<section class="top-stories" aria-labelledby="top-stories-heading">
  <h2 id="top-stories-heading">Top stories</h2>
  <ul class="article-list story-list story-cards">${stories.map((s) => storyListItem(s, now, 3, cards?.get(s.id)))}</ul>
  <p><a href="/stories">All stories</a></p>
</section>`;
}

/**
 * One story's page: the headline and counts, then the panels in their order (the summary,
 * timeline, figures and quotes first; the coverage by source; comments), the coverage bars and
 * the side panels beside them on a wide screen.
 */
export function storyBody(input: { story: Story; articles: StoryArticle[]; now: Date; panels?: SafeHtml[]; aside?: SafeHtml[] }): SafeHtml {
  const { story, articles, now } = input;
  return html`<div class="story-page">
<header class="story-head">
  <h1 id="story-title">${story.headline}</h1>
  <p class="meta">${storyCounts(story)} · first seen ${when(story.firstSeenAt, now)} · latest ${when(story.lastSeenAt, now)}</p>
</header>
<div class="story-grid">
<article class="story-main" aria-labelledby="story-title">
  ${input.panels ?? []}
</article>
<div class="side">${coverageChart(articles)}${input.aside ?? []}</div>
</div>
</div>`;
}

/** The story's articles by source, each original with the outlets that ran a copy of it. */
export function coverageBySource(articles: StoryArticle[], now: Date): SafeHtml | null {
  const originals = articles.filter((a) => a.duplicateOf === null || !articles.some((o) => o.id === a.duplicateOf));
  if (!originals.length) return null;
  const copiesOf = (id: number) => articles.filter((a) => a.duplicateOf === id);
  const bySource = new Map<string, StoryArticle[]>();
  for (const a of originals) {
    const key = sourceLabel(a.sourceName, a.url);
    bySource.set(key, [...(bySource.get(key) ?? []), a]);
  }
  return html`<section class="by-source" aria-labelledby="by-source-heading">
  <h2 id="by-source-heading">Coverage by source</h2>
  <div class="source-cards">${[...bySource].map(
    ([source, list]) => html`<section class="source-card" aria-label="${source}">
  <h3>${source}</h3>
  <ul class="article-list">${list.map((a) => {
    const copies = copiesOf(a.id);
    return html`<li><a href="/articles/${a.id}">${a.title}</a> <span class="meta">· ${when(a.publishedAt, now)}</span>${
      copies.length ? html`<p class="meta also">Also published by ${copies.map((c, i) => html`${i ? ', ' : ''}<a href="/articles/${c.id}">${sourceLabel(c.sourceName)}</a>`)}</p>` : null
    }</li>`;
  })}</ul>
</section>`,
  )}</div>
</section>`;
}

/** How many articles (copies included) each outlet ran on the story, as bars, most first. */
export function coverageChart(articles: StoryArticle[]): SafeHtml | null {
  const counts = new Map<string, number>();
  for (const a of articles) counts.set(sourceLabel(a.sourceName, a.url), (counts.get(sourceLabel(a.sourceName, a.url)) ?? 0) + 1);
  if (!counts.size) return null;
  const rows = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const most = rows[0]![1];
  return html`<aside class="panel coverage-chart" aria-labelledby="coverage-chart-heading">
  <h2 id="coverage-chart-heading">Coverage by outlet</h2>
  <ul>${rows.map(([name, n]) => html`<li><span class="outlet">${name}</span> <span class="bar" style="width: ${String(Math.max(8, Math.round((n / most) * 100)))}%" aria-hidden="true"></span> <span class="count">${plural(n, 'article')}</span></li>`)}</ul>
</aside>`;
}

export function alsoPublishedLine(copies: { articleId: number; sourceName: string | null; isOriginal: boolean }[], selfId: number): SafeHtml | null {
  const others = copies.filter((c) => c.articleId !== selfId);
  if (!others.length) return null;
  return html`<p class="meta also-published">Also published by ${others.map((c, i) => html`${i ? ', ' : ''}<a href="/articles/${c.articleId}">${sourceLabel(c.sourceName)}</a>${c.isOriginal ? ' (original)' : ''}`)}</p>`;
}

export function relatedPanel(input: { story: Story | null; items: (ArticleSummary & { reason: string })[]; listed: { title: string; url: string | null }[]; now: Date; cards?: Map<number, ArticleCardFacts> }): SafeHtml | null {
  if (!input.items.length && !input.listed.length) return null;
  return html`<aside class="panel related" aria-labelledby="related-heading">
  <h2 id="related-heading">Related articles</h2>
  ${input.story ? html`<p class="meta">Part of <a href="/stories/${input.story.id}">${input.story.headline}</a></p>` : null}
  <ul class="related-cards">${input.items.map((a) => {
    const card = input.cards?.get(a.id);
    return html`<li class="related-card${card?.image ? ' has-image' : ''}">
    ${card?.image ? html`<img class="thumb" src="/images/articles/${card.image.articleId}" width="${String(card.image.width)}" height="${String(card.image.height)}" alt="" loading="lazy" decoding="async">` : null}
    <a href="/articles/${a.id}">${a.title}</a>
    ${card?.excerpt ? html`<p class="excerpt">${card.excerpt}</p>` : null}
    <p class="meta">${sourceLabel(a.sourceName)} · ${when(a.publishedAt, input.now)}${a.alsoPublishedBy.length ? ` · +${a.alsoPublishedBy.length} ${a.alsoPublishedBy.length === 1 ? 'copy' : 'copies'}` : ''}</p>
  </li>`;
  })}${input.listed.map((l) => html`<li class="related-card">${l.url ? html`<a href="${safeUrl(l.url)}" rel="noopener nofollow">${l.title}</a>` : l.title}</li>`)}</ul>
</aside>`;
}
