// The English Snowball stemmer ("Porter2"), as PostgreSQL's english_stem dictionary applies it to
// a lower-cased word: written here from the algorithm's published description so that a search's
// snippets can be built in Node (src/search/highlight.ts) with the same notion of "this word
// matches the query" as the index, without asking PostgreSQL to parse the text again
// (ts_headline was about half of a search's time at 200k articles). test/search/highlight.test.ts
// compares it with ts_lexize('english_stem', …) on both engines.

const VOWELS = 'aeiouy';
const isVowel = (ch: string | undefined) => ch !== undefined && VOWELS.includes(ch);
const DOUBLES = ['bb', 'dd', 'ff', 'gg', 'mm', 'nn', 'pp', 'rr', 'tt'];
const LI_ENDING = 'cdeghkmnrt';

const EXCEPTIONS: Record<string, string> = {
  skis: 'ski',
  skies: 'sky',
  sky: 'sky',
  dying: 'die',
  lying: 'lie',
  tying: 'tie',
  idly: 'idl',
  gently: 'gentl',
  ugly: 'ugli',
  early: 'earli',
  only: 'onli',
  singly: 'singl',
  news: 'news',
  howe: 'howe',
  atlas: 'atlas',
  cosmos: 'cosmos',
  bias: 'bias',
  andes: 'andes',
};
// Left as they are after step 1a.
const AFTER_1A = new Set(['inning', 'outing', 'canning', 'herring', 'earring', 'proceed', 'exceed', 'succeed']);
// Words beginning with these have R1 right after them.
const R1_PREFIXES = ['gener', 'commun', 'arsen'];

/** Where R1 begins in w: after the first non-vowel that follows a vowel (or after a listed prefix). */
function regionAfter(w: string, from: number): number {
  for (let i = from + 1; i < w.length; i++) if (!isVowel(w[i]) && isVowel(w[i - 1])) return i + 1;
  return w.length;
}

/** A short syllable ends w at `end` (exclusive). */
function shortSyllableAt(w: string, end: number): boolean {
  if (end === 2) return isVowel(w[0]) && !isVowel(w[1]);
  if (end < 3) return false;
  const [a, b, c] = [w[end - 3], w[end - 2], w[end - 1]];
  return !isVowel(a) && isVowel(b) && !isVowel(c) && c !== 'w' && c !== 'x' && c !== 'Y';
}

/**
 * Newer Snowball releases keep the double of a three-letter stem after a, e or o ("added" → add,
 * "erred" → err, "ebbed" → ebb; before, ad, er, eb): the embedded engine (PGlite, PostgreSQL 18)
 * stems that way, the PostgreSQL 15 server of the bench machine the older way.
 * `keepShortDoubles` follows the database's own stemmer (see src/store/search.ts).
 */
