// Questions over a story: BM25 over the story's sentences, then a check that the best sentence holds
// the kind of thing asked for (a date for "when", a figure for "what rate" or "how much", the speaker
// for 'who said "…"'). The answer is the best few sentences, each cited once (wire copies of one
// sentence fold into it), or "I don't know" when no sentence carries enough of the question and
// what it asks for.
import { splitSentences } from '../text/sentences.ts';
import { terms } from '../text/tokenise.ts';
import type { StoryArticleText, SummarySentence } from './summary.ts';

export interface Answer {
  /** False when nothing relevant was found: the answer is then "I don't know". */
  found: boolean;
  text: string;
  /** What the question asks for, as read from its wording. */
  expects: AnswerKind;
  sentences: (SummarySentence & { score: number; alsoIn: number[] })[];
}

export type AnswerKind = 'date' | 'figure' | 'speaker' | 'any';

export const NO_ANSWER = "I don't know: the story's articles say nothing that answers this.";

const K1 = 1.2;
const B = 0.75;
// Share of the question's weight (by IDF) the best sentence must carry to count as an answer.
const MIN_COVERAGE = 0.4;
// A question word found elsewhere in the sentence's article (the summit named in the paragraph
// above, the minister in the headline) counts for this much of its weight.
const ARTICLE_CONTEXT = 0.35;
// Sentences sharing this much of their terms are one sentence told twice (wire copies).
const SAME_SENTENCE = 0.6;

// A question's word and the words a news sentence uses for it ("meet" and "summit").
const SAME_MEANING: Record<string, string[]> = {
  meet: ['summit', 'talk'],
  summit: ['meet'],
  deadline: ['by', 'until'],
  spend: ['spending', 'budget'],
  pledg: ['promis', 'commit', 'rais'],
  leader: ['president'],
};

// Words that shape a question without saying what it is about.
const QUESTION_WORDS = new Set(['get', 'got', 'make', 'happen', 'take', 'place', 'which', 'whom', 'exactly', 'much', 'many']);

const MONTH = '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';
const DAY_DATE = new RegExp(
  String.raw`\b${MONTH}\.?\s+\d{1,2}(?:st|nd|rd|th)?\b|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?${MONTH}\b|\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|\b(?:first|last|end) of ${MONTH}\b|\b(?:yesterday|tomorrow|today)\b`,
);
const VAGUE_DATE = new RegExp(String.raw`\b${MONTH}\b|\b(?:19|20)\d\d\b|\b(?:this|next|last|later this|earlier this)\s+(?:week|month|year)\b`);
const PERCENT = /\d(?:[\d,.]*\d)?\s?(?:%|percent\b|per cent\b|percentage points?\b)/i;
const AMOUNT = /(?:[$€£¥₩]|US\$|C\$)\s?\d|\d(?:[\d,.]*\d)?\s?(?:%|percent\b|per cent\b|million\b|billion\b|trillion\b|won\b|yen\b|dollars\b|euros\b)|\b\d{1,3}(?:,\d{3})+\b|\b\d+(?:\.\d+)?\b/i;

export interface QuestionShape {
  kind: AnswerKind;
  /** For 'who said "…"': the quoted words. */
  quoted: string | null;
  /** A rate or share is asked for: the answer holds a percentage. */
  percent: boolean;
  /**
   * The measure a rate question names (tariff, levy, duty, rate): a percentage in a sentence that
   * names none of them (a pledge worth 17% of output, asked for a tariff rate) answers only vaguely.
   */
  measures?: RegExp;
}

/** A measure word and the forms a sentence may give it in. */
const MEASURE_FORMS: Record<string, string> = { tariff: 'tariffs?', levy: 'lev(?:y|ies)', duty: 'dut(?:y|ies)', rate: 'rates?' };

/** What a question asks for, from its wording. */
export function questionShape(question: string): QuestionShape {
  const q = question.trim();
  const quotedMatch = /["“'‘]([^"”'’]{8,})["”'’]/.exec(q);
  if (/^\s*who\b/i.test(q) && quotedMatch) return { kind: 'speaker', quoted: quotedMatch[1]!, percent: false };
  if (/^\s*(?:when|by when|until when|on what (?:date|day))\b|\bwhat (?:date|day)\b|\bdeadline\b/i.test(q)) return { kind: 'date', quoted: null, percent: false };
  const percent = /\b(?:rate|percent(?:age)?|per cent|share|tariff|levy|duty|% of)\b/i.test(q) && /^\s*(?:what|how|which)\b/i.test(q);
  if (percent || /\bhow (?:much|many|high|large|big|far)\b|\bwhat (?:amount|figure|level|number|share|rate)\b|\bpledge|\btarget\b/i.test(q)) {
    const named = [...q.matchAll(/\b(tariff|levy|duty|rate)\b/gi)].map((m) => MEASURE_FORMS[m[1]!.toLowerCase()]!);
    return { kind: 'figure', quoted: null, percent, ...(percent && named.length ? { measures: new RegExp(`\\b(?:${named.join('|')})\\b`, 'i') } : {}) };
  }
  return { kind: 'any', quoted: null, percent: false };
}

