// The curve benchmark's news stream: saved pages in arrival order, each published 30 s after the
// one before (a year of news in a million articles), in topics of six articles from different
// sites that share names and words (so the story step has stories to find), with every tenth
// page a copy of one two places earlier under another site's furniture (so near-duplicates have
// copies to find). Seeded: the same n gives the same page.

const WORDS = (
  'council harbour minister budget election court police hospital school river bridge storm energy prices ' +
  'union strike festival museum railway airport farmers market vote parliament mayor report inquiry ' +
  'company shares profits losses workers contract tender housing rents tenants flood drought wildfire border ' +
  'treaty talks ceasefire aid refugees protest march rally judge verdict appeal sentence charity donation ' +
  'scientists study climate emissions vaccine outbreak clinic nurses doctors teachers pupils exams results ' +
  'transport buses trams cyclists roads repairs potholes tourism hotels visitors season harvest fishing quota'
).split(' ');
const SYLLABLES = ['ka', 'lo', 'mi', 'ren', 'tor', 'va', 'sel', 'dun', 'bri', 'o', 'ste', 'quin', 'har', 'el', 'mor', 'zan'];

export const TOPIC_SIZE = 6;
export const SECONDS_APART = 30;
export const STREAM_START = Date.UTC(2025, 0, 1);

function rng(seed: number): () => number {
  let state = (seed * 2654435761) >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

const pick = <T>(next: () => number, list: readonly T[]): T => list[Math.floor(next() * list.length)]!;

function name(next: () => number, syllables: number): string {
  const word = Array.from({ length: syllables }, () => pick(next, SYLLABLES)).join('');
  return word[0]!.toUpperCase() + word.slice(1);
}

/** The names and words a topic's articles share. */
function topic(k: number): { person: string; place: string; words: string[] } {
  const next = rng(k * 31 + 5);
  return { person: `${name(next, 2)} ${name(next, 3)}`, place: name(next, 3), words: Array.from({ length: 6 }, () => pick(next, WORDS)) };
}

function sentence(next: () => number, t: ReturnType<typeof topic>): string {
  const length = 12 + Math.floor(next() * 12);
  const words = Array.from({ length }, () => (next() < 0.35 ? pick(next, t.words) : pick(next, WORDS)));
  const roll = next();
  if (roll < 0.3) words.splice(1, 0, t.person);
  else if (roll < 0.6) words.splice(2, 0, 'in', t.place);
  const text = words.join(' ');
  return text[0]!.toUpperCase() + text.slice(1) + '.';
}

/** The stream's n-th page: its bytes, the URL it was saved from and when it was published. */
export function streamPage(n: number): { html: string; url: string; at: Date } {
  // A copy carries the text of the page two before it, under another site's furniture.
  const body = n % 10 === 9 ? n - 2 : n;
  const k = Math.floor(body / TOPIC_SIZE);
  const t = topic(k);
  const next = rng(body * 7919 + 17);
  const title = `${t.place} ${pick(next, t.words)} ${pick(next, t.words)}: ${t.person} ${pick(next, WORDS)}`;
  const paragraphs = Array.from({ length: 7 }, () => `<p>${Array.from({ length: 3 }, () => sentence(next, t)).join(' ')}</p>`).join('\n');
  const at = new Date(STREAM_START + n * SECONDS_APART * 1000);
  const site = `site${n % 40}.example`;
  const url = `https://${site}/news/${n}.html`;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} | ${site}</title>
<meta property="article:published_time" content="${at.toISOString()}">
<link rel="canonical" href="${url}"></head><body>
<header><nav><a href="/">Home</a> <a href="/local">Local</a> <a href="/about">About us</a></nav></header>
<main><article><h1>${title}</h1><p class="byline">By Desk ${n % 17}</p>
${paragraphs}
</article></main>
<footer><p>© ${site}</p></footer></body></html>`;
  return { html, url, at };
}
