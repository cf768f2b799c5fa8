// Highlights on the article page: marks the reader's highlights in the article's text, and turns
// a selection inside the text into a new highlight (with an optional note). The page works
// without it: the highlights panel lists them and its form takes a pasted quote. Anchors are
// found the way src/highlights/anchor.ts finds them (kept in step by hand: this file is served as is): whitespace ignored, the occurrence whose
// context matches best.
(() => {
  const panel = document.querySelector('[data-highlights-article]');
  const body = document.querySelector('.reading .body') || document.querySelector('.body');
  if (!panel || !body) return;
  const articleId = panel.getAttribute('data-highlights-article');
  const csrf = panel.getAttribute('data-csrf') || '';
  const CONTEXT = 32;
  const isSpace = (c) => /\s/.test(c);

  // Every non-whitespace character of the text, with the text node and offset it is at.
  const index = () => {
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    const nodes = [];
    let chars = '';
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const offsets = [];
      const start = chars.length;
      for (let i = 0; i < node.data.length; i++)
        if (!isSpace(node.data[i])) {
          offsets.push(i);
          chars += node.data[i];
        }
      nodes.push({ node, start, offsets });
    }
    return { chars, nodes };
  };
  const squeeze = (s) => (s || '').replace(/\s+/g, '');
  const commonEnd = (a, b) => {
    let n = 0;
    while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
    return n;
  };
  const commonStart = (a, b) => {
    let n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n++;
    return n;
  };

  const locate = (chars, h) => {
    const quote = squeeze(h.quote),
      prefix = squeeze(h.prefix),
      suffix = squeeze(h.suffix);
    let best = null;
    for (let i = chars.indexOf(quote); quote && i >= 0; i = chars.indexOf(quote, i + 1)) {
      const score = commonEnd(chars.slice(Math.max(0, i - prefix.length), i), prefix) + commonStart(chars.slice(i + quote.length, i + quote.length + suffix.length), suffix);
      if (!best || score > best.score) best = { from: i, to: i + quote.length, score };
    }
    return best;
  };

  const mark = (h) => {
    const { chars, nodes } = index();
    const at = locate(chars, h);
    if (!at) return;
    const pieces = [];
    for (const entry of nodes) {
      const end = entry.start + entry.offsets.length;
      if (end <= at.from || entry.start >= at.to || !entry.offsets.length) continue;
      const from = entry.offsets[Math.max(at.from - entry.start, 0)];
      const to = entry.offsets[Math.min(at.to - entry.start, entry.offsets.length) - 1] + 1;
      pieces.push({ node: entry.node, from, to });
    }
    for (const piece of pieces) {
      const range = document.createRange();
      range.setStart(piece.node, piece.from);
      range.setEnd(piece.node, piece.to);
      const el = document.createElement('mark');
      el.className = 'highlight';
      el.dataset.highlightId = String(h.id);
      if (h.note) el.title = h.note;
      range.surroundContents(el);
    }
  };

  const load = async () => {
    // A page left before the answer comes (or a dropped connection) shows the text unmarked: nothing to report.
    const response = await fetch(`/api/v1/articles/${articleId}/highlights`, { credentials: 'same-origin' }).catch(() => null);
    if (!response?.ok) return;
    for (const h of (await response.json()).highlights) mark(h);
  };

  // The selection as an anchor: the quote and its context, counted without whitespace.
  const selectionAnchor = () => {
    const selection = getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
    const range = selection.getRangeAt(0);
    if (!body.contains(range.startContainer) || !body.contains(range.endContainer)) return null;
    const quote = range.toString().trim();
    if (!quote) return null;
    const { chars, nodes } = index();
    const position = (container, offset) => {
      const entry = nodes.find((e) => e.node === container);
      if (!entry) return null;
      return entry.start + entry.offsets.filter((o) => o < offset).length;
    };
    const from = position(range.startContainer, range.startOffset);
    const start = from === null ? chars.indexOf(squeeze(quote)) : from;
    const to = start + squeeze(quote).length;
    return { quote, prefix: chars.slice(Math.max(0, start - CONTEXT), start), suffix: chars.slice(to, to + CONTEXT), start };
  };

  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'highlight-button';
  button.textContent = 'Highlight';
  button.hidden = true;
  button.style.cssText = 'position:fixed;right:1rem;bottom:1rem;z-index:10';
  document.body.append(button);
  let pending = null;
  document.addEventListener('selectionchange', () => {
    pending = selectionAnchor();
    button.hidden = !pending;
  });
  button.addEventListener('mousedown', (event) => event.preventDefault()); // keep the selection
  button.addEventListener('click', async () => {
    if (!pending) return;
    const anchor = pending;
    const note = prompt('Add a note (optional)', '');
    if (note === null) return;
    const response = await fetch(`/api/v1/articles/${articleId}/highlights`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify({ ...anchor, note: note || null }),
    });
    const answer = await response.json().catch(() => null);
    if (!response.ok) {
      alert(answer?.error?.message || 'The highlight was not saved.');
      return;
    }
    getSelection()?.removeAllRanges();
    button.hidden = true;
    mark(answer.highlight);
    const list = panel.querySelector('ol.highlights');
    if (list) {
      const item = document.createElement('li');
      const quote = document.createElement('blockquote');
      quote.textContent = answer.highlight.quote;
      item.append(quote);
      if (answer.highlight.note) {
        const p = document.createElement('p');
        p.textContent = answer.highlight.note;
        item.append(p);
      }
      list.append(item);
    }
  });
  load();
})();
