// The five seed pages (real dumps of an aggregator's article pages, in ../shared/seeds) against
// expectations written by reading each file: which articles each page holds, their titles,
// sources, first and last sentences, times for a given --as-of, and that no clutter survives.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parsePageDump } from '../../src/extract/dump.ts';
import { buildSiteProfile } from '../../src/extract/clutter.ts';
import type { ExtractedArticle, ExtractedPage } from '../../src/model/index.ts';

const seedsDir = fileURLToPath(new URL('../../../shared/seeds/', import.meta.url));
const haveSeeds = existsSync(seedsDir);
if (!haveSeeds) console.warn(`dump-seeds: ${seedsDir} is missing; the seed tests are skipped`);

const AS_OF = new Date('2025-08-12T12:00:00Z');
const FILE_TIME = new Date('2026-01-01T00:00:00Z');
const SCMP = 'South China Morning Post';
const KH = 'Korea Herald';

interface Expected {
  title: string;
  source: string;
  first: string;
  last: string;
  /** Resolved against AS_OF. */
  publishedAt: string;
  timeBasis: 'relative' | 'file';
  publishedText: string | null;
  excerpt?: string;
  paragraphs?: number;
}

interface SeedExpectation {
  prefix: string;
  main: Expected;
  related: Expected[];
  /** Lines the page must have dropped (from reading it). */
  removed: string[];
}

