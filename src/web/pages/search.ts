// The reader's search page: the query and its filters, facet counts that narrow the search,
// results with highlighted passages, the next page, and "save as watch" with its feeds.
import { html, raw, type SafeHtml } from '../html.ts';
import { formatAge } from '../time.ts';
import type { SearchResult } from '../../store/search.ts';
import type { SearchParams } from '../../search/options.ts';
import type { Watch } from '../../store/watches.ts';
import { sourceLabel } from '../source-label.ts';

export interface SearchPageInput {
  params: SearchParams;
  result: SearchResult | null;
  error: string | null;
  understood: string | null;
  now: Date;
  signedIn: boolean;
  csrf: SafeHtml | null;
  watches: (Watch & { feeds: { atom: string; json: string } })[];
  savedWatchId: number | null;
}

const one = (value: unknown): string => (Array.isArray(value) ? String(value[0] ?? '') : value === undefined ? '' : String(value));

/** The page's URL with some parameters changed (others kept; the cursor dropped unless given). */
function searchHref(params: SearchParams, changes: Record<string, string | null>): string {
  const next = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (key === 'facets' || key === 'cursor' || key === 'saved' || value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) if (String(v)) next.append(key, String(v));
  }
  for (const [key, value] of Object.entries(changes)) {
    next.delete(key);
    if (value !== null) next.set(key, value);
  }
  return `/search?${next}`;
}

function facetBlock(title: string, items: { key: string; label: string; count: number }[], href: (key: string, label: string) => string): SafeHtml | null {
  if (!items.length) return null;
  return html`<section class="panel facet"><h2>${title}</h2><ul>${items.map((item) => html`<li><a href="${href(item.key, item.label)}">${item.label}</a> <span class="meta">${item.count}</span></li>`)}</ul></section>`;
}

export function searchPageBody(input: SearchPageInput): SafeHtml {
  const { params, result } = input;
  const q = one(params.q);
  const hidden = (name: string) => (one(params[name as keyof SearchParams]) ? html`<input type="hidden" name="${name}" value="${one(params[name as keyof SearchParams])}">` : null);
  const form = html`<form class="search-page" action="/search" method="get" role="search">
  <p><label for="search-q">Search</label>
  <input id="search-q" name="q" type="search" value="${q}" maxlength="500" placeholder='tariff "steel imports" -korea'></p>
  <p class="filters">
    <label>Source <input name="source" value="${one(params.source)}"></label>
    <label>From <input name="from" type="date" value="${one(params.from)}"></label>
    <label>To <input name="to" type="date" value="${one(params.to)}"></label>
    <label>Language <input name="language" size="5" value="${one(params.language)}"></label>
    <label>Sort <select name="sort"><option value="relevance">relevance</option><option value="time"${one(params.sort) === 'time' ? raw(' selected') : ''}>newest first</option></select></label>
    ${hidden('entity')}${hidden('story')}
    <button type="submit">Search</button>
  </p>
  <p class="meta">Words, "a phrase", -exclude, OR, AND, NOT, (parentheses).</p>
</form>`;
  if (input.error) return html`<h1>Search</h1>${form}<p class="notice error" role="alert">${input.error}</p>`;
  if (!result) return html`<h1>Search</h1>${form}`;

  const saved = input.savedWatchId ? input.watches.find((w) => w.id === input.savedWatchId) : null;
  const saveBlock = input.signedIn
    ? html`<form class="save-watch" action="/search/watches" method="post">${input.csrf}
  <input type="hidden" name="q" value="${q}">${hidden('source')}${hidden('language')}${hidden('entity')}${hidden('story')}
  <label>Name <input name="name" maxlength="200" value="${q}"></label> <button type="submit">Save this search</button> <a href="/watches">Your watches</a></form>`
    : html`<p class="meta"><a href="/login?next=${encodeURIComponent(searchHref(params, {}))}">Log in</a> to save this search as a watch.</p>`;

  const facets = html`${facetBlock(result.estimatedFacets.includes('source') ? 'Sources (estimated)' : 'Sources', result.facets.source ?? [], (_k, label) => searchHref(params, { source: label }))}
${facetBlock('Days', result.facets.day ?? [], (key) => searchHref(params, { from: key, to: key }))}
${facetBlock(result.estimatedFacets.includes('entity') ? 'Mentioned (estimated)' : 'Mentioned', result.facets.entity ?? [], (key) => searchHref(params, { entity: key }))}`;

  return html`<h1>Search</h1>${form}
${saved ? html`<p class="notice" role="status">Saved as watch “${saved.name}”: <a href="${saved.feeds.atom}">Atom feed</a> · <a href="${saved.feeds.json}">JSON Feed</a></p>` : null}
<div class="columns">
<section class="results" aria-labelledby="results-heading">
  <h2 id="results-heading">${result.totalIsEstimate ? 'About ' : ''}${(result.total ?? result.hits.length).toLocaleString('en')}${result.totalIsLowerBound ? '+' : ''} ${result.total === 1 ? 'match' : 'matches'}${input.understood ? html` for <code>${input.understood}</code>` : null}</h2>
  ${saveBlock}
  ${
    result.hits.length
      ? html`<ol class="article-list search-results">${result.hits.map(
          (hit) => html`<li>
  <h3><a href="/articles/${hit.id}">${raw(hit.titleHtml)}</a></h3>
  <p class="meta">${sourceLabel(hit.sourceName)} · <time datetime="${hit.publishedAt?.toISOString() ?? ''}">${formatAge(hit.publishedAt, input.now)}</time>${hit.language && hit.language !== 'en' ? html` · ${hit.language}` : null}</p>
  <p class="snippet">${raw(hit.snippetHtml)}</p>
</li>`,
        )}</ol>`
      : html`<p class="notice">Nothing matches. Try fewer words, or OR between alternatives.</p>`
  }
  ${result.nextCursor ? html`<p><a rel="next" href="${searchHref(params, { cursor: result.nextCursor })}">More results</a></p>` : null}
</section>
<div class="side">${facets}
${
  input.watches.length
    ? html`<section class="panel"><h2>Your watches</h2><ul>${input.watches.map(
        (w) => html`<li><a href="${searchHref({ q: w.query }, {})}">${w.name}</a> <span class="meta"><a href="${w.feeds.atom}">Atom</a> · <a href="${w.feeds.json}">JSON</a></span></li>`,
      )}</ul></section>`
    : null
}
</div>
</div>`;
}
