// The publishers: a list of sources with their article counts, and one source's page (what it
// is, its latest articles, the stories it covered).
import { html, safeUrl, type SafeHtml } from '../html.ts';
import { formatAge } from '../time.ts';
import type { Article, Source } from '../../model/index.ts';
import { articleList } from './articles.ts';

export interface SourceStory {
  id: number;
  headline: string;
  lastSeenAt: Date | null;
  sourceCount: number;
}

export function sourceListBody(input: { sources: (Source & { articleCount: number })[] }): SafeHtml {
  return html`<section aria-labelledby="sources-heading">
  <h1 id="sources-heading">Sources</h1>
  ${
    input.sources.length
      ? html`<table>
  <caption class="visually-hidden">Every source and how many of its articles are stored</caption>
  <thead><tr><th scope="col">Source</th><th scope="col">Site</th><th scope="col">Articles</th></tr></thead>
  <tbody>${input.sources.map((s) => html`<tr><td><a href="/sources/${s.id}">${s.name}</a></td><td>${s.domain ?? ''}</td><td>${s.articleCount}</td></tr>`)}</tbody>
</table>`
      : html`<p class="empty">No sources yet. Import some pages with <code>dateline import</code>.</p>`
  }
</section>`;
}

export function sourceBody(input: { source: Source; articleCount: number; firstPublished: Date | null; lastPublished: Date | null; latest: Article[]; stories: SourceStory[]; now: Date; panels?: SafeHtml[]; aside?: SafeHtml[] }): SafeHtml {
  const { source, now } = input;
  return html`<div class="columns">
<section aria-labelledby="source-heading">
  <h1 id="source-heading">${source.name}</h1>
  <p class="meta">${source.domain ? html`<a href="${safeUrl(source.homepageUrl ?? `https://${source.domain}/`)}" rel="noopener nofollow">${source.domain}</a> · ` : null}${input.articleCount} ${input.articleCount === 1 ? 'article' : 'articles'}${input.lastPublished ? html` · latest ${formatAge(input.lastPublished, now)}` : null}</p>
  <h2>Latest from ${source.name}</h2>
  ${articleList(input.latest, now)}
  ${input.panels ?? []}
</section>
<div class="side">
  ${
    input.stories.length
      ? html`<section class="panel" aria-labelledby="source-stories-heading"><h2 id="source-stories-heading">Stories it covered</h2><ul>${input.stories.map(
          (s) => html`<li><a href="/stories/${s.id}">${s.headline}</a> <span class="meta">· ${s.sourceCount} ${s.sourceCount === 1 ? 'source' : 'sources'}${s.lastSeenAt ? html` · ${formatAge(s.lastSeenAt, now)}` : null}</span></li>`,
        )}</ul></section>`
      : null
  }
  ${input.firstPublished ? html`<section class="panel" aria-labelledby="source-span-heading"><h2 id="source-span-heading">Coverage</h2><p>From <time datetime="${input.firstPublished.toISOString()}">${input.firstPublished.toISOString().slice(0, 10)}</time> to <time datetime="${input.lastPublished?.toISOString() ?? ''}">${input.lastPublished?.toISOString().slice(0, 10) ?? ''}</time>.</p></section>` : null}
  ${input.aside ?? []}
</div>
</div>`;
}
