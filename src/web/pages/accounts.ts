// The account pages: log in, sign up, log out, and a signed-in reader's own page.
import { html, type SafeHtml } from '../html.ts';
import type { Article, User } from '../../model/index.ts';
import { formatAge } from '../time.ts';
import { PASSWORD_MIN } from '../../store/users.ts';
import { sourceLabel } from '../source-label.ts';

export interface AuthFormInput {
  csrf: SafeHtml;
  error?: string | null;
  username?: string;
  next?: string | null;
}

const errorNotice = (error?: string | null) => (error ? html`<p class="notice error" role="alert" id="form-error">${error}</p>` : null);

const nextField = (next?: string | null) => (next ? html`<input type="hidden" name="next" value="${next}">` : null);

export function loginBody(input: AuthFormInput & { signupsOpen: boolean }): SafeHtml {
  return html`<section class="form-page" aria-labelledby="login-heading">
  <h1 id="login-heading">Log in</h1>
  ${errorNotice(input.error)}
  <form method="post" action="/login" class="stack">
    ${input.csrf}${nextField(input.next)}
    <p><label for="login-username">Username</label>
    <input type="text" id="login-username" name="username" autocomplete="username" required maxlength="64" value="${input.username ?? ''}"${input.error ? html` aria-describedby="form-error"` : null}></p>
    <p><label for="login-password">Password</label>
    <input type="password" id="login-password" name="password" autocomplete="current-password" required maxlength="4096"></p>
    <p><button type="submit">Log in</button></p>
  </form>
  ${input.signupsOpen ? html`<p>New here? <a href="/signup">Create an account</a>.</p>` : null}
</section>`;
}

export function signupBody(input: AuthFormInput): SafeHtml {
  return html`<section class="form-page" aria-labelledby="signup-heading">
  <h1 id="signup-heading">Create an account</h1>
  ${errorNotice(input.error)}
  <form method="post" action="/signup" class="stack">
    ${input.csrf}${nextField(input.next)}
    <p><label for="signup-username">Username</label>
    <input type="text" id="signup-username" name="username" autocomplete="username" required minlength="3" maxlength="32" aria-describedby="username-help" value="${input.username ?? ''}">
    <small id="username-help" class="meta">3 to 32 letters, digits, dots, dashes or underscores.</small></p>
    <p><label for="signup-password">Password</label>
    <input type="password" id="signup-password" name="password" autocomplete="new-password" required minlength="${PASSWORD_MIN}" maxlength="1024" aria-describedby="password-help">
    <small id="password-help" class="meta">At least ${PASSWORD_MIN} characters; a few words you will remember is good.</small></p>
    <p><button type="submit">Sign up</button></p>
  </form>
  <p>Have an account? <a href="/login">Log in</a>.</p>
</section>`;
}

export function signupsClosedBody(): SafeHtml {
  return html`<h1>Sign-up is closed</h1>
<p class="notice">This Dateline makes accounts by invitation: ask its administrator, who can run <code>dateline users create</code>.</p>`;
}

export function logoutBody(input: { csrf: SafeHtml; userName: string | null }): SafeHtml {
  if (!input.userName) return html`<h1>Logged out</h1><p>You are not logged in. <a href="/login">Log in</a></p>`;
  return html`<section class="form-page" aria-labelledby="logout-heading">
  <h1 id="logout-heading">Log out</h1>
  <p>You are logged in as <strong>${input.userName}</strong>.</p>
  <form method="post" action="/logout" data-clears-offline>
    ${input.csrf}
    <button type="submit">Log out</button>
  </form>
</section>`;
}

export function accountBody(input: { user: User; commentCount: number; csrf: SafeHtml }): SafeHtml {
  return html`<section aria-labelledby="account-heading">
  <h1 id="account-heading">Your account</h1>
  <dl class="facts">
    <dt>Username</dt><dd>${input.user.username}</dd>
    <dt>Role</dt><dd>${input.user.role}</dd>
    <dt>Member since</dt><dd><time datetime="${input.user.createdAt.toISOString()}">${input.user.createdAt.toISOString().slice(0, 10)}</time></dd>
    <dt>Comments</dt><dd>${input.commentCount}</dd>
  </dl>
  <p><a href="/account/apps">Apps and API tokens</a>: personal API tokens and the Fever password for reader apps.</p>
  ${input.user.role !== 'reader' ? html`<p><a href="/moderation">Moderation queue</a>: reported and hidden comments.</p>` : null}
  ${input.user.role === 'admin' ? html`<p><a href="/admin/users">Accounts</a>: everyone's roles.</p>` : null}
  <form method="post" action="/logout" data-clears-offline>${input.csrf}<button type="submit">Log out</button></form>
</section>`;
}

/** The reader's starred articles (items are h2s: the page's only heading above them is its h1). */
export function starredBody(input: { articles: Article[]; now: Date }): SafeHtml {
  return html`<section aria-labelledby="starred-heading">
  <h1 id="starred-heading">Starred</h1>
  ${
    input.articles.length
      ? html`<ul class="article-list">${input.articles.map(
          (a) => html`<li>
  <h2><a href="/articles/${a.id}">${a.title}</a></h2>
  <p class="meta">${sourceLabel(a.sourceName)} · <time datetime="${a.publishedAt?.toISOString() ?? ''}">${formatAge(a.publishedAt, input.now)}</time></p>
</li>`,
        )}</ul>`
      : html`<p class="empty">Nothing starred yet: press <kbd>s</kbd> on an article, or its Star button.</p>`
  }
</section>`;
}

/** Admins' list of accounts, each with a role form. */
export function usersAdminBody(input: { users: (User & { lastLoginAt: Date | null })[]; csrf: SafeHtml; selfId: number; notice?: string | null }): SafeHtml {
  return html`<section aria-labelledby="users-heading">
  <h1 id="users-heading">Accounts</h1>
  ${input.notice ? html`<p class="notice" role="status">${input.notice}</p>` : null}
  <table>
    <caption class="visually-hidden">Every account, its role and last login</caption>
    <thead><tr><th scope="col">User</th><th scope="col">Since</th><th scope="col">Last login</th><th scope="col">Role</th></tr></thead>
    <tbody>${input.users.map(
      (u) => html`<tr>
  <td>${u.username}</td>
  <td>${u.createdAt.toISOString().slice(0, 10)}</td>
  <td>${u.lastLoginAt ? u.lastLoginAt.toISOString().slice(0, 10) : 'never'}</td>
  <td>${
    u.id === input.selfId
      ? html`${u.role} (you)`
      : html`<form method="post" action="/admin/users/${u.id}/role" class="inline">${input.csrf}
    <label for="role-${u.id}" class="visually-hidden">Role of ${u.username}</label>
    <select id="role-${u.id}" name="role">${(['reader', 'moderator', 'admin'] as const).map((r) => html`<option value="${r}"${r === u.role ? html` selected` : null}>${r}</option>`)}</select>
    <button type="submit">Change</button></form>`
  }</td>
</tr>`,
    )}</tbody>
  </table>
</section>`;
}
