// For reading joins (bench/cluster/joins.ts): the specifics a report's opening states: the weekday, the year, and figures with their unit
// ("10 people", "magnitude 6.1", "85 million"). Two look-alike events of one kind (two quakes on
// one island, two jewel heists in one city) share their words and names but differ here.
const WEEKDAY = /\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/g;
const YEAR = /\b(19[5-9]\d|20[0-4]\d)\b/g;
const NUMBER_WORDS: Record<string, string> = {
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  ten: '10',
  eleven: '11',
  twelve: '12',
  first: '1',
  second: '2',
  third: '3',
  fourth: '4',
  fifth: '5',
  sixth: '6',
  seventh: '7',
  eighth: '8',
  ninth: '9',
  tenth: '10',
  eleventh: '11',
  twelfth: '12',
};
const NUMBER = `(\\d+(?:\\.\\d+)?|${Object.keys(NUMBER_WORDS).join('|')})`;
// A figure and the word after it; "magnitude 6.1" names its unit first.
const FIGURE_UNIT = new RegExp(`(?<![\\w.])${NUMBER}(?:st|nd|rd|th)?(?:\\s*-\\s*|\\s+)([a-z]{2,})`, 'g');
const UNIT_FIGURE = /\b(magnitude)\s*-?\s*(\d+(?:\.\d+)?)/g;
// Words after a figure that are no unit: clock times, dates, and words of grammar.
const NOT_UNITS = new Set([
  'am',
  'pm',
  'gmt',
  'bst',
  'et',
  'pt',
  'pdt',
  'est',
  'utc',
  'local',
  'of',
  'and',
  'or',
  'to',
  'in',
  'on',
  'at',
  'the',
  'a',
  'an',
  'for',
  'from',
  'by',
  'with',
  'was',
  'is',
  'were',
  'are',
  'has',
  'had',
  'have',
  'that',
  'as',
  'after',
  'before',
  'who',
  'which',
  'said',
  'jan',
  'feb',
  'mar',
  'apr',
  'may',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'january',
  'february',
  'march',
  'april',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
]);

export interface Specifics {
  weekdays: Set<string>;
  years: Set<string>;
  /** Figures by their unit word. */
  units: Map<string, Set<string>>;
}

/** The opening's specifics: the first `words` words of headline and text. */
export function specificsOf(title: string, text: string, words = 50): Specifics {
  const head = ((title ? title + '\n' : '') + text)
    .split(/\s+/)
    .slice(0, words)
    .join(' ')
    .toLowerCase()
    // Tokenised text ("6 . 1", "2 , 500"): the figure as written together.
    .replace(/(\d) ([.,]) (?=\d)/g, '$1$2')
    .replace(/(\d),(?=\d{3}\b)/g, '$1');
  const units = new Map<string, Set<string>>();
  const add = (unit: string, figure: string) => {
    if (NOT_UNITS.has(unit)) return;
    const value = NUMBER_WORDS[figure] ?? String(Number(figure));
    const key = unit.length > 3 && unit.endsWith('s') ? unit.slice(0, -1) : unit;
    if (!units.has(key)) units.set(key, new Set());
    units.get(key)!.add(value);
  };
  for (const m of head.matchAll(FIGURE_UNIT)) if (!/^(19[5-9]\d|20[0-4]\d)$/.test(m[1]!)) add(m[2]!, m[1]!);
  for (const m of head.matchAll(UNIT_FIGURE)) add(m[1]!, m[2]!);
  return { weekdays: new Set([...head.matchAll(WEEKDAY)].map((m) => m[1]!)), years: new Set([...head.matchAll(YEAR)].map((m) => m[1]!)), units };
}

/** Null when either side is silent, else whether they share nothing. */
const disagree = (a: Set<string>, b: Set<string>): boolean | null => (a.size && b.size ? ![...a].some((x) => b.has(x)) : null);

/**
 * Where an article's opening and a story's openings (all its articles' together) state a specific
 * of one kind that disagrees: null when the two do not both state one.
 */
export function specificConflicts(own: Specifics, story: Specifics[]): { weekday: boolean | null; year: boolean | null; unit: boolean | null; any: boolean | null } {
  const weekdays = new Set(story.flatMap((s) => [...s.weekdays]));
  const years = new Set(story.flatMap((s) => [...s.years]));
  const units = new Map<string, Set<string>>();
  for (const s of story) for (const [u, figures] of s.units) units.set(u, new Set([...(units.get(u) ?? []), ...figures]));
  let unit: boolean | null = null;
  for (const [u, figures] of own.units) {
    const theirs = units.get(u);
    if (!theirs) continue;
    const d = disagree(figures, theirs);
    unit = unit === true || d === true ? true : (d ?? unit);
  }
  const weekday = disagree(own.weekdays, weekdays);
  const year = disagree(own.years, years);
  const kinds = [weekday, year, unit];
  return { weekday, year, unit, any: kinds.includes(true) ? true : kinds.every((k) => k === null) ? null : false };
}
