// Finds where a headline printed on the same line as its article's first sentence ends, by what
// headlines look like rather than by any page's wording: a headline is a few words with no closing
// period that do not end on a small word; the body then opens like a sentence — with a dateline
// ("SEOUL, Aug. 12 —"), a byline ("By Name"), a word that opens sentences ("The", "When"), a name
// title ("Rep."), or the name the headline was about ("Northgate Public Library … Northgate Public
// Library will"), and its capitalised opening run is short. A headline printed elsewhere on the
// page decides outright. Works for sentence case and Title Case headlines alike.
import { JOINING_WORDS } from '../text/stopwords.ts';

/** Words a headline does not end on (and Title Case leaves in lower case). */
const SMALL_WORDS = new Set([...JOINING_WORDS, 'via', 'vs', 'der', 'die', 'das', 'und', 'le', 'la', 'les', 'et', 'el', 'los', 'las', 'y', 'de', 'del', 'des', 'du', 'il', 'di', 'e']);

/** Capitalised, these usually open a sentence rather than continue a headline. */
const SENTENCE_OPENERS = new Set([
  'the',
  'a',
  'an',
  'in',
  'on',
  'at',
  'after',
  'as',
  'when',
  'while',
  'this',
  'these',
  'that',
  'those',
  'it',
  'he',
  'she',
  'they',
  'we',
  'i',
  'for',
  'from',
  'with',
  'by',
  'more',
  'some',
  'about',
  'since',
  'until',
  'if',
  'although',
  'there',
  'during',
  'its',
  'his',
  'her',
  'their',
  'our',
  'last',
  'earlier',
  'two',
  'three',
  'four',
  'several',
  'many',
  'most',
  'one',
  'nearly',
  'almost',
  'every',
  'each',
  'all',
  'no',
  'what',
  'how',
  'why',
  'now',
  'today',
  'yesterday',
  'but',
  'so',
  'yet',
  'once',
  'despite',
  'according',
  'even',
  'just',
  'only',
  'der',
  'die',
  'das',
  'ein',
  'eine',
  'le',
  'la',
  'les',
  'un',
  'une',
  'el',
  'los',
  'las',
]);

/** Titles that open a name: "Rep. Anthony Weiner said…". */
const NAME_TITLES = /^(?:Rep|Sen|Gov|Gen|Adm|Lt|Col|Capt|Sgt|Mr|Mrs|Ms|Dr|Prof|Rev|St)\.$|^(?:President|Prime|Secretary|Minister|Chancellor|Mayor|Judge|Senator|Governor|Representative)$/;

