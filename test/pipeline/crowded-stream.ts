// A crowded stream for the cut-parity test: look-alike events told over one small invented
// vocabulary (a few sites and subjects, the same council words everywhere, a word or two of
// each event's own), several reports each, reports of one event arriving after the next
// events' first, and twins: the same words in another order under another headline, at the same
// time (so two articles weigh alike and stories can tie on score). Seeded: the same pages every run.
import { seededRandom } from '../../src/text/random.ts';

export interface StreamPage {
  url: string;
  title: string;
  publishedAt: Date;
  html: string;
}

export const htmlPage = (title: string, publisher: string, at: Date, url: string, paragraphs: string[]): string =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title} | ${publisher}</title>
<meta property="og:site_name" content="${publisher}"><meta property="og:title" content="${title}">
<meta property="article:published_time" content="${at.toISOString()}"><link rel="canonical" href="${url}"></head>
<body><main><article><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}</article></main></body></html>`;

const SITES = ['Arlen', 'Brisk', 'Corva', 'Dunmere', 'Elsby', 'Farrow', 'Gilden'];
const WHATS = ['pier', 'levy', 'depot', 'quarry', 'tramway'];
const OWN = ['gantry', 'sluice', 'culvert', 'kiosk', 'boiler', 'hoist', 'siding', 'weighbridge', 'lockgate', 'chute', 'trestle', 'cistern', 'pylon', 'turnstile', 'silo', 'jetty'];
const COMMON = ['council', 'vote', 'plan', 'repairs', 'budget', 'residents', 'costs', 'delay', 'contract', 'inspectors', 'report', 'meeting'];
const OUTLETS = ['Arlen Bugle', 'Corva Star', 'Eastern Wire', 'Dunmere Post', 'Brisk Herald'];

/** `events` look-alike events (a site and a subject, most words common), 2–4 reports each, some twinned; in time order. */
export function crowdedStream(events: number, seed: number): StreamPage[] {
  const rng = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rng() * list.length)]!;
  const shuffle = <T>(list: T[]) => {
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [list[i], list[j]] = [list[j]!, list[i]!];
    }
    return list;
  };
  const sentences = (list: string[]) => {
    const out: string[] = [];
    for (let i = 0; i < list.length; i += 12) out.push(`${list.slice(i, i + 12).join(' ')}.`.replace(/^./, (c) => c.toUpperCase()));
    return out;
  };
  const pages: StreamPage[] = [];
  const base = Date.parse('2025-03-01T06:00:00Z');
  for (let e = 0; e < events; e++) {
    const site = SITES[e % SITES.length]!;
    const what = WHATS[Math.floor(e / 2) % WHATS.length]!;
    const own = OWN[e % OWN.length]!;
    const own2 = OWN[(e * 7 + 3) % OWN.length]!;
    const start = base + e * 5 * 3_600_000;
    const reports = 2 + Math.floor(rng() * 3);
    for (let r = 0; r < reports; r++) {
      const words = Array.from({ length: 60 }, () => {
        const x = rng();
        return x < 0.2 ? pick([site, what]) : x < 0.4 ? pick([own, own2]) : pick(COMMON);
      });
      const outlet = OUTLETS[(e + r) % OUTLETS.length]!;
      // Up to two days after the event's start: later reports of one event come after the next events' first.
      const at = new Date(start + Math.floor(rng() * 48) * 3_600_000);
      const title = `${site} ${what} ${pick([own, ...COMMON])} ${pick(COMMON)}`;
      const url = `https://${outlet.toLowerCase().replace(/\s+/g, '')}.example/e${e}-r${r}`;
      pages.push({ url, title, publishedAt: at, html: htmlPage(title, outlet, at, url, sentences(words)) });
      if (rng() < 0.3) {
        const twinTitle = title.split(' ').reverse().join(' ');
        const twinUrl = `https://twinpress.example/e${e}-r${r}`;
        pages.push({ url: twinUrl, title: twinTitle, publishedAt: at, html: htmlPage(twinTitle, 'Twin Press', at, twinUrl, sentences(shuffle([...words]))) });
      }
    }
  }
  return pages.sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime() || (a.url < b.url ? -1 : 1));
}