const seeds: SeedExpectation[] = [
  {
    prefix: '000_',
    main: {
      title: 'South Korea faces US pressure on defence, China amid tariff deadline',
      // The page names no source for its own article; its related list is all SCMP.
      source: SCMP,
      first: 'South Korea and the United States are racing to finalise a sprawling package deal encompassing tariffs and security.',
      last: "When asked to clarify what the term specifically entails, a foreign ministry official said the government would 'continue to consult and cooperate closely with the US to develop the alliance into a future-oriented, comprehensive strategic partnership capable of responding to the evolving economic and security environment,' but declined to offer further details.",
      publishedAt: AS_OF.toISOString(),
      timeBasis: 'file',
      publishedText: null,
      paragraphs: 5,
    },
    related: [
      {
        title: "Why Asian exporters can't afford a passive approach to US politics",
        source: SCMP,
        first: 'For all the continued dizzying headlines about global tariffs and strategic pauses, one thing remains true: the United States is deploying trade policy not just as economic leverage but as a tool of diplomacy and power.',
        last: 'In this environment, silence is a potential vulnerability rather than an expression of neutrality.',
        publishedAt: '2025-08-12T10:00:00.000Z',
        timeBasis: 'relative',
        publishedText: '2 hours ago',
      },
      {
        title: "Insta360's Antigravity challenges DJI with 8K 360-degree drone",
        source: SCMP,
        first: 'The consumer drone industry is facing new competition from China, as Antigravity – a new brand from omnidirectional camera specialist Insta360, is set to unveil its first product.',
        last: "While Antigravity did not disclose its location, the company said it was incubated by Shenzhen-based Insta360 'in collaboration with third parties', and developed by 'a global team of engineers, designers, and creators'.",
        publishedAt: '2025-08-12T08:00:00.000Z',
        timeBasis: 'relative',
        publishedText: '4 hours ago',
      },
      {
        title: "Hong Kong's Law Society swoops down on entire floor of offices at The Center at half price",
        source: SCMP,
        first:
          "The Law Society of Hong Kong has bought an entire floor of offices in what was formerly the world's most expensive tower at a 50 per cent discount, the latest among astute investors who are picking up property in the city at bargain prices.",
        last: "Not long after the transaction, Hong Kong's economy was driven into a slump by six months of anti-government protests and three years of the Covid-19 pandemic.",
        publishedAt: '2025-08-12T08:00:00.000Z',
        timeBasis: 'relative',
        publishedText: '4 hours ago',
      },
    ],
    removed: ['01:42', 'Trump imposes 25% unilateral tariffs on Japan, South Korea amid slow negotiation progress', 'Hashtags', 'Try Our AI Features', 'Related Articles', `- ${SCMP}`, 'Advertisement'],
  },
  {
    prefix: '001_',
    main: {
      title: '[Wang Son-taek] July: A defining month for Korea-US alliance',
      source: KH,
      first: 'The world is bracing for another tariff storm from US President Donald Trump.',
      last: "The views expressed here are the writer's own. — Ed.",
      publishedAt: '2025-08-11T19:00:00.000Z',
      timeBasis: 'relative',
      publishedText: '17 hours ago',
      paragraphs: 10,
    },
    related: [
      {
        title: "Rubio holds talks with Russia's Lavrov as Ukraine tensions soar",
        source: KH,
        first:
          "US Secretary of State Marco Rubio and his Russian counterpart met Thursday in Malaysia as tensions between the countries rise over Moscow's increasing attacks on Ukraine and whether Russia's leader is serious about a peace deal.",
        last: 'Those agreements allow the US government and US companies to work with and invest in civilian energy nuclear programs in other countries under strict supervision. (AP)',
        publishedAt: '2025-08-12T11:21:00.000Z',
        timeBasis: 'relative',
        publishedText: '39 minutes ago',
      },
      {
        title: 'Military chiefs of S. Korea, US meet but avoid thorny issues',
        source: KH,
        first:
          "The top military officers of South Korea and the United States met Thursday but avoided thorny issues such as a potential increase in Seoul's payment for the stationing of US Forces Korea on the peninsula, sources close to the matter said.",
        last: "Caine's visit marks the first visit to South Korea by the highest-ranking US military officer since his predecessor, CQ Brown, visited Seoul in November 2023.",
        publishedAt: '2025-08-12T08:00:00.000Z',
        timeBasis: 'relative',
        publishedText: '4 hours ago',
      },
      {
        title: "Korea's market cap tops W3,000tr for 1st time amid Kospi rally",
        source: KH,
        // The previous headline shared the line with the first sentence; split off.
        excerpt: 'Bank of Korea holds rate at 2.5% to curb debt, but signals possible cut within months',
        first: "Fueled by a rally in the benchmark Kospi, South Korea's combined stock market capitalization sharply increased, surpassing the 3,000 trillion won ($2.18 trillion) threshold for the first time Thursday.",
        last: "'While the rate cut could be delayed until October as the BOK assesses the impact of the real estate policies, the possibility of a rate cut in August remains high, provided the low-growth trend does not change significantly.'",
        publishedAt: '2025-08-12T08:00:00.000Z',
        timeBasis: 'relative',
        publishedText: '4 hours ago',
      },
    ],
    removed: ['logo', 'Orange background', 'No comments yet...', '• Korea Herald', 'DOWNLOAD THE APP', 'app-storeplay-store'],
  },
  {
    prefix: '002_',
    main: {
      title: '[Editorial] Resetting the alliance',
      source: KH,
      excerpt: 'Lee, Trump prepare for summit that may redefine Korea-US alliance',
      first: "President Lee Jae Myung's summit with US President Donald Trump this month is expected to mark a turning point in the Korea-US alliance.",
      last: 'The talks are unlikely to smooth every wrinkle, yet they could mark a step toward a more grounded and resilient alliance — one shaped by the demands of a volatile era.',
      publishedAt: '2025-08-11T12:00:00.000Z',
      timeBasis: 'relative',
      publishedText: 'a day ago',
      paragraphs: 12,
    },
    related: [
      {
        title: 'Student startup boom slows across South Korea, but top universities see sharp rise',
        source: KH,
        first: 'Student-led startups are losing momentum across most of South Korea for the first time in three years, but at a handful of top universities, entrepreneurship is quietly accelerating.',
        last: "They're surrounded by the right people, equipment and support systems from day one.'",
        publishedAt: '2025-08-12T11:18:00.000Z',
        timeBasis: 'relative',
        publishedText: '42 minutes ago',
      },
      {
        title: 'Lee offers condolences to Korean atomic bomb victims ahead of 80th anniversary of Hiroshima bombing',
        source: KH,
        first: "President Lee Jae Myung on Tuesday offered his condolences to the Korean nuclear bomb victims, a day before Japan's Hiroshima marks the 80th anniversary of the devastating 1945 atomic bombing of the city.",
        last: 'Around 50,000 Koreans fell victim to the atomic bombing, including 30,000 killed, after many were brought to Japan to work as forced laborers during its 1910-45 colonial rule of the Korean Peninsula, according to the Korea Atomic Bombs Victim Association. (Yonhap)',
        publishedAt: '2025-08-12T11:00:00.000Z',
        timeBasis: 'relative',
        publishedText: 'an hour ago',
      },
      {
        title: "Korea eyes 'K-Steel Act' to rescue industry from tariffs, China glut",
        source: KH,
        // The standfirst shared the line with the first sentence; split off.
        excerpt: 'Bipartisan bill aims to create presidential committee for master planning, offer financial support for next-gen steelmaking tech',
        first:
          'Korea is launching an aggressive policy push to rescue its steel industry from mounting global pressure, unveiling a bipartisan bill aimed at helping domestic producers hit hard by a 50 percent US tariff and a surge of low-cost Chinese products.',
        last: 'In cases where market-driven restructuring proves insufficient, the government would be authorized to step in with financial and regulatory support, including temporary exemptions from antitrust laws for mergers deemed necessary to stabilize the industry.',
        publishedAt: '2025-08-12T11:00:00.000Z',
        timeBasis: 'relative',
        publishedText: 'an hour ago',
      },
    ],
    removed: ['logo', 'Comments', 'Explore what Daily8 AI can do for you:', 'Get Started Now: Download the App'],
  },
  {
    prefix: '003_',
    main: {
      title: 'Military chiefs of S. Korea, US vow to strengthen trilateral security cooperation with Japan',
      source: KH,
      first:
        "The top military officers of South Korea and the United States vowed to further strengthen the allies' trilateral security cooperation with Japan during their first video talks earlier this week, the South's military said Wednesday.",
      last: "North Korea is suspected to have received military technology assistance from Russia in return for deploying troops in support of Moscow's war against Ukraine. (Yonhap)",
      publishedAt: AS_OF.toISOString(),
      timeBasis: 'file',
      publishedText: null,
      paragraphs: 6,
    },
    related: [
      {
        title: "Russia's security chief meets Kim Jong-un to discuss Ukraine, peninsula issues",
        source: KH,
        first:
          "Russia's Security Council Secretary Sergei Shoigu met with North Korean leader Kim Jong-un in Pyongyang for discussions on Ukraine and security issues involving the Korean Peninsula, the Russian Embassy in North Korea said Wednesday.",
        last: 'Amid stringent international sanctions, North Korea has turned to Russia for resources and cooperation and is believed to have received rare defense technologies to advance its nuclear and missile arsenals in exchange for troop deployment and arms supplies. (Yonhap)',
        publishedAt: '2025-08-12T08:00:00.000Z',
        timeBasis: 'relative',
        publishedText: '4 hours ago',
      },
      {
        title: "Trump says deal with Xi 'extremely hard' as steel tariffs double",
        source: KH,
        first:
          'Donald Trump said on Wednesday that it was "extremely hard" to reach a deal with Chinese leader Xi Jinping, but the EU touted progress in its own trade talks with Washington even though the US president doubled global metal tariffs.',
        last: 'White House press secretary Karoline Leavitt confirmed on Tuesday that the Trump administration sent letters to governments pushing for offers by Wednesday as the July 9 deadline approached. (AFP)',
        publishedAt: '2025-08-12T08:00:00.000Z',
        timeBasis: 'relative',
        publishedText: '4 hours ago',
      },
      {
        title: 'Foreign policy and security tasks pile up: What awaits President Lee?',
        source: KH,
        first:
          "South Korea's newly elected president, Lee Jae-myung, takes office facing a mountain of foreign and security challenges — most notably, an unprecedented squeeze from Washington, where President Donald Trump's protectionist 'America First' agenda is leading to tariffs and testing the resilience of US alliances.",
        last: 'Seoul has warned that even if the JDZ agreement is dissolved, overlapping claims —especially over Block 7 — will persist, and the issue has the potential to become a major source of tension between the two countries, particularly at this critical diplomatic juncture.',
        publishedAt: '2025-08-12T02:00:00.000Z',
        timeBasis: 'relative',
        publishedText: '10 hours ago',
      },
    ],
    removed: ['Try Our AI Features', 'Related Articles', '- Korea Herald'],
  },
  {
    prefix: '004_',
    main: {
      title: "Lee, Trump likely to outline ‘alliance modernization,' defer details",
      source: KH,
      first:
        "The leaders of South Korea and the United States are expected to agree in principle to 'modernize the alliance' at their upcoming summit, amid a shifting regional security environment, while deferring key details to lower-level negotiations, according to officials in Seoul familiar with the matter.",
      last: '"We will work closely with Seoul to ensure a strategically sustainable Alliance that is ready to defend against shared threats."',
      publishedAt: '2025-08-12T02:00:00.000Z',
      timeBasis: 'relative',
      publishedText: '10 hours ago',
      paragraphs: 27,
    },
    related: [
      {
        title: 'National security adviser meets visiting US representatives ahead of Lee-Trump summit',
        source: KH,
        first: 'National Security Adviser Wi Sung-lak met with two visiting US Representatives on Tuesday and discussed ways to bolster industrial cooperation and the alliance between the two nations, the presidential office said.',
        last: 'Van Duyne and McCormick also promised to support further US investments by Korean companies to strengthen economic cooperation and pledged to work together for bipartisan support in Congress for the Korea-US alliance, it noted. (Yonhap)',
        publishedAt: '2025-08-12T10:00:00.000Z',
        timeBasis: 'relative',
        publishedText: '2 hours ago',
      },
      {
        title: 'Granite Asia Strengthens Multi-Asset Leadership with Appointment of Three New Managing Partners',
        source: KH,
        first: "SINGAPORE, Aug. 12, 2025 /PRNewswire/ -- Granite Asia today announced the appointment of three new Managing Partners, further strengthening the firm's leadership across equity and private credit.",
        last: 'Its investment thesis prioritizes five long-term themes including Consumer Growth & Transformation, Enterprise Workflow & Supply Chain, Food Systems & Sustainability, Health Innovation & Wellness, and Energy Transition & Automation.',
        publishedAt: '2025-08-12T10:00:00.000Z',
        timeBasis: 'relative',
        publishedText: '2 hours ago',
      },
      {
        title: 'Lee voices hope to open door to dialogue with N. Korea as Pyongyang begins removing some loudspeakers',
        source: KH,
        first:
          "President Lee Jae Myung on Tuesday voiced hope for opening the door to dialogue with North Korea, after South Korea's military said the North has begun dismantling some of its own propaganda loudspeakers on the inter-Korean border.",
        last: 'Lee has repeatedly called for stronger safety measures and tougher punishment for violators during his first two months in office to root out recurring fatal industrial accidents.',
        publishedAt: '2025-08-12T09:00:00.000Z',
        timeBasis: 'relative',
        publishedText: '3 hours ago',
      },
    ],
    removed: ['Orange background', 'Ready to dive into a world of global content with local flavor? Download Daily8 app today from your preferred app store and start exploring.'],
  },
];