// An upper-case place, an optional region, then a comma, a dash or a bracketed agency:
// "DANVILLE, Ky. —", "SANDHAVEN, British Columbia, July 14 (Wire) —", "SEOUL —", "LONDON (Reuters) -".
const DATELINE = /^[\p{Lu}][\p{Lu}'’.-]{2,}(?: [\p{Lu}][\p{Lu}'’.-]+)*(?:,| [—–-] | \()/u;
const DAYS_AND_MONTHS = /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?$/;
const BYLINE = /^By \p{Lu}[\p{L}'’.-]+ \p{Lu}/u;

const startsUpper = (token: string): boolean => /^["'“‘(]?[\p{Lu}\d]/u.test(token);
const bare = (token: string): string => token.replace(/^["'“‘(]+|["'”’),:;]+$/g, '');

/** A lower-case word of running text, not a small word Title Case leaves small. */
function isRunningWord(token: string): boolean {
  const word = bare(token);
  return /^\p{Ll}/u.test(word) && !SMALL_WORDS.has(word.toLowerCase());
}

/** The end of a sentence of running text ("deal."), as opposed to an abbreviation ("Aug.", "S."). */
const SENTENCE_END = /^\p{Ll}{3,}[.!?]["'”’)]*$/u;

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export interface HeadlineSplit {
  headline: string;
  rest: string;
}

/**
 * Splits `line` into the headline and the first sentence it was glued to, or returns null when no
 * place looks like one. `pageHeadlines` holds the page's other short lines, normalised (see
 * `normaliseHeadline`): a front part printed elsewhere on the page is the headline.
 */
export function splitGluedHeadline(line: string, pageHeadlines: ReadonlySet<string> = new Set()): HeadlineSplit | null {
  const tokens = line.slice(0, 400).split(' ').filter(Boolean);
  const limit = Math.min(tokens.length - 6, 30);
  let best: { at: number; score: number } | null = null;
  for (let at = 2; at <= limit; at++) {
    const last = tokens[at - 1]!;
    const first = tokens[at]!;
    // The headline part: no sentence ended inside it, no closing period, no small word or comma at its end.
    if (SENTENCE_END.test(tokens[at - 1]!) || tokens.slice(0, at - 1).some((t) => SENTENCE_END.test(t))) break;
    // "[Name]" and "Label:" open a headline; they never end one.
    if (/[.,;:—–\]-]$/.test(last) || SMALL_WORDS.has(bare(last).toLowerCase()) || !startsUpper(first)) continue;
    const left = tokens.slice(0, at).join(' ');
    const rest = tokens.slice(at).join(' ') + line.slice(400);
    if (pageHeadlines.has(normalise(left))) return { headline: left, rest: line.slice(left.length + 1) };
    const score = scoreSplit(tokens, at, rest);
    if (!best || score > best.score) best = { at, score };
  }
  if (!best) return null;
  const headline = tokens.slice(0, best.at).join(' ');
  return { headline, rest: line.slice(headline.length + 1) };
}

/** How much the body at `at` looks like the opening of a sentence after a headline. */
function scoreSplit(tokens: string[], at: number, rest: string): number {
  if (DATELINE.test(rest) || BYLINE.test(rest)) return 20 - at / 100;
  // The capitalised run the sentence opens with, up to its first word of running text.
  let end = at;
  while (end < tokens.length && !isRunningWord(tokens[end]!)) end++;
  const run = tokens.slice(at, end).filter((t) => startsUpper(t));
  let score = -run.length;
  const opener = bare(tokens[at]!);
  if (SENTENCE_OPENERS.has(opener.toLowerCase())) score += 3;
  if (NAME_TITLES.test(opener)) score += 3;
  // Never inside a titled name: "Rep. Anthony | Weiner said" splits before "Rep.".
  if ([tokens[at - 1], tokens[at - 2]].some((t) => t !== undefined && NAME_TITLES.test(t))) score -= 6;
  // A day or month continues a sentence ("late Thursday") far more often than it opens one.
  if (DAYS_AND_MONTHS.test(opener)) score -= 2;
  // The sentence opens on the name the headline was about.
  const before = ` ${normalise(tokens.slice(0, at).join(' '))} `;
  let repeated = 0;
  for (let n = 1; n <= run.length; n++) {
    if (!before.includes(` ${normalise(run.slice(0, n).join(' '))} `)) break;
    repeated = n;
  }
  if (repeated > 0) score += 2 + 2 * repeated;
  // Sentence case: the headline's last word is lower case and the sentence's first is not.
  if (/^\p{Ll}/u.test(bare(tokens[at - 1]!))) score += 1;
  // Headlines, in either case, leave articles small: "The" inside the front part opened a sentence.
  // (after a label — "Editorial:", "[Name]" — the headline itself starts).
  if (tokens.slice(1, at).some((t, i) => /^(?:The|A|An)$/.test(t) && !/[:\]]$/.test(tokens[i]!))) score -= 4;
  // A Title Case headline stays in Title Case: lower-case running words after it are the sentence.
  const content = tokens.slice(0, at).filter((t) => !SMALL_WORDS.has(bare(t).toLowerCase()));
  if (content.length >= 5 && content.slice(0, 4).every(startsUpper) && content.some(isRunningWord)) score -= 4;
  // Headlines are short; a front part past fifteen words has run into the sentence.
  if (at > 15) score -= (at - 15) / 2;
  return score;
}

/** How a page's short lines are kept for `splitGluedHeadline`. */
export function normaliseHeadline(line: string): string {
  return normalise(line);
}
