// A small generated news corpus for the crash tests: stories told by several publishers (some
// copying each other word for word), as saved HTML pages and as RSS feeds whose entries carry
// only a summary (so the worker fetches each page). Seeded: the same pages on every run.
import { seededRandom } from '../../src/text/random.ts';
import type { PageInput } from '../../src/pipeline.ts';

const PEOPLE = ['Ana Ruiz', 'Tomas Berg', 'Keiko Tanaka', 'Samuel Osei', 'Lena Fischer', 'Omar Haddad', 'Priya Nair', 'Jonas Lind', 'Marta Silva', 'David Cohen', 'Ines Moreau', 'Felix Wagner'];
const PLACES = ['Lisbon', 'Oslo', 'Osaka', 'Accra', 'Hamburg', 'Amman', 'Kochi', 'Uppsala', 'Porto', 'Haifa', 'Lyon', 'Graz'];
const TOPICS = [
  ['harbour', 'ferry', 'dock', 'crossing', 'fares', 'commuters'],
  ['drought', 'reservoir', 'rainfall', 'irrigation', 'farmers', 'wells'],
  ['election', 'ballots', 'turnout', 'candidates', 'council', 'voters'],
  ['hospital', 'nurses', 'wards', 'patients', 'waiting', 'surgery'],
  ['railway', 'tunnel', 'signals', 'trains', 'delays', 'engineers'],
  ['festival', 'orchestra', 'tickets', 'stage', 'audience', 'premiere'],
  ['factory', 'workers', 'strike', 'wages', 'union', 'shifts'],
  ['wildfire', 'firefighters', 'evacuation', 'hillside', 'smoke', 'villages'],
  ['bridge', 'cables', 'inspection', 'traffic', 'repairs', 'closure'],
  ['school', 'teachers', 'pupils', 'exams', 'classrooms', 'budget'],
];
const PUBLISHERS = ['Tidewater Post', 'Northern Ledger', 'Harbour Times', 'Valley Courier'];
const FILLER = ['officials', 'said', 'on', 'the', 'plan', 'would', 'take', 'months', 'and', 'residents', 'were', 'told', 'that', 'costs', 'had', 'risen', 'since', 'spring', 'local', 'reports'];

export interface CorpusPage {
  name: string;
  publisher: string;
  url: string;
  title: string;
  publishedAt: Date;
  html: string;
  summary: string;
}

/** `stories` stories × the publishers, every fourth page a near-verbatim copy of another publisher's. */
export function generateCorpus(stories: number, seed = 19): CorpusPage[] {
  const rng = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rng() * list.length)]!;
  const pages: CorpusPage[] = [];
  const base = Date.parse('2025-07-20T06:00:00Z');
  for (let s = 0; s < stories; s++) {
    const topic = TOPICS[s % TOPICS.length]!;
    const person = PEOPLE[s % PEOPLE.length]!;
    const place = PLACES[(s * 5) % PLACES.length]!;
    const storyAt = base + s * 9 * 3_600_000;
    let original: string[] | null = null;
    for (const [p, publisher] of PUBLISHERS.entries()) {
      const sentence = () => {
        const words = Array.from({ length: 14 }, () => (rng() < 0.45 ? pick(topic) : pick(FILLER)));
        return `${words.join(' ')}.`.replace(/^./, (c) => c.toUpperCase());
      };
      let paragraphs: string[] = [
        `${person}, the mayor of ${place}, said on Tuesday that the ${topic[0]} ${topic[1]} plan would cost 4.${s} million euros.`,
        `"We cannot wait another year for the ${topic[2]}," ${person} told reporters in ${place}.`,
        ...Array.from({ length: 5 }, () => Array.from({ length: 3 }, sentence).join(' ')),
      ];
      if (p === 3 && original) paragraphs = [...original, `${publisher} contributed to this report.`]; // a wire copy
      if (p === 0) original = paragraphs;
      const title = `${place} ${topic[0]} ${topic[1]} plan: ${person} ${['sets out', 'defends', 'unveils', 'outlines'][p]} costs`;
      const publishedAt = new Date(storyAt + p * 47 * 60_000);
      const slug = `s${s}-p${p}`;
      const host = publisher.toLowerCase().replace(/\s+/g, '');
      const url = `https://${host}.example/news/${slug}`;
      const html = `<!doctype html><html><head><meta charset="utf-8"><title>${title} | ${publisher}</title>
<meta property="og:site_name" content="${publisher}"><meta property="og:title" content="${title}">
<meta property="article:published_time" content="${publishedAt.toISOString()}"><link rel="canonical" href="${url}"></head>
<body><header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header><main><article><h1>${title}</h1>
<p class="byline">By Staff Reporter</p>${paragraphs.map((t) => `<p>${t}</p>`).join('\n')}</article></main>
<footer>© ${publisher}</footer></body></html>`;
      pages.push({ name: `${slug}.html`, publisher, url, title, publishedAt, html, summary: paragraphs[0]! });
    }
  }
  return pages;
}

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** One RSS feed per publisher: summaries only, each entry linking to its page at `pageUrl(page)`. */
export function feedsOf(pages: CorpusPage[], pageUrl: (page: CorpusPage) => string): Map<string, string> {
  const feeds = new Map<string, string>();
  for (const publisher of PUBLISHERS) {
    const items = pages
      .filter((p) => p.publisher === publisher)
      .map(
        (p) => `<item><title>${xml(p.title)}</title><link>${xml(pageUrl(p))}</link><guid>${xml(p.url)}</guid>
<pubDate>${p.publishedAt.toUTCString()}</pubDate><description>${xml(p.summary)}</description></item>`,
      );
    feeds.set(
      publisher,
      `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>${publisher}</title>
<link>https://${publisher.toLowerCase().replace(/\s+/g, '')}.example/</link><description>news</description>${items.join('\n')}</channel></rss>`,
    );
  }
  return feeds;
}

/** Pages as the ingest reads saved pages: each at its URL, modified at its publication time. */
export function pageInputs(pages: { url: string; html: string; publishedAt: Date }[]): PageInput[] {
  return pages.map((p) => ({ location: p.url, url: p.url, bytes: Buffer.from(p.html), modifiedAt: p.publishedAt, contentType: 'text/html' }));
}