/** Page furniture seen in the seeds; none of it may reach a title or a body. */
const CLUTTER_FRAGMENTS = [
  'Try Our AI Features',
  'Daily8',
  'Orange background',
  'No comments yet',
  'Related Articles',
  'Hashtags',
  'Advertisement',
  '01:42',
  'DOWNLOAD THE APP',
  'Download the App',
  'app-store',
  'time4 hours ago',
  'hours ago',
  '• Korea Herald',
  `- ${SCMP}`,
  'Trump imposes 25% unilateral tariffs',
];
const CLUTTER_PARAGRAPHS = new Set(['logo', 'Comments', 'Korea Herald', SCMP]);

function seedText(prefix: string): string {
  const name = readdirSync(seedsDir).find((f) => f.startsWith(prefix));
  if (!name) throw new Error(`no seed file starting with ${prefix} in ${seedsDir}`);
  return readFileSync(seedsDir + name, 'utf8');
}

function checkArticle(article: ExtractedArticle, expected: Expected, role: 'main' | 'related') {
  expect(article.role).toBe(role);
  // Only the column (001) names its writer, in brackets before the headline.
  expect(article.byline).toBe(article.title.startsWith('[Wang Son-taek]') ? 'Wang Son-taek' : null);
  expect(article.title).toBe(expected.title);
  expect(article.sourceName).toBe(expected.source);
  expect(article.text.startsWith(expected.first)).toBe(true);
  expect(article.text.endsWith(expected.last)).toBe(true);
  expect(article.publishedAt?.toISOString()).toBe(expected.publishedAt);
  expect(article.timeBasis).toBe(expected.timeBasis);
  expect(article.publishedText).toBe(expected.publishedText);
  expect(article.excerpt).toBe(expected.excerpt ?? null);
  expect(article.language).toBe('en');
  const paragraphs = article.text.split('\n\n');
  if (expected.paragraphs !== undefined) expect(paragraphs).toHaveLength(expected.paragraphs);
  // The title once: never again inside the body.
  expect(paragraphs).not.toContain(article.title);
  expect(article.text).not.toContain(`${article.title}\n`);
  for (const paragraph of paragraphs) {
    expect(paragraph).toBe(paragraph.trim());
    expect(paragraph.length).toBeGreaterThan(0);
    expect(CLUTTER_PARAGRAPHS.has(paragraph)).toBe(false);
  }
  for (const fragment of CLUTTER_FRAGMENTS) {
    expect(article.text, `"${fragment}" in the body of "${article.title}"`).not.toContain(fragment);
    expect(article.title).not.toContain(fragment);
  }
}

