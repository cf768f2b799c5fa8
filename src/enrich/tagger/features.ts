// What the tagger sees at each token: the word, its shape and affixes, its neighbours, what the
// rest of the document does with the same word, and our gazetteers (places, titles,
// organisation words) as evidence rather than verdicts. One function for training and tagging,
// so the model is always asked about the features it was trained on.
import { PLACE_FORMS } from '../gazetteer.ts';
import { KNOWN_ACRONYMS, KNOWN_ORGS, NOT_NAME_WORDS, ORG_HEADS, PLACE_HEADS, ROLE_NOUNS, TITLE_PATTERN } from '../patterns.ts';
import { lexiconClasses } from './lexicon.ts';
import { caseProfile } from './case-profile.ts';
import { tokenise } from './tokens.ts';
import { CLUSTER_FEATURES, wordClusters } from './word-clusters.ts';

/** "Kim" → "Xx", "U.S." → "X.X.", "1,362" → "d,d", "Jae-myung" → "Xx-x": runs collapsed. */
export function shape(word: string): string {
  let out = '';
  let last = '';
  for (const ch of word) {
    const code = ch.charCodeAt(0);
    // ASCII by char code (most words); the Unicode classes only for the rest.
    const c = code < 128 ? (code >= 65 && code <= 90 ? 'X' : code >= 97 && code <= 122 ? 'x' : code >= 48 && code <= 57 ? 'd' : ch) : /\p{Lu}/u.test(ch) ? 'X' : /\p{Ll}/u.test(ch) ? 'x' : /\p{N}/u.test(ch) ? 'd' : ch;
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
export interface GazetteerForm {
  tokens: string[];
  kind: string;
}
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

/** The place forms that start with this token, longest first (tagging keeps them per word). */
export function placeFormsStartingWith(word: string): readonly GazetteerForm[] | undefined {
  return FORMS_BY_FIRST.get(word);
}

/** B-/I- gazetteer marks of a sentence's tokens: "B-country", "I-city", or "". */
function gazetteerMarks(words: readonly string[]): string[] {
  // An ALL-CAPS word is looked up as it would be written in running text ("JAPAN" → "Japan").
  if (words.some(isShouted)) words = words.map((w) => (isShouted(w) ? w[0] + w.slice(1).toLowerCase() : w));
  return marksFromForms(words, (i) => FORMS_BY_FIRST.get(words[i]!));
}

/** The gazetteer marks of words already looked up as running text, given the forms starting at each token. */
export function marksFromForms(words: readonly string[], formsAt: (i: number) => readonly GazetteerForm[] | undefined): string[] {
  const marks: string[] = new Array(words.length).fill('');
  for (let i = 0; i < words.length; i++) {
    const forms = formsAt(i);
    if (!forms) continue;
    const form = forms.find((f) => f.tokens.every((t, k) => words[i + k] === t));
    if (!form) continue;
    for (let k = 0; k < form.tokens.length; k++) marks[i + k] = `${k ? 'I' : 'B'}-${form.kind}`;
    i += form.tokens.length - 1;
  }
  return marks;
}

/** Does the word start with a capital letter? */
export const isCap = (w: string): boolean => /^\p{Lu}/u.test(w);
/** An ALL-CAPS word of two letters or more ("JAPAN", "U.S."). */
export function isShouted(w: string): boolean {
  if (w.length < 2) return false;
  // Most words start or go on in lower case: answered without a regular expression.
  const first = w.charCodeAt(0);
  const second = w.charCodeAt(1);
  if ((first >= 97 && first <= 122) || (second >= 97 && second <= 122)) return false;
  return /\p{Lu}/u.test(w) && w === w.toUpperCase() && /\p{L}.*\p{L}|\p{L}\./u.test(w);
}

/** What a word counts for in shoutedSentence: 0 no letter, 1 a word with letters, 2 one in capitals. */
export function letterKind(w: string): 0 | 1 | 2 {
  const first = w.charCodeAt(0);
  // A word starting with an ASCII lower-case letter: a letter, not shouted.
  if (first >= 97 && first <= 122) return 1;
  if (!/\p{L}/u.test(w)) return 0;
  return isShouted(w) ? 2 : 1;
}

/** Is most of the sentence in capitals (a wire headline: "RUGBY - PERU EDGE CHILE IN LATE FINISH")? */
export function shoutedSentence(words: readonly string[]): boolean {
  let letters = 0;
  let shouted = 0;
  for (const w of words) {
    const kind = letterKind(w);
    if (kind) letters++;
    if (kind === 2) shouted++;
  }
  return mostlyShouted(letters, shouted);
}

/** shoutedSentence from its counts: two letters or more, and two thirds of the words in capitals. */
export function mostlyShouted(letters: number, shouted: number): boolean {
  return letters >= 2 && shouted * 3 >= letters * 2;
}

/** The word's usual case in running news text (case-profile.ts), "unseen" when too rare to say. */
export function caseOf(lowerWord: string): string {
  return caseProfile().get(lowerWord) ?? (/\p{L}/u.test(lowerWord) ? 'unseen' : 'none');
}

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
      if (startsLower(w)) lower.add(w);
      else if (i > 0 && isCap(w) && !endsClause(words[i - 1]!)) capitalMid.add(w);
    }
  }
  return { lower, capitalMid };
}

