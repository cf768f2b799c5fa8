// The reader's highlights: the /highlights page (grouped by article, with notes to edit and the
// Markdown export) and the article page's panel (this article's highlights and a form to add one
// without JavaScript; highlights.js marks them in the text and adds select-to-highlight).
import { html, raw, type SafeHtml } from '../html.ts';
import type { Highlight } from '../../store/highlights.ts';

function noteForm(h: Highlight, csrf: SafeHtml): SafeHtml {
  return html`<details><summary>${h.note ? 'Edit the note' : 'Add a note'}</summary>
  <form method="post" action="/highlights/${h.id}/note">${csrf}
    <label>Note <textarea name="note" maxlength="10000" rows="3">${h.note ?? ''}</textarea></label>
    <button type="submit">Save</button></form></details>`;
}

function highlightItem(h: Highlight, csrf: SafeHtml): SafeHtml {
  return html`<li class="highlight-item" id="highlight-${h.id}">
  <blockquote${h.start === null ? html` class="gone" title="No longer in the article's text"` : null}>${h.quote}</blockquote>
  ${h.noteHtml ? html`<div class="note">${raw(h.noteHtml)}</div>` : null}
  <p class="meta"><time datetime="${h.createdAt.toISOString()}">${h.createdAt.toISOString().slice(0, 10)}</time>
  ${h.start === null ? html` · no longer in the article's text` : null}</p>
  ${noteForm(h, csrf)}
  <form method="post" action="/highlights/${h.id}/delete" class="inline">${csrf}<button type="submit">Remove</button></form>
</li>`;
}

export function highlightsBody(input: { highlights: Highlight[]; csrf: SafeHtml; notice: { kind: 'ok' | 'error'; text: string } | null }): SafeHtml {
  const byArticle = new Map<number, Highlight[]>();
  for (const h of input.highlights) byArticle.set(h.articleId, [...(byArticle.get(h.articleId) ?? []), h]);
  return html`<h1>Your highlights</h1>
${input.notice ? html`<p class="notice ${input.notice.kind}" role="status">${input.notice.text}</p>` : null}
<p>Select text on an article's page to highlight it and add a note. <a href="/highlights.md" download>Export as Markdown</a></p>
${
  byArticle.size
    ? [...byArticle].map(
        ([articleId, items]) => html`<section class="highlights-of" aria-labelledby="hl-article-${articleId}">
  <h2 id="hl-article-${articleId}"><a href="/articles/${articleId}">${items[0]!.articleTitle}</a></h2>
  ${items[0]!.sourceName ? html`<p class="meta">${items[0]!.sourceName}</p>` : null}
  <ol class="highlights">${items.map((h) => highlightItem(h, input.csrf))}</ol></section>`,
      )
    : html`<p>No highlights yet.</p>`
}`;
}

export function articleHighlightsPanel(input: { articleId: number; highlights: Highlight[]; csrfToken: string; error?: string | null }): SafeHtml {
  const csrf = html`<input type="hidden" name="_csrf" value="${input.csrfToken}">`;
  return html`<section class="panel highlights-panel" aria-labelledby="highlights-title" data-highlights-article="${input.articleId}" data-csrf="${input.csrfToken}">
  <h2 id="highlights-title">Your highlights</h2>
  <ol class="highlights">${input.highlights.map((h) => html`<li><blockquote>${h.quote}</blockquote>${h.noteHtml ? html`<div class="note">${raw(h.noteHtml)}</div>` : null}</li>`)}</ol>
  <details><summary>Highlight a passage</summary>
  <form method="post" action="/articles/${input.articleId}/highlights">${csrf}
    <p><label>Passage (copied from the text) <textarea name="quote" required maxlength="5000" rows="3"></textarea></label></p>
    <p><label>Note <textarea name="note" maxlength="10000" rows="2"></textarea></label></p>
    <button type="submit">Highlight</button></form></details>
  <p><a href="/highlights">All your highlights</a></p>
</section>`;
}
