// The reader's email page: their newsletter address and the newsletters taken in, and the
// digest form (off, daily, weekly; to which address); plus the unsubscribe pages.
import { html, type SafeHtml } from '../html.ts';
import type { DigestSettings, NewsletterRecord } from '../../store/email.ts';

export interface EmailPageInput {
  address: string | null;
  newsletters: NewsletterRecord[];
  digest: DigestSettings | null;
  digestsAvailable: boolean;
  csrf: SafeHtml;
  notice: { kind: 'ok' | 'error'; text: string } | null;
}

export function emailBody(input: EmailPageInput): SafeHtml {
  const frequency = input.digest?.frequency ?? 'off';
  return html`<h1>Email</h1>
${input.notice ? html`<p class="notice ${input.notice.kind}">${input.notice.text}</p>` : null}
<section aria-labelledby="newsletters"><h2 id="newsletters">Newsletters</h2>
${input.address ? html`<p>Subscribe to newsletters with <code>${input.address}</code>: each one becomes an article, under a source of its own per sender.</p>` : html`<p>This server takes no newsletters (its SMTP receiver is off).</p>`}
<ul>${input.newsletters.map((n) => html`<li>${n.articleId ? html`<a href="/articles/${n.articleId}">${n.subject}</a>` : n.subject} <small>from ${n.sender}, ${n.receivedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC</small></li>`)}</ul>
</section>
<section aria-labelledby="digest"><h2 id="digest">Digest</h2>
${input.digestsAvailable ? null : html`<p>This server sends no email yet (no SMTP server configured): your choice is kept for when it does.</p>`}
${input.digest?.lastError ? html`<p class="notice error">The last digest could not be sent: ${input.digest.lastError}</p>` : null}
<form method="post" action="/account/email/digest">${input.csrf}
  <p><label>Send to <input name="email" type="email" required maxlength="254" value="${input.digest?.email ?? ''}"></label></p>
  <fieldset><legend>How often</legend>
  ${(['off', 'daily', 'weekly'] as const).map((f) => html`<label><input type="radio" name="frequency" value="${f}"${f === frequency ? html` checked` : null}> ${f}</label> `)}
  </fieldset>
  <button type="submit">Save</button>
</form></section>`;
}

export function unsubscribeBody(input: { valid: boolean; done: boolean; csrf: SafeHtml; token: string }): SafeHtml {
  if (!input.valid) return html`<h1>Unsubscribe</h1><p class="notice error">This unsubscribe link is not valid: copy the whole link from the email.</p>`;
  if (input.done) return html`<h1>Unsubscribed</h1><p class="notice ok">You will get no more digests. Switch them back on from your account's email page.</p>`;
  return html`<h1>Unsubscribe</h1><p>Stop the Dateline digest emails?</p>
<form method="post" action="/unsubscribe/${input.token}">${input.csrf}<button type="submit">Stop the digests</button></form>`;
}