/** Does the word start with a lower-case letter (documentView's "lower")? */
export const startsLower = (w: string): boolean => /^\p{Ll}/u.test(w);
/** Does the word hold a full stop, question or exclamation mark, colon or opening quote (after it a capital says less)? */
export const endsClause = (w: string): boolean => /[.!?:"“]/.test(w);

// The static features come in three groups so that tagging can add up the first two per word
// from a cache (words repeat) while training sees exactly the same features:
//   wordFeatures(w)         — the word alone;
//   neighbourFeatures(w, k) — what the word at offset k (±1, ±2) tells a token;
//   the rest (pairs, document, gazetteer marks), built per position in staticFeatures.
export const BEFORE = '<s>';
export const AFTER = '</s>';

export function wordFeatures(word: string): string[] {
  const w = word.toLowerCase();
  const f = ['b', `w=${w}`, `s=${shape(word)}`, `p1=${word.slice(0, 1)}`, `p3=${w.slice(0, 3)}`, `x2=${w.slice(-2)}`, `x3=${w.slice(-3)}`, `x4=${w.slice(-4)}`, `len=${Math.min(word.length, 8)}`];
  if (/\p{Lu}/u.test(word) && word === word.toUpperCase() && /\p{L}{2}/u.test(word)) f.push('allcaps');
  if (ORG_HEADS.has(word)) f.push('orghead');
  if (PLACE_HEADS.has(word)) f.push('placehead');
  if (TITLE_WORDS.has(word)) f.push('title');
  if (ROLE_WORDS.has(w)) f.push('role');
  if (KNOWN_ORGS.has(word) || word in KNOWN_ACRONYMS) f.push('knownorg');
  if (NOT_NAME_WORDS.has(word)) f.push('notname');
  for (const c of lexiconClasses().get(w) ?? []) f.push(`lx=${c}`);
  f.push(`cp=${caseOf(w)}`);
  const cls = wordClusters().get(w);
  // A class of "" (coarseWordClustersOnly, an experiment) gives the group alone.
  if (cls) f.push(...(cls[0] ? [`c=${cls[0]}`] : []), `cg=${cls[1]}`);
  return f;
}

export function neighbourFeatures(word: string, offset: -2 | -1 | 1 | 2): string[] {
  const edge = word === BEFORE || word === AFTER;
  const w = edge ? word : word.toLowerCase();
  if (offset === -2) return [`w-2=${w}`];
  if (offset === 2) return edge ? [`w+2=${w}`] : [`w+2=${w}`, ...(ORG_HEADS.has(word) ? ['orghead+2'] : [])];
  const side = offset === -1 ? '-1' : '+1';
  const f = [`w${side}=${w}`, `s${side}=${edge ? w : shape(word)}`];
  if (edge) return f;
  if (offset === -1) {
    if (TITLE_WORDS.has(word)) f.push('title-1');
    if (ROLE_WORDS.has(w)) f.push('role-1');
  } else {
    f.push(`x3+1=${w.slice(-3)}`);
    if (ORG_HEADS.has(word)) f.push('orghead+1');
    if (PLACE_HEADS.has(word)) f.push('placehead+1');
  }
  for (const c of lexiconClasses().get(w) ?? []) if (c !== 'common') f.push(`lx${side}=${c}`);
  f.push(`cp${side}=${caseOf(w)}`);
  const cls = wordClusters().get(w);
  if (cls) f.push(...(cls[0] && CLUSTER_FEATURES.fineNeighbours ? [`c${side}=${cls[0]}`] : []), `cg${side}=${cls[1]}`);
  return f;
}

/** The position's own features: word pairs, sentence start, the document, gazetteer marks. */
export function positionFeatures(words: readonly string[], i: number, doc: DocumentView, marks: readonly string[], shapes: readonly string[], shouted = false): string[] {
  const w = words[i]!.toLowerCase();
  const lowerBefore = i > 0 ? words[i - 1]!.toLowerCase() : BEFORE;
  const lowerAfter = i + 1 < words.length ? words[i + 1]!.toLowerCase() : AFTER;
  const shapeBefore = i > 0 ? shapes[i - 1]! : BEFORE;
  const shapeAfter = i + 1 < shapes.length ? shapes[i + 1]! : AFTER;
  return [...contextFeatures(shapeBefore, shapes[i]!, shapeAfter, lowerBefore, w, lowerAfter), ...positionExtras(words, i, doc, marks, shapes, shouted)];
}

/** The features of a word with its neighbours: the three shapes, the two word pairs. Tagging keeps
 * their sums per shape triple and per word pair (perceptron.ts) instead of building these strings. */
export function contextFeatures(shapeBefore: string, wordShape: string, shapeAfter: string, lowerBefore: string, lower: string, lowerAfter: string): [string, string, string] {
  return [`ss=${shapeBefore}|${wordShape}|${shapeAfter}`, `ww-1=${lowerBefore}|${lower}`, `ww+1=${lower}|${lowerAfter}`];
}

/** The rest of a position's features: sentence start, the document, gazetteer marks, headlines. */
export function positionExtras(words: readonly string[], i: number, doc: DocumentView, marks: readonly string[], shapes: readonly string[], shouted: boolean): string[] {
  const word = words[i]!;
  const f: string[] = [];
  if (i === 0) f.push(`first|${shapes[i]}`);
  if (isCap(word)) {
    const w = word.toLowerCase();
    if (doc.lower.has(w)) f.push('doc:lower');
    if (doc.capitalMid.has(word)) f.push('doc:capmid');
    if (i === 0 && !doc.capitalMid.has(word)) f.push('first:notcapmid');
  }
  if (marks[i]) f.push(`g=${marks[i]}`);
  if (i > 0 && marks[i - 1]) f.push(`g-1=${marks[i - 1]}`);
  if (marks[i + 1]) f.push(`g+1=${marks[i + 1]}`);
  // In a headline in capitals the shape says nothing: the word's usual case and lists do.
  if (shouted) {
    const here = caseOf(word.toLowerCase());
    const before = i > 0 ? caseOf(words[i - 1]!.toLowerCase()) : BEFORE;
    const after = i + 1 < words.length ? caseOf(words[i + 1]!.toLowerCase()) : AFTER;
    f.push(`C|cp=${here}`, `C|cp-1=${before}|${here}`, `C|cp+1=${here}|${after}`);
    for (const c of lexiconClasses().get(word.toLowerCase()) ?? []) f.push(`C|lx=${c}`);
    if (marks[i]) f.push(`C|g=${marks[i]}`);
  }
  return f;
}

/** The gazetteer marks of a sentence's words (exported for tests). */
export const gazetteerMarksOf = (words: readonly string[]): string[] => gazetteerMarks(words);

/** The gazetteer marks and shapes of a sentence, which positionFeatures reads. */
export function sentenceContext(words: readonly string[], shapes: string[] = words.map(shape)): { marks: string[]; shapes: string[]; shouted: boolean } {
  return { marks: gazetteerMarks(words), shapes, shouted: shoutedSentence(words) };
}

/** Every static feature of every token of a sentence (training, and the reference for tagging). */
export function staticFeatures(words: readonly string[], doc: DocumentView): string[][] {
  const { marks, shapes, shouted } = sentenceContext(words);
  const at = (k: number) => (k < 0 ? BEFORE : k >= words.length ? AFTER : words[k]!);
  return words.map((word, i) => [
    ...wordFeatures(word),
    ...neighbourFeatures(at(i - 2), -2),
    ...neighbourFeatures(at(i - 1), -1),
    ...neighbourFeatures(at(i + 1), 1),
    ...neighbourFeatures(at(i + 2), 2),
    ...positionFeatures(words, i, doc, marks, shapes, shouted),
  ]);
}

/**
 * What the document has already said about a word (non-local features, the "extended prediction
 * history" of Ratinov & Roth 2009): the types the tagger gave the same word, lower-cased, in the
 * document's earlier sentences, as features of a capitalised token ("Smith" after "John Smith"
 * was tagged a person: `h=PER`). Training records its own decoded tags the same way, so the model
 * learns how far to trust them.
 */
export const MEMORY_TYPES = ['O', 'PER', 'ORG', 'LOC'] as const;
export const MEMORY_FEATURES = MEMORY_TYPES.map((t) => `h=${t}`);

/** Does a token take the document memory's features (and is its tag remembered)? A capitalised word. */
export function remembers(word: string): boolean {
  const first = word.charCodeAt(0);
  if (first >= 65 && first <= 90) return true;
  if (first < 128) return false;
  return /^\p{Lu}/u.test(word);
}

export class DocumentMemory {
  readonly seen = new Map<string, number>();
  /** Bit k set: the word was tagged MEMORY_TYPES[k] before. */
  bits(lower: string): number {
    return this.seen.get(lower) ?? 0;
  }
  /** Remembers a sentence's decoded tags (IOB2 tag names) for its capitalised words. */
  record(words: readonly string[], lowers: readonly string[], tags: readonly string[]): void {
    for (let i = 0; i < words.length; i++) {
      if (!remembers(words[i]!)) continue;
      const tag = tags[i]!;
      const k = tag === 'O' ? 0 : tag.endsWith('PER') ? 1 : tag.endsWith('ORG') ? 2 : 3;
      this.seen.set(lowers[i]!, this.bits(lowers[i]!) | (1 << k));
    }
  }
  /** The memory's features of a token (none for a word in lower case or not seen before). */
  features(word: string, lower: string): string[] {
    if (!remembers(word)) return [];
    const bits = this.bits(lower);
    return bits ? MEMORY_FEATURES.filter((_, k) => bits & (1 << k)) : [];
  }
}

/** The features that depend on the two tags before the token (scored per tag pair in Viterbi decoding). */
export function historyFeatures(prev: string, prev2: string, lowerWord: string, wordShape: string): string[] {
  return [`t-1=${prev}`, `t-2=${prev2}|${prev}`, `t-1w=${prev}|${lowerWord}`, `t-1s=${prev}|${wordShape}`];
}
