// What the tagger sees at each token: the word, its shape and affixes, its neighbours, what the
// rest of the document does with the same word, and our gazetteers (places, titles,
// organisation words) as evidence rather than verdicts. One function for training and tagging,
// so the model is always asked about the features it was trained on.
import { PLACE_FORMS } from '../gazetteer.ts';
import { KNOWN_ACRONYMS, KNOWN_ORGS, NOT_NAME_WORDS, ORG_HEADS, PLACE_HEADS, ROLE_NOUNS, TITLE_PATTERN } from '../patterns.ts';
import { lexiconClasses } from './lexicon.ts';
import { tokenise } from './tokens.ts';

/** "Kim" → "Xx", "U.S." → "X.X.", "1,362" → "d,d", "Jae-myung" → "Xx-x": runs collapsed. */
export function shape(word: string): string {
  let out = '';
  let last = '';
  for (const ch of word) {
    const c = /\p{Lu}/u.test(ch) ? 'X' : /\p{Ll}/u.test(ch) ? 'x' : /\p{N}/u.test(ch) ? 'd' : ch;
    if (c !== last) out += c;
    last = c;
    if (out.length >= 6) break;
  }
  return out;
}

const TITLE_WORDS = new Set((TITLE_PATTERN.match(/\p{Lu}[\p{L}-]+\.?/gu) ?? []).filter((w) => !NOT_NAME_WORDS.has(w)));
const ROLE_WORDS = new Set([...ROLE_NOUNS].map((w) => w.toLowerCase()));

// Place forms as token sequences, indexed by their first token; the kind says which list the
// form came from (a country's name, a capital, a demonym, another city or region).
interface GazetteerForm { tokens: string[]; kind: string }
const FORMS_BY_FIRST = new Map<string, GazetteerForm[]>();
for (const form of PLACE_FORMS) {
  const match = form.resolve({ before: '', after: '' });
  if (!match) continue;
  const kind = match.viaDemonym ? 'demonym' : match.viaCapital ? 'capital' : match.type;
  const tokens = tokenise(form.form).map((t) => t.text);
  const list = FORMS_BY_FIRST.get(tokens[0]!) ?? [];
  list.push({ tokens, kind });
  list.sort((a, b) => b.tokens.length - a.tokens.length);
  FORMS_BY_FIRST.set(tokens[0]!, list);
}

/** B-/I- gazetteer marks of a sentence's tokens: "B-country", "I-city", or "". */
function gazetteerMarks(words: readonly string[]): string[] {
  const marks = words.map(() => '');
  for (let i = 0; i < words.length; i++) {
    const forms = FORMS_BY_FIRST.get(words[i]!);
    if (!forms) continue;
    const form = forms.find((f) => f.tokens.every((t, k) => words[i + k] === t));
    if (!form) continue;
    for (let k = 0; k < form.tokens.length; k++) marks[i + k] = `${k ? 'I' : 'B'}-${form.kind}`;
    i += form.tokens.length - 1;
  }
  return marks;
}

const isCap = (w: string) => /^\p{Lu}/u.test(w);

/** What a document says about its words, for features that look beyond the sentence. */
export interface DocumentView {
  /** Lower-cased words seen in lower case somewhere ("the march" makes "March" less of a name). */
  lower: Set<string>;
  /** Words seen capitalised away from a sentence's start. */
  capitalMid: Set<string>;
}

