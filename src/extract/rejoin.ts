// Repairs what text dumps do to prose: a sentence broken into several lines wherever the page had
// an inline link ("South Korea and the" / "United States are racing…"), the space left before
// punctuation after a link ("China , both", "Trump' s"), and a headline or standfirst run into
// the first sentence of a body on one line.
import { JOINING_WORDS } from '../text/stopwords.ts';

/** Words a sentence cannot end on: when a line stops on one of them, the next line continues it. */
const CONTINUING_WORDS = new Set([
  ...JOINING_WORDS,
  'onto',
  'over',
  'under',
  'about',
  'against',
  'between',
  'among',
  'through',
  'during',
  'without',
  'within',
  'via',
  'than',
  'that',
  'which',
  'who',
  'whose',
  'whom',
  'its',
  'his',
  'her',
  'their',
  'our',
  'your',
  'my',
  'this',
  'these',
  'those',
  'including',
  'like',
  'near',
  'per',
  'after',
  'before',
  'since',
  'amid',
  'toward',
  'towards',
  'across',
  'if',
  'while',
]);

/** Titles that precede a name: "US President" + a linked "Donald Trump" on the next line. */
const NAME_TITLES = new Set([
  'president',
  'secretary',
  'minister',
  'chairman',
  'chairwoman',
  'governor',
  'gov.',
  'gen.',
  'adm.',
  'rep.',
  'sen.',
  'mr.',
  'mrs.',
  'ms.',
  'dr.',
  'prof.',
  'premier',
  'chancellor',
  'ambassador',
  'leader',
  'king',
  'queen',
  'prince',
  'pope',
  'mayor',
  'ceo',
  'spokesperson',
  'spokesman',
  'spokeswoman',
  'director',
  'commissioner',
  'envoy',
]);

const TERMINAL = /[.!?…:;]["'”’)\]]*$/;

function lastWord(line: string): string {
  const words = line.trim().split(/\s+/);
  return words[words.length - 1] ?? '';
}

/** A link's text followed by the detached punctuation the dump left after it: "China , both". */
const LINK_ARTIFACT = /^[A-Z][\p{L}\d.'’-]*(?: [A-Z][\p{L}\d.'’-]*){0,4}(?: [,.;:](?:\s|$)|['’] s\b)/u;

/** Whether `next` continues the sentence `line` left unfinished. */
export function continuesSentence(line: string, next: string): boolean {
  // Only the end of the line and the start of the next matter; joined lines can grow long.
  const current = line.slice(-200).trim();
  const following = next.slice(0, 200).trim();
  if (current.length === 0 || following.length === 0) return false;
  if (TERMINAL.test(current)) return false;
  if (current.endsWith(',')) return true;
  const word = lastWord(current);
  if (CONTINUING_WORDS.has(word.toLowerCase()) && word === word.toLowerCase()) return true;
  if (NAME_TITLES.has(word.toLowerCase()) && /^[A-Z]/.test(following)) return true;
  if (LINK_ARTIFACT.test(following)) return true;
  // A sentence never starts in lower case: the line before must be its beginning.
  return /^[a-z]/.test(following);
}

/** Removes the spaces a dump leaves between a link's text and the punctuation after it. */
export function fixLinkArtifacts(text: string): string {
  return text
    .replace(/(\S) +([,.;:])(?=\s|$)/g, (whole, before: string, mark: string) =>
      // Keep spaced punctuation that is not a link artifact, such as a dash or an ellipsis run.
      /[.,;:]/.test(before) ? whole : `${before}${mark}`,
    )
    .replace(/(\p{L})(['’]) s\b/gu, '$1$2s')
    .replace(/ {2,}/g, ' ');
}

const MAX_SKIPPED = 6;

export interface JoinedLine {
  text: string;
  /** Index of the first dump line in it, and how many dump lines it joins. */
  index: number;
  parts: number;
  /** A line stepped over while joining the lines around it (an embedded player's leftovers). */
  skipped?: boolean;
}

/**
 * Joins the lines of one sentence. `joinable(i)` says whether line i may take part (structural
 * lines such as a source or an age stamp never do); `skippable(i)` marks furniture that may sit
 * inside a broken sentence (a video's duration and headline between "The" and "Pacific Union").
 * Blank lines are never crossed. Skipped lines are returned as units of their own.
 */
export function rejoinLines(lines: readonly string[], joinable: (index: number) => boolean = () => true, skippable: (index: number) => boolean = () => false): JoinedLine[] {
  const out: JoinedLine[] = [];
  let i = 0;
  while (i < lines.length) {
    const unit: JoinedLine = { text: lines[i]!, index: i, parts: 1 };
    out.push(unit);
    const pieces = [lines[i]!.trim()];
    let last = i;
    while (joinable(i)) {
      let j = last + 1;
      const skipped: number[] = [];
      // An embedded player leaves a few lines; furniture itself never reaches over furniture.
      if (!skippable(i)) while (j < lines.length && skipped.length < MAX_SKIPPED && skippable(j)) skipped.push(j++);
      // Whether the sentence goes on depends only on the last line joined so far.
      if (j >= lines.length || !joinable(j) || !continuesSentence(lines[last]!, lines[j]!)) break;
      for (const k of skipped) out.push({ text: lines[k]!, index: k, parts: 1, skipped: true });
      pieces.push(lines[j]!.trim());
      last = j;
    }
    if (pieces.length > 1) {
      unit.text = pieces.join(' ');
      unit.parts = pieces.length;
    }
    i = last + 1;
  }
  for (const unit of out) unit.text = fixLinkArtifacts(unit.text);
  return out;
}

const ARTICLES = new Set(['a', 'an', 'the']);
const MONTHS_AND_DAYS =
  /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/;
const IRREGULAR_PAST = new Set(['met', 'said', 'held', 'took', 'made', 'went', 'saw', 'told', 'gave', 'led', 'won', 'came', 'left', 'sent', 'paid', 'sold', 'bought', 'began', 'became', 'brought', 'found', 'kept', 'got']);

/**
 * Finds a headline or standfirst run into the first sentence of a body:
 * "…possible cut within months Fueled by a rally…" → ["…possible cut within months", "Fueled by…"].
 * Headlines drop articles and use the present tense, and end on a content word; the body's
 * sentence then starts with a capital. Only the stretch before the first article is searched.
 */
export function splitLeadingHeadline(paragraph: string): { headline: string; rest: string } | null {
  // A headline is short: the first few hundred characters are enough to look at.
  const tokens = paragraph.slice(0, 600).split(' ');
  let best = -1;
  for (let i = 1; i < tokens.length; i++) {
    const before = tokens[i - 1]!;
    const token = tokens[i]!;
    if (ARTICLES.has(before.toLowerCase()) || /[.!?]["'”’]?$/.test(before)) break;
    // A past-tense verb means the words so far are already a sentence, not a headline.
    if (IRREGULAR_PAST.has(before) || /^[a-z]{3,}ed$/.test(before)) break;
    if (!/^[a-z\d][\p{L}\d%-]*$/u.test(before)) continue;
    if (CONTINUING_WORDS.has(before) || NAME_TITLES.has(before)) continue;
    if (!/^[A-Z][a-z]/.test(token) || MONTHS_AND_DAYS.test(token)) continue;
    best = i;
  }
  if (best < 6) return null;
  const headline = tokens.slice(0, best).join(' ');
  const rest = paragraph.slice(headline.length + 1);
  if (rest.split(' ').length < 8) return null;
  return { headline, rest };
}