/** How well a sentence holds what the question asks for: 1 fully, 0.5 vaguely, 0 not at all. */
function holdsAnswer(shape: QuestionShape, sentence: string): number {
  switch (shape.kind) {
    case 'date':
      return DAY_DATE.test(sentence) ? 1 : VAGUE_DATE.test(sentence) ? 0.5 : 0;
    case 'figure':
      if (shape.percent) return PERCENT.test(sentence) ? (!shape.measures || shape.measures.test(sentence) ? 1 : 0.5) : 0;
      return AMOUNT.test(sentence) ? 1 : 0;
    case 'speaker':
      return 1;
    default:
      return 1;
  }
}

/** Shared terms over the larger set: a short sentence inside a long one is not a copy of it. */
function sameSentence(a: Set<string>, b: Set<string>): boolean {
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / Math.max(a.size, b.size) >= SAME_SENTENCE;
}

const normal = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

interface Doc {
  a: StoryArticleText;
  index: number;
  text: string;
  set: Set<string>;
  tf: Map<string, number>;
  length: number;
  alsoIn: number[];
}

/** A person known beyond this story (from the store's entities) with the titles the corpus gives them. */
export interface KnownPerson {
  name: string;
  roles: string[];
}

export function answerQuestion(articles: StoryArticleText[], question: string, maxSentences = 3, people: KnownPerson[] = []): Answer {
  const shape = questionShape(question);
  const none = (): Answer => ({ found: false, text: NO_ANSWER, expects: shape.kind, sentences: [] });
  const queryTerms = [
    ...new Set(
      terms(question)
        .filter((t) => !QUESTION_WORDS.has(t))
        .flatMap((t) => [t, ...(SAME_MEANING[t] ?? [])]),
    ),
  ];
  // Names in the question (South Korea, Lee) say whose rate or meeting is asked about: they weigh
  // double, so a sentence about another country's rate does not win on the other words.
  const named = new Set(terms((question.match(/(?<!^|[.?!]\s)\b\p{Lu}[\p{L}-]*/gu) ?? []).join(' ')));
  const docs: Doc[] = [];
  const articleTerms = new Map<number, Set<string>>();
  // A question that holds an article's whole headline ("What happened: <headline>?") asks what that
  // article reports: its headline's words count in full for each of its sentences.
  const asked = new Set(terms(question));
  const headlined = new Map<number, Set<string>>();
  for (const a of articles) {
    articleTerms.set(a.articleId, new Set(terms(`${a.title} ${a.text}`)));
    const headline = new Set(terms(a.title));
    if (headline.size >= 3 && [...headline].every((t) => asked.has(t))) headlined.set(a.articleId, headline);
    for (const s of splitSentences(`${a.text}`)) {
      // Fragments ("Japan gets certainty.") match a question's words without answering it.
      if (s.text.split(/\s+/).length < 6) continue;
      const ts = terms(s.text);
      const set = new Set(ts);
      // Wire copies repeat a sentence with a word changed: rank it once, remember where else it ran.
      const copy = docs.find((d) => sameSentence(d.set, set));
      if (copy) {
        if (copy.a.articleId !== a.articleId && !copy.alsoIn.includes(a.articleId)) copy.alsoIn.push(a.articleId);
        continue;
      }
      const tf = new Map<string, number>();
      for (const t of ts) tf.set(t, (tf.get(t) ?? 0) + 1);
      docs.push({ a, index: s.index, text: s.text, set, tf, length: ts.length, alsoIn: [] });
    }
  }
  if (!docs.length) return none();
  if (shape.kind === 'speaker') return answerSpeaker(docs, shape.quoted!, shape) ?? none();
  if (!queryTerms.length) return none();
  const titles = titleTerms([...named], articles, people);
  // What is asked about beyond whose it is: the question's other words ("meet" in "When will Lee and
  // Trump meet?", "defence" and "spend" in "How much will South Korea spend on defence?"), each with
  // the words a news sentence uses for it. A sentence naming only the people or country asked about
  // ("Since President Lee took office on June 4") answers something else.
  const topic = [...new Set(terms(question))].filter((t) => !named.has(t) && !QUESTION_WORDS.has(t)).map((t) => [t, ...(SAME_MEANING[t] ?? [])]);
  const avgLength = docs.reduce((sum, d) => sum + d.length, 0) / docs.length;
  const idf = new Map<string, number>();
  let totalIdf = 0;
  for (const t of queryTerms) {
    const df = docs.filter((d) => d.tf.has(t)).length;
    const synonym = !terms(question).includes(t);
    idf.set(t, Math.log(1 + (docs.length - df + 0.5) / (df + 0.5)) * (named.has(t) ? 2 : 1) * (synonym ? 0.5 : 1));
    if (!synonym) totalIdf += idf.get(t)!;
  }
  const scored = docs
    .map((d) => {
      let score = 0;
      let covered = 0;
      const context = articleTerms.get(d.a.articleId)!;
      for (const t of queryTerms) {
        // "the presidents of the United States and South Korea" are Trump and Lee.
        const f = d.tf.get(t) ?? (titles.get(t)?.some((set) => [...set].every((w) => d.set.has(w))) ? 1 : 0);
        if (!f) {
          if (context.has(t)) covered += idf.get(t)! * (headlined.get(d.a.articleId)?.has(t) ? 1 : ARTICLE_CONTEXT);
          continue;
        }
        covered += idf.get(t)!;
        score += (idf.get(t)! * f * (K1 + 1)) / (f + K1 * (1 - B + (B * d.length) / avgLength));
      }
      const coverage = totalIdf ? covered / totalIdf : 0;
      const onTopic = !topic.length || headlined.has(d.a.articleId) || topic.some((forms) => forms.some((t) => d.set.has(t)));
      const holds = onTopic ? holdsAnswer(shape, d.text) : 0;
      // A sentence carrying more of the question, and what it asks for, ranks above one
      // repeating a single word of it.
      return { d, score: score * (0.5 + coverage) * (0.25 + holds), coverage, holds };
    })
    .filter((x) => x.score > 0 && x.coverage >= MIN_COVERAGE && x.holds > 0)
    .sort((x, y) => y.score - x.score);
  // Asked "when", a sentence with the day close behind one saying only "later this month" answers better.
  const precise = scored.findIndex((x) => x.holds === 1);
  if (precise > 0 && scored[precise]!.score >= scored[0]!.score * 0.5) scored.unshift(...scored.splice(precise, 1));
  const best = scored[0];
  if (!best) return none();
  const chosen = scored.filter((x) => x === best || x.score >= best.score * 0.5).slice(0, maxSentences);
  const sentences = chosen.map((x) => ({
    text: x.d.text,
    articleId: x.d.a.articleId,
    sourceName: x.d.a.sourceName,
    sentenceIndex: x.d.index,
    score: Number(x.score.toFixed(3)),
    alsoIn: x.d.alsoIn,
  }));
  return { found: true, text: cite(sentences), expects: shape.kind, sentences };
}