export function documentView(sentences: readonly (readonly string[])[]): DocumentView {
  const lower = new Set<string>();
  const capitalMid = new Set<string>();
  for (const words of sentences) {
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      if (/^\p{Ll}/u.test(w)) lower.add(w);
      else if (i > 0 && isCap(w) && /[.!?:"“]/.test(words[i - 1]!) === false) capitalMid.add(w);
    }
  }
  return { lower, capitalMid };
}

/** The features of every token of a sentence that do not depend on the tags before it. */
export function staticFeatures(words: readonly string[], doc: DocumentView): string[][] {
  const lowers = words.map((w) => w.toLowerCase());
  const shapes = words.map(shape);
  const marks = gazetteerMarks(words);
  const lexicon = lexiconClasses();
  const classesAt = (i: number) => (i < 0 || i >= words.length ? undefined : lexicon.get(lowers[i]!));
  const at = (arr: readonly string[], i: number) => (i < 0 ? '<s>' : i >= arr.length ? '</s>' : arr[i]!);
  return words.map((word, i) => {
    const w = lowers[i]!;
    const s = shapes[i]!;
    const f = [
      'b', `w=${w}`, `s=${s}`, `p1=${word.slice(0, 1)}`, `p3=${w.slice(0, 3)}`, `x2=${w.slice(-2)}`, `x3=${w.slice(-3)}`, `x4=${w.slice(-4)}`,
      `w-1=${at(lowers, i - 1)}`, `w+1=${at(lowers, i + 1)}`, `w-2=${at(lowers, i - 2)}`, `w+2=${at(lowers, i + 2)}`,
      `s-1=${at(shapes, i - 1)}`, `s+1=${at(shapes, i + 1)}`, `ss=${at(shapes, i - 1)}|${s}|${at(shapes, i + 1)}`,
      `ww-1=${at(lowers, i - 1)}|${w}`, `ww+1=${w}|${at(lowers, i + 1)}`, `x3+1=${at(lowers, i + 1).slice(-3)}`,
      `len=${Math.min(word.length, 8)}`,
    ];
    if (i === 0) f.push(`first|${s}`);
    if (isCap(word)) {
      if (doc.lower.has(w)) f.push('doc:lower');
      if (doc.capitalMid.has(word)) f.push('doc:capmid');
      if (i === 0 && !doc.capitalMid.has(word)) f.push('first:notcapmid');
    }
    if (/\p{Lu}/u.test(word) && word === word.toUpperCase() && /\p{L}{2}/u.test(word)) f.push('allcaps');
    if (marks[i]) f.push(`g=${marks[i]}`);
    if (marks[i - 1]) f.push(`g-1=${marks[i - 1]}`);
    if (marks[i + 1]) f.push(`g+1=${marks[i + 1]}`);
    if (ORG_HEADS.has(word)) f.push('orghead');
    if (i + 1 < words.length && ORG_HEADS.has(words[i + 1]!)) f.push('orghead+1');
    if (i + 2 < words.length && ORG_HEADS.has(words[i + 2]!)) f.push('orghead+2');
    if (PLACE_HEADS.has(word)) f.push('placehead');
    if (i + 1 < words.length && PLACE_HEADS.has(words[i + 1]!)) f.push('placehead+1');
    if (TITLE_WORDS.has(word)) f.push('title');
    if (i > 0 && TITLE_WORDS.has(words[i - 1]!)) f.push('title-1');
    if (ROLE_WORDS.has(w)) f.push('role');
    if (i > 0 && ROLE_WORDS.has(lowers[i - 1]!)) f.push('role-1');
    if (KNOWN_ORGS.has(word) || word in KNOWN_ACRONYMS) f.push('knownorg');
    if (NOT_NAME_WORDS.has(word)) f.push('notname');
    for (const c of classesAt(i) ?? []) f.push(`lx=${c}`);
    for (const c of classesAt(i - 1) ?? []) if (c !== 'common') f.push(`lx-1=${c}`);
    for (const c of classesAt(i + 1) ?? []) if (c !== 'common') f.push(`lx+1=${c}`);
    return f;
  });
}

/** The features that depend on the two tags before the token (greedy left-to-right decoding). */
export function historyFeatures(prev: string, prev2: string, lowerWord: string, wordShape: string): string[] {
  return [`t-1=${prev}`, `t-2=${prev2}|${prev}`, `t-1w=${prev}|${lowerWord}`, `t-1s=${prev}|${wordShape}`];
}