export function stemEnglish(input: string, keepShortDoubles = false): string {
  let w = input;
  if (w.length <= 2) return w;
  if (w.startsWith("'")) w = w.slice(1);
  const exception = EXCEPTIONS[w];
  if (exception) return exception;
  // y at the start or after a vowel is a consonant: marked Y.
  let marked = '';
  for (let i = 0; i < w.length; i++) marked += w[i] === 'y' && (i === 0 || isVowel(marked[i - 1])) ? 'Y' : w[i];
  w = marked;
  const prefix = R1_PREFIXES.find((p) => w.startsWith(p));
  const r1 = prefix ? prefix.length : regionAfter(w, 0);
  const r2 = regionAfter(w, r1);
  const ends = (s: string) => w.endsWith(s);
  const inR1 = (s: string) => w.length - s.length >= r1;
  const inR2 = (s: string) => w.length - s.length >= r2;
  const cut = (s: string, by = '') => {
    w = w.slice(0, w.length - s.length) + by;
  };
  const hasVowel = (end: number) => {
    for (let i = 0; i < end; i++) if (isVowel(w[i])) return true;
    return false;
  };
  const isShort = () => shortSyllableAt(w, w.length) && r1 >= w.length;

  // Step 0: possessives.
  for (const s of ["'s'", "'s", "'"]) {
    if (ends(s)) {
      cut(s);
      break;
    }
  }
  // Step 1a.
  if (ends('sses')) cut('sses', 'ss');
  else if (ends('ied') || ends('ies')) cut('ies', w.length > 4 ? 'i' : 'ie');
  else if (ends('us') || ends('ss')) {
    // unchanged
  } else if (ends('s')) {
    if (hasVowel(w.length - 2)) cut('s');
  }
  if (AFTER_1A.has(w)) return w;
  // Step 1b.
  const eed = ['eedly', 'eed'].find(ends);
  const ed = ['ingly', 'edly', 'ing', 'ed'].find(ends);
  if (eed && (!ed || eed.length >= ed.length)) {
    if (inR1(eed)) cut(eed, 'ee');
  } else if (ed && hasVowel(w.length - ed.length)) {
    cut(ed);
    if (ends('at') || ends('bl') || ends('iz')) w += 'e';
    else if (DOUBLES.some(ends)) {
      if (!(keepShortDoubles && w.length === 3 && 'aeo'.includes(w[0]!))) w = w.slice(0, -1);
    } else if (isShort()) w += 'e';
  }
  // Step 1c.
  if ((ends('y') || ends('Y')) && w.length > 2 && !isVowel(w[w.length - 2])) w = w.slice(0, -1) + 'i';
  // Step 2.
  const step2: [string, string][] = [
    ['ization', 'ize'],
    ['ational', 'ate'],
    ['fulness', 'ful'],
    ['ousness', 'ous'],
    ['iveness', 'ive'],
    ['tional', 'tion'],
    ['biliti', 'ble'],
    ['lessli', 'less'],
    ['entli', 'ent'],
    ['ation', 'ate'],
    ['alism', 'al'],
    ['aliti', 'al'],
    ['ousli', 'ous'],
    ['iviti', 'ive'],
    ['fulli', 'ful'],
    ['enci', 'ence'],
    ['anci', 'ance'],
    ['abli', 'able'],
    ['izer', 'ize'],
    ['ator', 'ate'],
    ['alli', 'al'],
    ['bli', 'ble'],
    ['ogi', 'og'],
    ['li', ''],
  ];
  const s2 = step2.find(([s]) => ends(s));
  if (s2 && inR1(s2[0])) {
    const [s, by] = s2;
    if (s === 'ogi') {
      if (w[w.length - 4] === 'l') cut(s, by);
    } else if (s === 'li') {
      if (LI_ENDING.includes(w[w.length - 3] ?? '#')) cut(s);
    } else cut(s, by);
  }
  // Step 3.
  const step3: [string, string][] = [
    ['ational', 'ate'],
    ['tional', 'tion'],
    ['alize', 'al'],
    ['icate', 'ic'],
    ['iciti', 'ic'],
    ['ative', ''],
    ['ical', 'ic'],
    ['ness', ''],
    ['ful', ''],
  ];
  const s3 = step3.find(([s]) => ends(s));
  if (s3 && inR1(s3[0]) && (s3[0] !== 'ative' || inR2(s3[0]))) cut(s3[0], s3[1]);
  // Step 4.
  const step4 = ['ement', 'ance', 'ence', 'able', 'ible', 'ment', 'ant', 'ent', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize', 'ion', 'al', 'er', 'ic'];
  const s4 = step4.find(ends);
  if (s4 && inR2(s4)) {
    if (s4 !== 'ion' || 'st'.includes(w[w.length - 4] ?? '#')) cut(s4);
  }
  // Step 5.
  if (ends('e')) {
    if (inR2('e') || (inR1('e') && !shortSyllableAt(w, w.length - 1))) cut('e');
  } else if (ends('l') && inR2('l') && w[w.length - 2] === 'l') cut('l');
  return w.replace(/Y/g, 'y');
}
