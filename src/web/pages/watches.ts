// The reader's saved searches (/watches): each one's query, a link that runs it, its feeds, and
// forms to rename or delete it.
import { html, type SafeHtml } from '../html.ts';
import type { Watch } from '../../store/watches.ts';

export interface WatchesPageInput {
  watches: (Watch & { feeds: { atom: string; json: string } })[];
  csrf: SafeHtml;
  /** What the last form did, shown once. */
  notice: string | null;
}

export function watchesPageBody(input: WatchesPageInput): SafeHtml {
  const run = (w: Watch) => `/search?${new URLSearchParams({ q: w.query })}`;
  return html`<h1>Watches</h1>
<p class="meta">Saved searches: each runs again when you open it, and has its own feeds for a feed reader.</p>
${input.notice ? html`<p class="notice" role="status">${input.notice}</p>` : null}
${
  input.watches.length
    ? html`<ul class="watch-list">${input.watches.map(
        (w) => html`<li>
  <h2><a href="${run(w)}">${w.name}</a></h2>
  <p class="meta">Searches <code>${w.query}</code> · <a href="${w.feeds.atom}">Atom feed</a> · <a href="${w.feeds.json}">JSON Feed</a></p>
  <form class="inline" action="/watches/${w.id}/rename" method="post">${input.csrf}
    <label>New name <input name="name" maxlength="200" required value="${w.name}"></label>
    <button type="submit">Rename</button>
  </form>
  <form class="inline" action="/watches/${w.id}/delete" method="post">${input.csrf}
    <button type="submit" class="danger">Delete “${w.name}”</button>
  </form>
</li>`,
      )}</ul>`
    : html`<p class="notice">No watches yet. Search for something, then “Save this search” at the top of the results.</p>`
}`;
}
