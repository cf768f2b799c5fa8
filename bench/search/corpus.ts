// Generated news-like articles for the search benchmark: a Zipf-distributed English news
// vocabulary with planted phrases, named places and people, 50 sources over two years, and a
// share of Chinese, Japanese and Korean articles. Deterministic: article i is always the same.
import { seededRandom as rng } from '../../src/text/random.ts';

// The same seed gives the same corpus on every run and engine.
export { rng };

// Function words head a real frequency list (about 45% of the words of news text) and the index
// drops them, as PostgreSQL's English configuration does; leaving them out would push their
// share onto the content words and make every word of the list far more common than in news.
const FUNCTION_WORDS = `the of and to a in that is for on it with was as at by he from his be have are an this were which
has or had not but they their its been who will more would about there after than them into out up when one all also
can other what if her our some over no so only just we she these while most`
  .split(/\s+/)
  .filter(Boolean);

// Everyday news words, most frequent first (our own list); the tail is made of syllables so that
// rare terms exist, as in a real corpus.
const COMMON = `said year government people new also would percent could first minister two last state
week officials president market time police country city company report told since month says
million according three billion trade economy public deal workers talks policy prices between
world national party court including bank since local news election support security health
after announced expected during spokesperson agency statement plan business leaders growth
tariffs tariff strike port union vote rates inflation energy oil gas climate storm flood fire
military defence alliance summit ministers exports imports steel cars electronics shipping
farmers food water schools hospital patients doctors housing rent jobs unemployment wages
budget taxes spending debt investors shares stocks currency central interest lending banks
protest protesters rally march crowd arrests charges trial judge ruling appeal lawsuit
technology software data privacy chips factory plant production supply chain shortage demand
transport rail airport flights airline passengers ferry bridge road traffic accident crash
president premier mayor governor senator council committee parliament congress opposition
campaign candidate poll voters turnout results coalition reform law bill measure proposal
border migrants refugees asylum aid relief disaster earthquake drought heat wildfire rescue
research scientists study university students teachers exam museum festival film music
football match season team coach players championship league final injury record victory`
  .split(/\s+/)
  .filter(Boolean);

export const PLACES = ['Seoul', 'Tokyo', 'Beijing', 'Washington', 'Brussels', 'Berlin', 'Ottawa', 'Canberra', 'Delhi', 'Jakarta', 'Lagos', 'Nairobi', 'Brasilia', 'Mexico City', 'Kestrel Bay', 'Port Alder', 'Voss', 'Marrow Falls'];
export const PEOPLE = ['Kim Myung-soo', 'Anna Lindqvist', 'Rafael Ortega', 'Mei Tanaka', 'Oluwaseun Adeyemi', 'Priya Raman', 'Jonas Becker', 'Claire Dubois', 'Tomás Silva', 'Hana Novak'];
export const PHRASES = [
  'trade deal',
  'interest rates',
  'port strike',
  'central bank',
  'steel tariffs',
  'climate summit',
  'housing crisis',
  'supply chain',
  'peace talks',
  'election campaign',
  'wage deal',
  'flood warning',
  'rail strike',
  'chip factory',
  'oil prices',
];

const SYLLABLES = ['ka', 'lo', 'mer', 'dan', 'vi', 'tor', 'sen', 'ra', 'bel', 'quin', 'ost', 'har', 'lum', 'pe', 'gra', 'zu', 'nor', 'fel', 'tis', 'mon'];
const TAIL_SIZE = 20_000;

/** The content vocabulary by rank: common words, then 20,000 rarer made-up terms. */
export const VOCABULARY: string[] = [...COMMON];
{
  const r = rng(7);
  const seen = new Set(VOCABULARY);
  while (VOCABULARY.length < COMMON.length + TAIL_SIZE) {
    const n = 2 + Math.floor(r() * 3);
    let word = '';
    for (let i = 0; i < n; i++) word += SYLLABLES[Math.floor(r() * SYLLABLES.length)];
    if (!seen.has(word)) {
      seen.add(word);
      VOCABULARY.push(word);
    }
  }
}