const ROLE = /^(?:president|minister|secretary|chancellor|premier|governor|chairman|chair|ceo|adviser|advisor|ambassador|envoy|representative|negotiator|chief|spokesman|spokeswoman|mayor|king|queen)$/i;

/**
 * The titles the story gives a person the question names ("South Korean President" before "Lee
 * Jae Myung"), as term sets without the demonym's ending: a sentence holding one names the person.
 */
function titleTerms(named: string[], articles: StoryArticleText[], people: KnownPerson[]): Map<string, Set<string>[]> {
  const out = new Map<string, Set<string>[]>();
  if (!named.length) return out;
  const add = (t: string, title: string[]) => {
    const set = new Set(terms(title.map((w) => w.replace(/(?<=\p{L}{3})(?:n|ese|ian)$/u, '')).join(' ')));
    const sets = out.get(t) ?? [];
    if (set.size && !sets.some((x) => [...x].join() === [...set].join())) sets.push(set);
    out.set(t, sets);
  };
  // Titles other articles gave the person ("US President" for Trump), when the story names none.
  for (const person of people) {
    const personTerms = terms(person.name);
    for (const t of named) {
      if (!personTerms.includes(t)) continue;
      for (const role of person.roles) {
        const words = role.trim().split(/\s+/);
        if (words.length <= 4 && ROLE.test(words[words.length - 1]!)) add(t, words);
      }
    }
  }
  for (const a of articles) {
    for (const m of a.text.matchAll(/((?:\p{Lu}[\p{L}.]*\s){1,3})(\p{Lu}[\p{L}-]+(?:\s\p{Lu}[\p{L}-]+){0,2})/gu)) {
      const title = m[1]!.trim().split(/\s+/);
      if (!ROLE.test(title[title.length - 1]!)) continue;
      const person = terms(m[2]!);
      for (const t of named) if (person.includes(t)) add(t, title);
    }
  }
  return out;
}

function cite(sentences: { text: string }[]): string {
  return sentences.map((s, i) => `${s.text} [${i + 1}]`).join(' ');
}

/** 'Who said "…"': the sentence that holds the quoted words, then the ones around it naming who. */
function answerSpeaker(docs: Doc[], quoted: string, shape: QuestionShape): Answer | null {
  const words = normal(quoted);
  if (!words) return null;
  const at = docs.findIndex((d) => normal(d.text).includes(words));
  if (at < 0) return null;
  const hit = docs[at]!;
  // A quote whose sentence names no one ("…," she said.) is attributed in the sentence before it.
  const names = (s: string) => /\b\p{Lu}\p{Ll}+\b/u.test(s.replace(/["“][^"”]*["”]/g, '').replace(/^\W*\p{Lu}/u, ''));
  const chosen = [hit];
  const previous = docs[at - 1];
  if (!names(hit.text) && previous && previous.a.articleId === hit.a.articleId) chosen.unshift(previous);
  const sentences = chosen.map((d) => ({
    text: d.text,
    articleId: d.a.articleId,
    sourceName: d.a.sourceName,
    sentenceIndex: d.index,
    score: 1,
    alsoIn: d.alsoIn,
  }));
  return { found: true, text: cite(sentences), expects: shape.kind, sentences };
}
