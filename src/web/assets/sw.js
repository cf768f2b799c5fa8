// Dateline's service worker: makes the reader installable and keeps the last articles and
// stories read available offline. Pages are fetched from the network first (news changes);
// when the network fails, the copy saved on the last visit is served, else the offline page.
// Stylesheet, scripts and icons come from the cache and are refreshed in the background.
const SHELL = 'dateline-shell-v1';
const PAGES = 'dateline-pages';
const MAX_PAGES = 40;
const SHELL_FILES = ['/offline', '/assets/style.css', '/assets/reader.js', '/assets/theme.js', '/icons/icon.svg', '/icons/icon-192.png', '/manifest.webmanifest'];
// Pages saved for offline reading: an article or a story.
const SAVED = /^\/(articles|stories)\/\d+$/;
// Never cached: anything personal or state-changing.
const NEVER = /^\/(api|login|signup|logout|account|moderation|comments)\b|^\/sw\.js$/;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll(SHELL_FILES))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith('dateline-shell-') && n !== SHELL).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

async function savePage(url, response) {
  if (!response.ok || !(response.headers.get('content-type') ?? '').includes('text/html')) return;
  // Stamp the time saved, to keep only the most recent MAX_PAGES.
  const headers = new Headers(response.headers);
  headers.set('x-dateline-saved-at', String(Date.now()));
  const copy = new Response(await response.blob(), { status: response.status, statusText: response.statusText, headers });
  const cache = await caches.open(PAGES);
  await cache.put(url, copy);
  const keys = await cache.keys();
  if (keys.length <= MAX_PAGES) return;
  const dated = await Promise.all(keys.map(async (key) => ({ key, at: Number((await cache.match(key))?.headers.get('x-dateline-saved-at') ?? 0) })));
  dated.sort((a, b) => a.at - b.at);
  await Promise.all(dated.slice(0, dated.length - MAX_PAGES).map((d) => cache.delete(d.key)));
}

async function pageFromNetwork(request, url) {
  try {
    const response = await fetch(request);
    if (SAVED.test(url.pathname)) await savePage(url.pathname, response.clone());
    return response;
  } catch {
    const saved = (await caches.match(url.pathname, { cacheName: PAGES })) ?? (await caches.match('/offline', { cacheName: SHELL }));
    if (!saved) return new Response('Offline, and this page was not saved on this device.', { status: 503, headers: { 'content-type': 'text/plain' } });
    // Mark the copy so the page can say it is one (navigator.onLine is often wrong).
    const text = (await saved.text()).replace('<body', '<body data-offline-copy');
    return new Response(text, { status: 200, headers: saved.headers });
  }
}

async function shellFile(request) {
  const cache = await caches.open(SHELL);
  const cached = await cache.match(request);
  const refresh = fetch(request)
    .then((response) => {
      if (response.ok) cache.put(request, response.clone());
      return response;
    })
    .catch(() => cached);
  return cached ?? refresh;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || NEVER.test(url.pathname)) return;
  if (request.mode === 'navigate') {
    event.respondWith(pageFromNetwork(request, url));
  } else if (/^\/(assets|icons)\/|^\/manifest\.webmanifest$/.test(url.pathname)) {
    event.respondWith(shellFile(request));
  }
});

self.addEventListener('message', (event) => {
  const message = event.data ?? {};
  if (message.type === 'remember' && typeof message.url === 'string' && SAVED.test(message.url)) {
    // The page the reader has open, fetched again to be saved (it loaded before we were in control).
    event.waitUntil(
      fetch(message.url, { credentials: 'same-origin' })
        .then((response) => savePage(message.url, response))
        .catch(() => undefined),
    );
  } else if (message.type === 'forget') {
    // Logging out: this device's saved pages belonged to the reader who is leaving.
    event.waitUntil(caches.delete(PAGES));
  }
});