// Zipf with s≈1 over function words then content words: the rank's probability falls as 1/rank.
// Sampled by inverting a table of cumulative weights.
const RANKED = [...FUNCTION_WORDS, ...VOCABULARY];
const CUMULATIVE: number[] = [];
{
  let total = 0;
  for (let rank = 1; rank <= RANKED.length; rank++) CUMULATIVE.push((total += 1 / rank));
}
export function zipfWord(r: () => number): string {
  const target = r() * CUMULATIVE[CUMULATIVE.length - 1]!;
  let lo = 0;
  let hi = CUMULATIVE.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (CUMULATIVE[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return RANKED[lo]!;
}

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;

export const SOURCES = Array.from({ length: 50 }, (_, i) => `Bench Source ${String(i + 1).padStart(2, '0')}`);

// Characters common in news for each script; runs of them make CJK "words" bigrams can find.
const HAN = '政府关税钢铁进口出口经济贸易协议市场银行利率通胀能源石油天然气气候风暴洪水军事国防联盟峰会部长汽车电子航运农民食品学校医院住房工作预算税收投资股票货币';
const KANA_KANJI = '日本政府関税鉄鋼輸入輸出経済貿易協定市場銀行金利物価エネルギー石油ガス気候台風洪水防衛同盟首脳会談大臣自動車電子機器海運農家食品学校病院住宅雇用予算';
const HANGUL = [
  '정부',
  '관세',
  '철강',
  '수입',
  '수출',
  '경제',
  '무역',
  '협정',
  '시장',
  '은행',
  '금리',
  '물가',
  '에너지',
  '석유',
  '기후',
  '태풍',
  '홍수',
  '국방',
  '동맹',
  '정상회담',
  '장관',
  '자동차',
  '전자',
  '해운',
  '농민',
  '학교',
  '병원',
  '주택',
  '고용',
  '예산',
];

function cjkSentence(r: () => number, language: 'zh' | 'ja' | 'ko'): string {
  if (language === 'ko') {
    return Array.from({ length: 6 + Math.floor(r() * 8) }, () => pick(r, HANGUL) + pick(r, ['', '의', '은', '는', '을', '이', '에서'])).join(' ') + '.';
  }
  const pool = language === 'zh' ? HAN : KANA_KANJI;
  let out = '';
  const n = 20 + Math.floor(r() * 40);
  for (let i = 0; i < n; i++) out += pool[Math.floor(r() * pool.length)];
  return out + (language === 'zh' ? '。' : '。');
}

function englishSentence(r: () => number): string {
  const words: string[] = [];
  const n = 8 + Math.floor(r() * 16);
  for (let i = 0; i < n; i++) {
    const roll = r();
    if (roll < 0.02) words.push(pick(r, PLACES));
    else if (roll < 0.03) words.push(pick(r, PEOPLE));
    else if (roll < 0.036) words.push(pick(r, PHRASES));
    else words.push(zipfWord(r));
  }
  const sentence = words.join(' ');
  return sentence[0]!.toUpperCase() + sentence.slice(1) + '.';
}

export interface BenchArticle {
  sourceIndex: number;
  title: string;
  text: string;
  language: string;
  publishedAt: Date;
}

const START = Date.UTC(2024, 0, 1);
const SPAN = Date.UTC(2026, 0, 1) - START;

export function benchArticle(i: number): BenchArticle {
  const r = rng(1_000_003 * (i + 1));
  const roll = r();
  const language = roll < 0.015 ? 'zh' : roll < 0.025 ? 'ja' : roll < 0.035 ? 'ko' : 'en';
  const sourceIndex = Math.min(SOURCES.length - 1, Math.floor(r() ** 1.6 * SOURCES.length));
  const publishedAt = new Date(START + Math.floor((r() * SPAN) / 60_000) * 60_000);
  if (language !== 'en') {
    const sentences = Array.from({ length: 4 + Math.floor(r() * 8) }, () => cjkSentence(r, language));
    return { sourceIndex, title: cjkSentence(r, language).slice(0, 30), text: sentences.join('\n\n'), language, publishedAt };
  }
  const title = englishSentence(r)
    .replace(/\.$/, '')
    .split(' ')
    .slice(0, 6 + Math.floor(r() * 6))
    .join(' ');
  const paragraphs: string[] = [];
  const paragraphCount = 3 + Math.floor(r() * 5);
  for (let p = 0; p < paragraphCount; p++) {
    paragraphs.push(Array.from({ length: 2 + Math.floor(r() * 3) }, () => englishSentence(r)).join(' '));
  }
  return { sourceIndex, title, text: paragraphs.join('\n\n'), language, publishedAt };
}

export { pick, HANGUL, HAN, KANA_KANJI };
