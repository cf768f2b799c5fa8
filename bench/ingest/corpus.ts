// The ingest benchmark's synthetic news: feeds of summary-only entries and the full article
// pages they link to, every page's text different (seeded word choice), so dedup and stories
// see a corpus of distinct articles rather than one page copied 20,000 times.

const WORDS = (
  'council harbour minister budget election court police hospital school river bridge storm energy prices ' +
  'union strike festival museum railway airport museum farmers market vote parliament mayor report inquiry ' +
  'company shares profits losses workers contract tender housing rents tenants flood drought wildfire border ' +
  'treaty talks ceasefire aid refugees protest march rally judge verdict appeal sentence charity donation ' +
  'scientists study climate emissions vaccine outbreak clinic nurses doctors teachers pupils exams results ' +
  'transport buses trams cyclists roads repairs potholes tourism hotels visitors season harvest fishing quota'
).split(' ');
const PLACES = ['Northport', 'Eastvale', 'Kingsbridge', 'Marlow Bay', 'Ashford', 'Redcliffe', 'Lindholm', 'Porthaven', 'Greystone', 'Westmere'];

function rng(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

function sentence(next: () => number): string {
  const length = 12 + Math.floor(next() * 14);
  const words = Array.from({ length }, () => WORDS[Math.floor(next() * WORDS.length)]!);
  words[2] = PLACES[Math.floor(next() * PLACES.length)]!;
  const text = words.join(' ');
  return text[0]!.toUpperCase() + text.slice(1) + '.';
}

export function pageTitle(feed: number, entry: number): string {
  const next = rng(feed * 1000 + entry + 7);
  return `${PLACES[feed % PLACES.length]} ${WORDS[Math.floor(next() * WORDS.length)]} ${WORDS[Math.floor(next() * WORDS.length)]}: report ${feed}-${entry}`;
}

/** A ~500-word news page with site furniture around the article. */
export function articleHtml(feed: number, entry: number): string {
  const next = rng(feed * 7919 + entry * 104729 + 1);
  const paragraphs = Array.from({ length: 8 }, () => `<p>${Array.from({ length: 3 }, () => sentence(next)).join(' ')}</p>`).join('\n');
  const day = String((entry % 28) + 1).padStart(2, '0');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${pageTitle(feed, entry)} | Bench Herald ${feed}</title>
<meta property="article:published_time" content="2025-02-${day}T${String(entry % 24).padStart(2, '0')}:00:00Z">
<link rel="canonical" href="/page/${feed}/${entry}.html"></head><body>
<header><nav><a href="/">Home</a> <a href="/local">Local</a> <a href="/sport">Sport</a> <a href="/about">About us</a></nav></header>
<main><article><h1>${pageTitle(feed, entry)}</h1><p class="byline">By Desk ${feed % 17}</p>
${paragraphs}
</article></main>
<aside><h2>Most read</h2><ol><li><a href="/x/1">Another story</a></li><li><a href="/x/2">And another one</a></li></ol></aside>
<footer><p>© Bench Herald. Contact: newsroom@example.invalid</p></footer></body></html>`;
}

export function feedXml(origin: string, feed: number, entries: number): string {
  const items = Array.from({ length: entries }, (_, entry) => {
    const day = String((entry % 28) + 1).padStart(2, '0');
    return `<item><title>${pageTitle(feed, entry)}</title><link>${origin}/page/${feed}/${entry}.html</link>
<guid isPermaLink="false">bench-${feed}-${entry}</guid><pubDate>${new Date(`2025-02-${day}T${String(entry % 24).padStart(2, '0')}:00:00Z`).toUTCString()}</pubDate>
<description>A short summary of report ${feed}-${entry}; the full article is on the page.</description></item>`;
  }).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bench Herald ${feed}</title><link>${origin}/</link><description>bench</description>
${items}</channel></rss>`;
}
