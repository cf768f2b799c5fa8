// The frame every reader page shares: landmarks, navigation, search box, stylesheet.
import { html, type SafeHtml } from './html.ts';

export interface PageFrame {
  title: string;
  body: SafeHtml;
  /** The signed-in user's name, when there is one. */
  userName?: string | null;
  /** Extra elements for <head> (feeds' alternate links, etc.). */
  head?: SafeHtml;
  /** Anti-CSRF token, for pages whose forms post. */
  csrfToken?: string | null;
}

export function layout(frame: PageFrame): string {
  return (
    '<!doctype html>\n' +
    html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${frame.title} · Dateline</title>
<link rel="stylesheet" href="/assets/style.css">
<link rel="manifest" href="/manifest.webmanifest">
${frame.head}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site" role="banner">
  <a class="brand" href="/">Dateline</a>
  <nav aria-label="Main">
    <a href="/">Home</a>
    <a href="/stories">Stories</a>
    <a href="/sources">Sources</a>
  </nav>
  <form class="search" action="/search" method="get" role="search">
    <label for="q" class="visually-hidden">Search articles</label>
    <input id="q" name="q" type="search" placeholder="Search (/)" autocomplete="off">
  </form>
  <nav aria-label="Account" class="account">
    ${frame.userName ? html`<span>${frame.userName}</span> <a href="/logout">Log out</a>` : html`<a href="/login">Log in</a> <a href="/signup">Sign up</a>`}
  </nav>
</header>
<main id="main">
${frame.body}
</main>
<footer class="site" role="contentinfo"><p>Dateline — self-hosted news intelligence.</p></footer>
<script src="/assets/reader.js" defer></script>
</body>
</html>`.value
  );
}
