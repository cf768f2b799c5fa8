// The frame every reader page shares: landmarks (banner, navigation, search, main, footer),
// the skip link, the theme switch (light, dark, or the system's), the keyboard-shortcut help,
// the web app manifest and icons, and the CSRF token for the client script's posts.
import { html, type SafeHtml } from './html.ts';

export interface PageFrame {
  title: string;
  body: SafeHtml;
  /** The signed-in user's name, when there is one. */
  userName?: string | null;
  /** Extra elements for <head> (feeds' alternate links, etc.). */
  head?: SafeHtml;
  /** Anti-CSRF token, for pages whose forms post (also read by reader.js for its own posts). */
  csrfToken?: string | null;
}

const SHORTCUTS: [string, string][] = [
  ['j', 'next item in a list'],
  ['k', 'previous item'],
  ['o or Enter', 'open the selected item'],
  ['s', 'star or unstar the selected (or open) article'],
  ['/', 'search'],
  ['t', 'switch light / dark theme'],
  ['?', 'show this help'],
];

export function layout(frame: PageFrame): string {
  return (
    '<!doctype html>\n' +
    html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="theme-color" content="#0b5cad">
${frame.csrfToken ? html`<meta name="csrf-token" content="${frame.csrfToken}">` : null}
<title>${frame.title} · Dateline</title>
<script src="/assets/theme.js"></script>
<link rel="stylesheet" href="/assets/style.css">
<link rel="manifest" href="/manifest.webmanifest">
<link rel="icon" href="/icons/icon.svg" type="image/svg+xml">
<link rel="apple-touch-icon" href="/icons/icon-192.png">
${frame.head}
</head>
<body${frame.userName ? html` data-signed-in` : null}>
<a class="skip" href="#main">Skip to content</a>
<header class="site">
  <a class="brand" href="/" aria-label="Dateline, home"><img src="/icons/icon.svg" alt="" width="28" height="28"> Dateline</a>
  <nav aria-label="Main">
    <ul>
      <li><a href="/">Home</a></li>
      <li><a href="/stories">Stories</a></li>
      <li><a href="/entities">Entities</a></li>
      <li><a href="/sources">Sources</a></li>
    </ul>
  </nav>
  <form class="search" action="/search" method="get" role="search" aria-label="Site search">
    <label for="q" class="visually-hidden">Search articles</label>
    <input id="q" name="q" type="search" placeholder="Search articles (/)" autocomplete="off">
    <button type="submit" class="search-go">Search</button>
  </form>
  <nav aria-label="Account" class="account">
    <ul>
      ${
        frame.userName
          ? html`<li><a href="/starred">Starred</a></li><li><a href="/watches">Watches</a></li><li><a href="/account">${frame.userName}</a></li><li><a href="/logout">Log out</a></li>`
          : html`<li><a href="/login">Log in</a></li><li><a href="/signup">Sign up</a></li>`
      }
      <li><button type="button" class="theme-toggle" aria-pressed="false" title="Switch theme (t)">Dark theme</button></li>
    </ul>
  </nav>
</header>
<p class="offline-banner" role="status" hidden>You are offline: this is a copy saved on this device.</p>
<main id="main" tabindex="-1">
${frame.body}
</main>
<footer class="site">
  <p>Dateline — self-hosted news intelligence. <button type="button" class="link shortcuts-open">Keyboard shortcuts (?)</button></p>
</footer>
<dialog id="shortcuts" aria-labelledby="shortcuts-heading">
  <h2 id="shortcuts-heading">Keyboard shortcuts</h2>
  <table>
    <thead><tr><th scope="col">Key</th><th scope="col">Does</th></tr></thead>
    <tbody>${SHORTCUTS.map(([key, does]) => html`<tr><td><kbd>${key}</kbd></td><td>${does}</td></tr>`)}</tbody>
  </table>
  <form method="dialog"><button type="submit">Close</button></form>
</dialog>
<div class="toast" role="status" aria-live="polite"></div>
<script src="/assets/reader.js" defer></script>
<script src="/assets/highlights.js" defer></script>
</body>
</html>`.value
  );
}
