// The reader's client script: keyboard shortcuts (j/k move, o/Enter open, s star, / search,
// t theme, ? help), the theme switch, stars, the offline banner, and the service worker that
// keeps the last articles read available offline. Pages work without it; it only adds.
(() => {
  const root = document.documentElement;
  const signedIn = document.body.hasAttribute('data-signed-in');

  // ---- toast: short confirmations, announced by screen readers (role=status) ----
  const toastEl = document.querySelector('.toast');
  let toastTimer = 0;
  const toast = (message) => {
    if (!toastEl) return;
    toastEl.textContent = message;
    toastEl.classList.add('shown');
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => toastEl.classList.remove('shown'), 2500);
  };

  // ---- theme ----
  const themeButton = document.querySelector('.theme-toggle');
  const effectiveTheme = () => root.dataset.theme || (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
  const showTheme = () => themeButton?.setAttribute('aria-pressed', String(effectiveTheme() === 'dark'));
  const toggleTheme = () => {
    const next = effectiveTheme() === 'dark' ? 'light' : 'dark';
    root.dataset.theme = next;
    try {
      localStorage.setItem('dateline-theme', next);
    } catch {
      // Not remembered; still applied to this page.
    }
    showTheme();
  };
  themeButton?.addEventListener('click', toggleTheme);
  showTheme();

  // ---- CSRF token for the script's own posts: the page's meta tag, else ask the server ----
  let csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') || null;
  const csrfToken = async () => {
    if (csrf) return csrf;
    const response = await fetch('/api/v1/session', { headers: { accept: 'application/json' }, credentials: 'same-origin' });
    csrf = (await response.json()).csrfToken;
    return csrf;
  };

  // ---- lists: j/k select, o/Enter open ----
  const items = () => Array.from(document.querySelectorAll('.article-list > li'));
  let current = -1;
  const select = (i) => {
    const list = items();
    if (!list.length) return;
    current = Math.max(0, Math.min(list.length - 1, i));
    list.forEach((li, n) => {
      li.classList.toggle('current', n === current);
      if (n === current) li.setAttribute('aria-current', 'true');
      else li.removeAttribute('aria-current');
    });
    list[current].scrollIntoView({ block: 'nearest' });
    list[current].querySelector('a')?.focus({ preventScroll: true });
  };
  const articleIdOf = (element) => {
    const href = element?.querySelector('a[href^="/articles/"]')?.getAttribute('href') ?? '';
    return /^\/articles\/(\d+)/.exec(href)?.[1] ?? null;
  };

  // ---- stars ----
  const pageArticleId = /^\/articles\/(\d+)/.exec(location.pathname)?.[1] ?? null;
  const starred = new Set();
  const paintStars = () => {
    for (const li of items()) li.querySelector('h3, h2')?.classList.toggle('starred', starred.has(articleIdOf(li)));
    document.querySelectorAll('[data-star-article]').forEach((el) => {
      const on = starred.has(el.getAttribute('data-star-article'));
      el.classList.toggle('starred', on);
      const button = el.querySelector('button');
      if (button) {
        button.textContent = on ? 'Unstar' : 'Star';
        button.setAttribute('aria-pressed', String(on));
      }
    });
  };
  const toggleStar = async (articleId) => {
    if (!articleId) {
      toast('Select or open an article to star it');
      return;
    }
    if (!signedIn) {
      toast('Log in to star articles');
      return;
    }
    const on = !starred.has(articleId);
    const response = await fetch(`/api/v1/me/stars/${articleId}`, {
      method: on ? 'PUT' : 'DELETE',
      headers: { 'x-csrf-token': await csrfToken(), accept: 'application/json' },
      credentials: 'same-origin',
    });
    if (!response.ok) {
      toast('Could not change the star');
      return;
    }
    if (on) starred.add(articleId);
    else starred.delete(articleId);
    paintStars();
    toast(on ? 'Starred' : 'Star removed');
  };
  if (signedIn) {
    fetch('/api/v1/me/stars', { headers: { accept: 'application/json' }, credentials: 'same-origin' })
      .then((r) => (r.ok ? r.json() : { articleIds: [] }))
      .then((body) => {
        for (const id of body.articleIds ?? []) starred.add(String(id));
        paintStars();
      })
      .catch(() => undefined);
  }
  // The star button on an article page works without the keyboard; with JS it skips the reload.
  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    const holder = form.closest('[data-star-article]');
    if (holder) {
      event.preventDefault();
      toggleStar(holder.getAttribute('data-star-article'));
    }
    if (form.hasAttribute('data-clears-offline')) navigator.serviceWorker?.controller?.postMessage({ type: 'forget' });
  });

  // ---- keyboard ----
  const dialog = document.getElementById('shortcuts');
  const showHelp = () => dialog?.showModal?.();
  document.querySelector('.shortcuts-open')?.addEventListener('click', showHelp);
  document.addEventListener('keydown', (event) => {
    const target = event.target;
    if (target instanceof HTMLElement && (/^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || target.isContentEditable)) return;
    if (event.metaKey || event.ctrlKey || event.altKey || dialog?.open) return;
    const list = items();
    if (event.key === 'j') select(current + 1);
    else if (event.key === 'k') select(current < 0 ? 0 : current - 1);
    else if ((event.key === 'o' || (event.key === 'Enter' && target === document.body)) && current >= 0) {
      list[current]?.querySelector('a')?.click();
    } else if (event.key === 's') {
      toggleStar(current >= 0 ? articleIdOf(list[current]) : pageArticleId);
    } else if (event.key === '/') {
      document.getElementById('q')?.focus();
    } else if (event.key === 't') toggleTheme();
    else if (event.key === '?') showHelp();
    else return;
    event.preventDefault();
  });

  // ---- offline ----
  const banner = document.querySelector('.offline-banner');
  const savedCopy = document.body.hasAttribute('data-offline-copy');
  const showOffline = () => {
    if (banner) banner.hidden = navigator.onLine && !savedCopy;
  };
  addEventListener('online', showOffline);
  addEventListener('offline', showOffline);
  showOffline();

  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined);
    // A page opened before the worker took control is saved too, once it is ready.
    if (!navigator.serviceWorker.controller && /^\/(articles|stories)\/\d+$/.test(location.pathname)) {
      navigator.serviceWorker.ready.then((registration) => registration.active?.postMessage({ type: 'remember', url: location.pathname }));
    }
  }

  // The offline page lists what this device has saved.
  const savedList = document.getElementById('saved-pages');
  if (savedList && 'caches' in window) {
    caches.open('dateline-pages').then(async (cache) => {
      const entries = [];
      for (const request of await cache.keys()) {
        const response = await cache.match(request);
        const text = response ? await response.text() : '';
        const title = new DOMParser().parseFromString(text, 'text/html').title.replace(/ · Dateline$/, '');
        entries.push({ url: new URL(request.url).pathname, title: title || request.url, at: Number(response?.headers.get('x-dateline-saved-at') ?? 0) });
      }
      entries.sort((a, b) => b.at - a.at);
      savedList.replaceChildren(
        ...entries.map((entry) => {
          const li = document.createElement('li');
          const a = document.createElement('a');
          a.href = entry.url;
          a.textContent = entry.title;
          li.append(a);
          return li;
        }),
      );
      if (!entries.length) savedList.outerHTML = '<p class="empty">Nothing saved on this device yet.</p>';
    });
  }
})();
