// The reader's "Apps and API tokens" page (/account/apps): personal API tokens (made, listed,
// revoked; a new one is shown once) and the Fever password for Fever apps.
import { html, type SafeHtml } from '../html.ts';
import type { ApiTokenInfo } from '../../store/api-tokens.ts';

export interface AccountAppsInput {
  userName: string;
  tokens: ApiTokenInfo[];
  csrf: SafeHtml;
  /** A token just made: its only showing. */
  newToken: { name: string; token: string } | null;
  notice: string | null;
  error: string | null;
  origin: string;
}

const KIND_NAMES: Record<ApiTokenInfo['kind'], string> = { api: 'API token', greader: 'Google Reader app login', fever: 'Fever password' };
const day = (d: Date | null) => (d ? html`<time datetime="${d.toISOString()}">${d.toISOString().slice(0, 10)}</time>` : 'never');

export function accountAppsBody(input: AccountAppsInput): SafeHtml {
  return html`<h1>Apps and API tokens</h1>
<p><a href="/account">Your account</a></p>
${input.notice ? html`<p class="notice" role="status">${input.notice}</p>` : null}
${input.error ? html`<p class="notice error" role="alert">${input.error}</p>` : null}
${
  input.newToken
    ? html`<section class="panel" aria-labelledby="new-token-heading"><h2 id="new-token-heading">Your new token “${input.newToken.name}”</h2>
  <p>Copy it now: it is shown only this once.</p>
  <p><code class="token">${input.newToken.token}</code></p>
  <p class="meta">Send it as <code>Authorization: Bearer …</code> to the API, or use it as the password in a Google Reader app.</p></section>`
    : null
}
<section aria-labelledby="tokens-heading">
  <h2 id="tokens-heading">Tokens in use</h2>
  ${
    input.tokens.length
      ? html`<table class="tokens"><caption class="visually-hidden">Your tokens and app logins</caption>
  <thead><tr><th scope="col">Name</th><th scope="col">Kind</th><th scope="col">Made</th><th scope="col">Last used</th><th scope="col"><span class="visually-hidden">Revoke</span></th></tr></thead>
  <tbody>${input.tokens.map(
    (t) => html`<tr><td>${t.name || '(no name)'}</td><td>${KIND_NAMES[t.kind]}</td><td>${day(t.createdAt)}</td><td>${day(t.lastUsedAt)}</td>
  <td><form class="inline" method="post" action="/account/tokens/${t.id}/revoke">${input.csrf}<button type="submit" class="danger">Revoke ${t.name || KIND_NAMES[t.kind]}</button></form></td></tr>`,
  )}</tbody></table>`
      : html`<p class="meta">No tokens yet.</p>`
  }
</section>
<section aria-labelledby="make-token-heading">
  <h2 id="make-token-heading">Make an API token</h2>
  <form method="post" action="/account/tokens">${input.csrf}
    <p><label for="token-name">Name (what uses it)</label> <input id="token-name" name="name" maxlength="100" required placeholder="Reeder on my phone"></p>
    <p><button type="submit">Make token</button></p>
  </form>
</section>
<section aria-labelledby="fever-heading">
  <h2 id="fever-heading">Fever password</h2>
  <p>Fever apps (Reeder, Unread, ReadKit) log in at <code>${input.origin}/fever/</code> with your username
  <code>${input.userName}</code> and this password. Setting a new one replaces the old.</p>
  <form method="post" action="/account/fever">${input.csrf}
    <p><label for="fever-password">Fever password (at least 10 characters)</label> <input id="fever-password" name="password" type="password" minlength="10" maxlength="200" required autocomplete="new-password"></p>
    <p><button type="submit">Set Fever password</button></p>
  </form>
</section>`;
}