function checkPage(page: ExtractedPage, seed: SeedExpectation) {
  expect(page.kind).toBe('dump');
  expect(1 + page.related.length).toBe(4);
  checkArticle(page.main, seed.main, 'main');
  for (const [i, expected] of seed.related.entries()) checkArticle(page.related[i]!, expected, 'related');
  expect(page.links).toEqual(seed.related.map((r, i) => ({ position: i + 1, title: r.title, sourceName: r.source, url: null, articleIndex: i })));
  for (const line of seed.removed) expect(page.removedLines).toContain(line);
  expect(page.warnings).toEqual([]);
}

describe.skipIf(!haveSeeds)('page dumps: the five seeds', () => {
  for (const seed of seeds) {
    it(`${seed.prefix}: main article, related articles, times for --as-of ${AS_OF.toISOString()}`, () => {
      const page = parsePageDump(seedText(seed.prefix), { referenceTime: AS_OF, fallbackTime: FILE_TIME });
      checkPage(page, seed);
    });
  }

  it('gives the same articles when the five pages are read with the profile of their site', () => {
    const texts = seeds.map((s) => seedText(s.prefix));
    const profile = buildSiteProfile(texts);
    // Lines recurring across the site's pages are its furniture...
    for (const line of ['try our ai features', 'comments', 'no comments yet...', 'related articles', 'logo', 'orange background', 'download the app']) {
      expect(profile.clutterLines).toContain(line);
    }
    // ...but titles, sources and age stamps recur too, and are not.
    expect(profile.clutterLines).not.toContain('korea herald');
    expect(profile.clutterLines.some((l) => l.includes('ago'))).toBe(false);
    expect(profile.sourceNames).toEqual([KH, SCMP]);
    // "Advertisement" stands between sentences on one page only (000): the page's own rule takes it.
    expect(profile.inlineClutter).toEqual([]);
    seeds.forEach((seed, i) => {
      const page = parsePageDump(texts[i]!, { referenceTime: AS_OF, fallbackTime: FILE_TIME, siteProfile: profile });
      checkPage(page, seed);
    });
  });

  it('repairs the lines the page broke at its inline links (000)', () => {
    const { main } = parsePageDump(seedText('000_'), { referenceTime: AS_OF, fallbackTime: FILE_TIME });
    expect(main.text).toContain("larger role in countering China, both of which align with US President Donald Trump's explicit demands of American allies in Asia.");
    expect(main.text).toContain('Since President Lee Jae-myung took office on June 4,');
    expect(main.text).toContain('US Deputy Assistant Secretary of State for China, Japan, South Korea, and Mongolia, on July 10.');
  });

  it('without --as-of, takes the reference time from the dateline of a related item (004)', () => {
    const page = parsePageDump(seedText('004_'), { referenceTime: null, fallbackTime: FILE_TIME });
    // "SINGAPORE, Aug. 12, 2025" (midday UTC taken for the day) and "2 hours ago": saved at 14:00.
    expect(page.related[1]!.publishedAt?.toISOString()).toBe('2025-08-12T12:00:00.000Z');
    expect(page.main.publishedAt?.toISOString()).toBe('2025-08-12T04:00:00.000Z');
    expect(page.related[2]!.publishedAt?.toISOString()).toBe('2025-08-12T11:00:00.000Z');
  });

  it("without --as-of or a dateline, resolves against the file's time (001, 003)", () => {
    const opinion = parsePageDump(seedText('001_'), { referenceTime: null, fallbackTime: FILE_TIME });
    expect(opinion.main.publishedAt?.toISOString()).toBe('2025-12-31T07:00:00.000Z');
    const chiefs = parsePageDump(seedText('003_'), { referenceTime: null, fallbackTime: FILE_TIME });
    expect(chiefs.main.publishedAt?.toISOString()).toBe(FILE_TIME.toISOString());
    expect(chiefs.main.timeBasis).toBe('file');
    expect(chiefs.related[2]!.publishedAt?.toISOString()).toBe('2025-12-31T14:00:00.000Z');
  });
});
