// The reader's feeds page: every subscription with its health (status, last error, when it was
// last read and when it will be next), a summary of how many are failing, and for admins the
// forms to subscribe and unsubscribe.
import { html, safeUrl, type SafeHtml } from '../html.ts';
import { formatAge } from '../time.ts';
import type { FeedHealth, FeedRecord } from '../../store/feeds.ts';
import { feedStatus, formatSeconds } from '../../feeds/status.ts';

export interface FeedsPageInput {
  feeds: FeedRecord[];
  health: FeedHealth;
  now: Date;
  /** Hidden CSRF field for the admin forms; null when the viewer may not change subscriptions. */
  adminForm: SafeHtml | null;
  notice?: { kind: 'ok' | 'error'; text: string } | null;
}

function nextCheck(feed: FeedRecord, now: Date): string {
  const seconds = Math.round((feed.nextCheckAt.getTime() - now.getTime()) / 1000);
  return seconds <= 0 ? 'due now' : `in ${formatSeconds(seconds)}`;
}

function feedRow(feed: FeedRecord, now: Date, adminForm: SafeHtml | null): SafeHtml {
  const status = feedStatus(feed);
  return html`<tr class="feed-${status}">
  <td><a href="${safeUrl(feed.siteUrl ?? feed.url)}" rel="noopener nofollow">${feed.title ?? feed.url}</a>
    <br><small><a href="${safeUrl(feed.url)}" rel="noopener nofollow">${feed.url}</a></small></td>
  <td>${feed.category ?? ''}</td>
  <td><span class="badge status-${status}">${status}</span>${feed.consecutiveFailures > 0 ? html` <small>${feed.consecutiveFailures} failures in a row</small>` : null}
    ${feed.lastError ? html`<br><small class="error">${feed.lastError}</small>` : null}</td>
  <td>${feed.lastCheckedAt ? html`<time datetime="${feed.lastCheckedAt.toISOString()}">${formatAge(feed.lastCheckedAt, now)}</time>` : 'never'}</td>
  <td><time datetime="${feed.nextCheckAt.toISOString()}">${nextCheck(feed, now)}</time><br><small>every ${formatSeconds(feed.intervalSeconds)}</small></td>
  <td>${feed.entryCount}</td>
  ${adminForm ? html`<td><form method="post" action="/feeds/${feed.id}/remove">${adminForm}<button type="submit" aria-label="Unsubscribe from ${feed.title ?? feed.url}">Remove</button></form></td>` : null}
</tr>`;
}

export function feedsBody(input: FeedsPageInput): SafeHtml {
  const { feeds, health, now, adminForm } = input;
  return html`<section aria-labelledby="feeds-heading">
  <h1 id="feeds-heading">Feeds</h1>
  ${input.notice ? html`<p class="notice ${input.notice.kind === 'error' ? 'error' : ''}" role="status">${input.notice.text}</p>` : null}
  <p class="meta">${health.total} subscriptions: ${health.healthy} healthy, ${health.failing} failing, ${health.flagged} flagged${health.paused ? html`, ${health.paused} paused` : null}.</p>
  ${
    adminForm
      ? html`<form method="post" action="/feeds" class="subscribe">${adminForm}
    <label for="feed-url">Feed or page address</label> <input id="feed-url" name="url" type="url" required placeholder="https://example.com/">
    <label for="feed-category">Folder</label> <input id="feed-category" name="category" type="text" placeholder="News/World">
    <button type="submit">Subscribe</button></form>`
      : null
  }
  ${
    feeds.length
      ? html`<table class="feeds">
  <thead><tr><th scope="col">Feed</th><th scope="col">Folder</th><th scope="col">Health</th><th scope="col">Last read</th><th scope="col">Next check</th><th scope="col">Entries</th>${adminForm ? html`<th scope="col"><span class="visually-hidden">Actions</span></th>` : null}</tr></thead>
  <tbody>${feeds.map((feed) => feedRow(feed, now, adminForm))}</tbody>
</table>`
      : html`<p class="notice">No subscriptions yet. Add one with <code>dateline feeds add &lt;url&gt;</code>${adminForm ? ' or the form above' : ''}.</p>`
  }
</section>`;
}
