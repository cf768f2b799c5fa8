// Numeric facts in an article: the value (scaled: "3,020.8 trillion won" is 3.0208e15 KRW), its
// unit (percent, a currency, or the counted thing: "28,500 US troops"), what it is about
// ("Cambodia at 36 percent", "a 50 percent US tariff on Korean steel", "4.8 percent of national
// output") and the sentence it came from. Dates, years, clock times and numbers inside names
// ("Insta360", "G7") are not figures.
import type { Sentence } from '../text/sentences.ts';
import { FUNCTION_WORDS } from '../text/stopwords.ts';
import { MONTHS } from './patterns.ts';

export interface FoundFigure {
  start: number;
  end: number;
  /** The figure as written ("50 percent", "US$250 million"). */
  text: string;
  value: number;
  /** 'percent', 'percentage point', an ISO currency code, or the counted noun ('troops'). */
  unit: string | null;
  subject: string | null;
  /** The sentence it appears in. */
  context: string;
  sentenceIndex: number;
}

const CURRENCY_SYMBOLS: Record<string, string> = {
  US$: 'USD',
  $: 'USD',
  C$: 'CAD',
  A$: 'AUD',
  HK$: 'HKD',
  S$: 'SGD',
  NZ$: 'NZD',
  '€': 'EUR',
  '£': 'GBP',
  '¥': 'JPY',
  '₩': 'KRW',
};
const CURRENCY_WORDS: Record<string, string> = {
  won: 'KRW',
  yen: 'JPY',
  yuan: 'CNY',
  renminbi: 'CNY',
  dollars: 'USD',
  dollar: 'USD',
  euros: 'EUR',
  euro: 'EUR',
  pounds: 'GBP',
  rupees: 'INR',
  ringgit: 'MYR',
  baht: 'THB',
  pesos: 'MXN',
  reais: 'BRL',
  rubles: 'RUB',
  roubles: 'RUB',
  shekels: 'ILS',
  shekel: 'ILS',
  lira: 'TRY',
  zlotys: 'PLN',
  hryvnias: 'UAH',
};
const SCALES: Record<string, number> = {
  thousand: 1e3,
  million: 1e6,
  mn: 1e6,
  m: 1e6,
  billion: 1e9,
  bn: 1e9,
  b: 1e9,
  trillion: 1e12,
  tn: 1e12,
};
const MONTH_NAMES = 'Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?';
const WEEKDAY_NAMES = 'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday';
const MONTH = /(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?$/;

const NUMBER = new RegExp(
  // Not inside a word or a number; after a hyphen only as a pair's second half ("8-7") or a sign
  // ("at -14"); a decimal may start with its point (".292").
  String.raw`(?<![\p{L}\p{N}.,:$])(?<!(?:^|[^\d])-)` +
    String.raw`(?:(?<sign>-)(?=\.?\d)|(?<cur>US\$|NZ\$|HK\$|C\$|A\$|S\$|\$|€|£|¥|₩)?\s?)` +
    String.raw`(?<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)(?<frac>[½¼¾⅓⅔⅛⅜⅝⅞])?` +
    String.raw`(?![\d:/]|\.\d|,\d{3})` +
    String.raw`(?:\s?(?<scale>thousand|million|billion|trillion|bn|mn|tn)\b|(?<short>[mb]n?)\b)?` +
    String.raw`(?<pct>\s?%|\s?percent(?:age points?)?\b|\s?per cent\b|-percent\b)?` +
    String.raw`(?<suffix>-(?:strong|member|day|week|month|year|hour|minute|fold|storey|story|mile|metre|meter|foot|kilometre|kilometer|inch|degree|tonne|ton|gram|kilogram|acre)\b)?`,
  'gu',
);

// What a percentage is of, after it. "50-percent tariffs on July 9 unless …": a date is when, not what the
// tariff is on.
const MEASURE_NOUN_AFTER = new RegExp(
  String.raw`^\s*((?:[\p{Lu}][\p{L}]*\s)?(?:tariffs?|levy|levies|duties|duty|tax(?:es)?|rate|stake|share|cut|increase|rise|drop|decline|fall|growth|hike|discount|reduction|jump|gain|loss|raise|(?:pay|wage|salary)\s+(?:rise|increase|raise)|bonus|premium|return|yield|dividend|fee|margin|subsidy|surcharge|markup|rebate)(?:\s+(?:on|for)\s+(?!(?:${MONTH_NAMES}|${WEEKDAY_NAMES})\b)[^,.;]{2,60}?)?)(?=[,.;]|\s+(?:and|that|which|as|from|starting|after|if|unless|until|when|because|over|within|by|in|this|next|last|on\s+(?:${MONTH_NAMES}|${WEEKDAY_NAMES}))\b|$)`,
  'u',
);

// Units of measurement: "249 grams", "31.4 feet", "tonnes of wheat". The unit is what a figure is in,
// never what it is about: that is what the unit measures ("tonnes of wheat"), what the compound
// names ("a 40-minute meeting"), or what weighs, measures or stands at the figure.
const MEASUREMENT_UNIT =
  /^(?:lbs?|grams?|kilograms?|kg|tons?|tonnes?|km|kilomet(?:er|re)s?|miles?|feet|foot|met(?:er|re)s?|inch(?:es)?|centimet(?:er|re)s?|cm|mm|lit(?:er|re)s?|gallons?|acres?|hectares?|degrees?|knots?|mph|km\/h|kph|kmh|storeys?|stor(?:y|ies)|square \w+|cubic \w+)$/i;
/** True for a currency's code ("USD", "KRW"), the unit figures of money carry. */
export function isCurrencyUnit(unit: string | null): boolean {
  return !!unit && /^[A-Z]{3}$/.test(unit);
}
/** True for a unit of measurement ("mph", "feet", "square metres"): one amount in two of them is a conversion. */
export function isMeasurementUnit(unit: string | null): boolean {
  return !!unit && MEASUREMENT_UNIT.test(unit);
}
// Written short or "metric": "13m", "30cm", "50,000km", "64 metric tons" (not "km/h").
const METRIC_UNIT = /^\s?(cm|km|metric\s+tons?|metric\s+tonnes?)(?![\p{L}\p{N}/])/iu;
const METRIC_NAMES: Record<string, string> = { cm: 'centimetres', km: 'kilometres', 'metric ton': 'tonnes', 'metric tons': 'tonnes', 'metric tonne': 'tonnes', 'metric tonnes': 'tonnes' };
// "24,980 sq ft", "2,320 square metres": an area or volume is one unit of two words.
const AREA_UNIT = /^\s*(?:(sq\.?\s*ft\b\.?|square\s+f(?:ee|oo)t\b)|(sq\.?\s*m\b\.?)|(square|cubic)\s+(met(?:er|re)s|kilomet(?:er|re)s|miles|km|feet|yards)\b)/i;
// A span that only says "a length of time" ("for a 50-year period"): what lasts is said before it.
const VAGUE_SPAN = /^(?:period|term|span|stretch|window|time|spell|run)$/i;
// "the unmanned aerial vehicle weighs less than", "the Trump administration has been moving at":
// the noun phrase whose size, weight or speed the figure is.
const MEASURED_BY_VERB = new RegExp(
  String.raw`\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er)\s+((?:[\p{L}\p{N}-]+\s){0,3}?[\p{L}-]+)\s+(?:(?:has|have|had|is|was|are|were|will|would|been|be|now|also|already)\s+){0,3}` +
    String.raw`(?:weigh\w*|measur\w*|stands?|standing|stood|crest\w*|rose|rises|rising|risen|fell|falls|falling|reach\w*|covers?|covering|covered|spans?|spanning|spanned|stretch\w*|mov\w*|travel\w*|flew|flies|flying|ran|runs|running|peak\w*|climb\w*|extend\w*|grew|grows|growing|is|was|are|were)\s+` +
    String.raw`(?:(?:at|to|about|around|nearly|almost|less|more|than|over|under|some|up|just|roughly|approximately|by)\s+)*$`,
  'u',
);
// "13 buoys, measuring 5 to 13 meters tall": the noun before the comma.
const MEASURED_APPOSITION =
  /((?:[\p{L}-]+\s){0,3}[\p{L}-]+),\s+(?:measuring|weighing|standing|stretching|spanning|covering|reaching)\s+(?:(?:about|around|nearly|almost|up to|some|roughly|more than|less than|over)\s+)?(?:\S+\s+(?:to|and)\s+)?$/u;

// Words that end a noun phrase after a number: prepositions, verbs, conjunctions.
const PHRASE_STOP = new Set(('of in on at to for from by with as and or but than that which who is are was were be been will would has have had ' + 'said says stationed based across including per each this last next ago').split(' '));
const COUNT_NOUNS =
  /^(?:troops|IPOs|deals|soldiers|people|jobs|workers|dockworkers|employees|vehicles|cars|units|tons|tonnes|barrels|grams|kilograms|kg|km|kilometers|kilometres|miles|feet|metres|meters|lawmakers|members|countries|nations|days|weeks|months|years|hours|minutes|companies|firms|households|students|patients|cases|deaths|votes|seats|shares|containers|ships|vessels|flights|passengers|visitors|homes|stores|products|drones|missiles|points|won|yen|yuan)$/i;

// "340 coffee growers", "14 governments": any plain plural noun right after a number (or after one
// word describing it) is what is counted; function words and verbs in -s are not nouns.
const PLURAL_NOUN = /^[\p{Ll}][\p{Ll}-]*[^s'’]s$/u;
const NOT_PLURAL =
  /^(?:\w+ous|\w+ss|\w+ics|\w+ness|whereas|perhaps|always|towards|besides|afterwards|sometimes|nevertheless|plus|thus|bus|gas|lens|status|series|news|means|remains|rises|falls|goes|says|does|seems|stands|makes|takes|gives|comes|gets|marks|shows|puts|runs|sets|turns|ends|adds|holds|lets)$/;

/** True when a word is a counted noun ("people", "ships"), not a singular noun or a verb. */
function countsNoun(w: string): boolean {
  return COUNT_NOUNS.test(w) || isPluralNoun(w);
}

// A capitalised word or initials that describe what is counted ("430,000 Israeli settlers", "13 large
// Chinese buoys", "9,200 U.S. sailors"), never a month or a weekday ("5 March", "2 Monday").
const NAME_ADJECTIVE = new RegExp(String.raw`^(?!(?:${[...MONTHS].join('|')}|${WEEKDAY_NAMES})$)(?:\p{Lu}\p{Ll}+|(?:\p{Lu}\.){2,}|\p{Lu}{2,3})$`, 'u');

/** Index of the counted plural noun in the first words after a number, or -1. */
function pluralNounAt(words: string[], names = true): number {
  let named = 0;
  for (let i = 0; i < Math.min(words.length, 4); i++) {
    const w = words[i]!;
    if (isPluralNoun(w)) return i;
    // Up to three describing words may come first ("340 coffee growers", "11 senior religious
    // rabbis", "430,000 Israeli settlers", "20 fixed speakers"): plain words, a capitalised one, a
    // participle in -ed right before the noun.
    const plain = /^[\p{Ll}][\p{Ll}-]*$/u.test(w) && !FUNCTION_WORDS.has(w) && (!VERBISH.test(w) || (/^\p{Ll}+ed$/u.test(w) && isPluralNoun(words[i + 1])));
    // (One capitalised word at most, and none after a year: "2016 Steve Bartman needs" is a date and a name.)
    if (!plain && (!names || !NAME_ADJECTIVE.test(w) || ++named > 1)) return -1;
  }
  return -1;
}

function isPluralNoun(w: string | undefined): boolean {
  return !!w && PLURAL_NOUN.test(w) && !NOT_PLURAL.test(w) && !FUNCTION_WORDS.has(w);
}

// Words that are verbs or adverbs rather than what a figure is about.
// "tariffs will double to 50 percent": a verb of change before "to" is no subject either.
// Verbs of a value moving: "to ease to 2.1%", "to peak near 7.2%".
const CHANGE_VERB =
  'ease|slow|cool|peak|slip|edge|tick|dip|soar|surge|plunge|tumble|sink|rebound|recover|return|reach|top|settle|widen|narrow|shrink|expand|accelerate|grow|slide|swell|climb|rise|fall|drop|increase|decrease|jump|double|triple|halve|hit|stay|remain|hold|stand';
const VERBISH =
  /^(?:\w+ed|\w+ing|\w+ly|stood|steady|held|set|hit|was|were|is|are|be|been|would|will|remain|remains|stay|stays|stand|stands|sit|sits|rose|fell|grew|kept|left|up|down|double|triple|halve|climb|lower|raise|lift|reduce|slash|boost|rise|fall|drop|increase|decrease|jump)$/i;
const CHANGE_VERB_WORD = new RegExp(`^(?:${CHANGE_VERB})$`, 'i');

// "unemployment to peak near", "inflation will ease to": the noun before a verb of change and its preposition (built once).
const MOVES_TO_VALUE = new RegExp(
  String.raw`(?:^|\s)([\p{Ll}][\p{L}-]*)\s+(?:to|will|would|could|may|might|should|is expected to|are expected to)\s+(?:${CHANGE_VERB})\s+(?:to|near|at|around|above|below|about)\s+(?:about\s+|around\s+|nearly\s+|roughly\s+|just\s+)?$`,
  'u',
);

// Words that say how a figure ranks or what share it is, never what it is of: "a record $40 billion",
// "a record of 1.2 million", "half of the $693 million".
export const RANKS_ONLY = /^(?:record|all-time|high|low|peak|half|total|sum|amount|figure|number|average|tally)$/i;

/** What comes before a bare number compared with a count of its sentence ("but only 930", "to 590", "from 156"). */
export const COMPARAND_BEFORE = /\b(?:to|from|only|just|than|versus|vs\.?|against)\s+(?:about\s+|around\s+|nearly\s+|some\s+)?$/i;

// Verbs that take what a figure measures as their object ("expects revenue of", "posted a profit of").
const CLAUSE_VERB =
  /^(?:who|which|that|signed|signs|agreed|agrees|secured|secures|awarded|landed|struck|expects?|forecasts?|predicts?|projects?|reports?|posts?|posted|sees|saw|estimates?|targets?|plans?|wants?|needs?|has|had|have|boasts?|records?|recorded|booked|books|logs?|logged|made|makes|generates?|generated|earns?|earned)$/i;

const DETERMINERS = /^(?:a|an|the|about|around|nearly|almost|more|than|some|over|under|up|to|just|only|roughly|approximately)$/i;

function clean(phrase: string): string | null {
  const trimmed = phrase.replace(/^[\s,;:—–-]+|[\s,;:—–-]+$/g, '').replace(/\s+/g, ' ');
  return trimmed.length ? trimmed : null;
}

/** Up to `max` words after `from`, stopping at punctuation or a stop word. */
function phraseAfter(text: string, from: number, max = 5, stopAtPreposition = true): string {
  const after = text.slice(from, from + 120);
  const out: string[] = [];
  // ("U.S.", "U.N.": initials with their full stops are one word.)
  for (const m of after.matchAll(/(?:[A-Z]\.){2,}|[^\s,.;:()"“”'‘’—]+|[,.;:()"“”‘’—]/g)) {
    const w = m[0];
    if (/^[,.;:()"“”‘’—]$/.test(w)) break;
    if (out.length && stopAtPreposition && PHRASE_STOP.has(w.toLowerCase())) break;
    out.push(w);
    if (out.length >= max) break;
  }
  return out.join(' ');
}

/** Up to `max` words before `to`, in the same clause. */
function wordsBefore(text: string, to: number, max = 6): string[] {
  const before = text.slice(Math.max(0, to - 120), to);
  const clause = before.split(/[,;:()"“”—]|\.\s/).pop() ?? '';
  return clause.trim().split(/\s+/).filter(Boolean).slice(-max);
}

/** The words of a phrase after its last function word, stop word or `stop` word: its noun phrase ("non-cash holdings"). */
function phraseTail(words: string[], stop: (word: string) => boolean): string {
  const from = words.findLastIndex((w) => FUNCTION_WORDS.has(w.toLowerCase()) || PHRASE_STOP.has(w.toLowerCase()) || stop(w));
  return words.slice(from + 1).join(' ');
}

function subjectFor(text: string, start: number, end: number, unit: string | null, counted: string | null, compound = false): string | null {
  const before = text.slice(Math.max(0, start - 80), start);
  const afterText = text.slice(end, end + 120);
  // "Cambodia at 36 percent", "holds rate at 2.5%", "stood at 413.9 trillion won"
  // (A cheap test first: the end-anchored pattern is tried at every position of the text before.)
  const at = !/\s(?:at|to|of)\s+(?:about\s+|around\s+|nearly\s+)?$/.test(before) ? null : /((?:[\p{Lu}][\p{L}-]*\s?){1,3}|[\p{Ll}]+)\s+(?:at|to|of)\s+(?:about\s+|around\s+|nearly\s+)?$/u.exec(before);
  // "cut the policy rate by a cumulative 1 percentage point", "raised its budget by 10%"
  const by = /(?:the|its|their|a|an)\s+((?:[\p{L}-]+\s){0,2}[\p{L}-]+(?:\s+of\s+(?:[\p{L}-]+\s){0,1}[\p{L}-]+)?)\s+by\s+(?:a\s+)?(?:cumulative\s+|further\s+|total\s+|combined\s+|another\s+)?$/u.exec(before);
  if (by) return clean(by[1]!);
  // "unveiled the Lumen X phone on Tuesday, priced at $899": what is priced is the noun phrase before.
  const priced = /,?\s+(?:priced at|costing|which costs?|that costs?|retailing (?:at|for)|selling for|on sale for)\s+(?:about\s+|around\s+|from\s+|just\s+)?$/.exec(before);
  if (priced && isCurrencyUnit(unit)) {
    const np = /(?:^|\s)(?:the|a|an|its|their|his|her)\s+((?:[\p{L}\p{N}'’-]+\s){0,3}[\p{L}\p{N}'’-]+)$/u.exec(
      before.slice(0, priced.index).replace(/\s+(?:on|in|at|this|last|next)\s+(?:\w+\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|month|year|\d{4})$/, ''),
    );
    if (np) return np[1]!;
  }
  if (unit === 'percent' || unit === 'percentage point') {
    // "a 15% chance of a cut", "a 60 percent probability of a hike": the likelihood of what follows.
    const odds = /^\s+(chance|probability|likelihood|risk|odds)\s+(of|that)\s+((?:[\p{L}\p{N}'’-]+\s?){1,5})/u.exec(afterText);
    if (odds) {
      const what: string[] = [];
      for (const w of odds[3]!.trim().split(/\s+/)) {
        if ((what.length && /^(?:a|an|the)$/i.test(w)) || (!/^(?:a|an|the)$/i.test(w) && PHRASE_STOP.has(w.toLowerCase()))) break;
        what.push(w);
      }
      if (what.some((w) => !/^(?:a|an|the)$/i.test(w))) return `${odds[1]} ${odds[2]} ${what.join(' ')}`;
    }
    // "expect unemployment to peak near 7.2%", "inflation will ease to 2.1%": what moves is the noun
    // before the verb of change.
    const moves = MOVES_TO_VALUE.exec(before);
    if (moves && !FUNCTION_WORDS.has(moves[1]!.toLowerCase())) return moves[1]!;
    // "borrowers who locked in five-year fixed rates near 2%": the noun phrase a value is near.
    const near = !/\s(?:near|around|close to)\s+$/.test(before) ? null : /(?:^|\s)((?:[\p{L}\p{N}][\p{L}\p{N}-]*\s){0,2}[\p{Ll}][\p{L}-]*)\s+(?:near|around|close to)\s+$/u.exec(before);
    if (near) {
      const words = near[1]!.split(/\s+/);
      const head = words.at(-1)!;
      if (!VERBISH.test(head) && !CHANGE_VERB_WORD.test(head) && !FUNCTION_WORDS.has(head.toLowerCase())) return phraseTail(words, (w) => /^\p{Lu}/u.test(w));
    }
    // "a 50 percent US tariff on Korean steel", "tariffs of 25% on imports from Japan"
    const noun = MEASURE_NOUN_AFTER.exec(afterText);
    if (noun && /\s(?:on|for)\s/.test(noun[1]!)) return clean(noun[1]!);
    const tariffOf = /((?:tariffs?|levy|levies|duties|rates?|taxes)(?:\s+of)?)\s+$/.exec(before);
    if (tariffOf) {
      const on = /^\s+on\s+([^,.;]{2,60}?)(?=[,.;]|\s+(?:starting|after|and)\b|$)/.exec(afterText);
      return clean(`${tariffOf[1]!.replace(/\s+of$/, '')}${on ? ' on ' + on[1] : ''}`);
    }
    const of = /^\s+of\s+((?:the\s+)?[^,.;]{2,60}?)(?=[,.;]|\s+(?:and|that|which|as|in|from|to)\b|$)/.exec(afterText);
    if (of) return clean(of[1]!);
    if (at && !VERBISH.test(at[1]!.trim()) && !CHANGE_VERB_WORD.test(at[1]!.trim())) return clean(at[1]!);
    // "Brunei faces 25 percent", "Brazil faces a 30% levy": the country is what the table wants.
    const faces = /((?:[\p{Lu}][\p{L}-]*\s){1,3})(?:faces|gets|got|receives|received|secured|won|with)\s+(?:a\s+|an\s+)?$/u.exec(before);
    if (faces) return clean(faces[1]!);
    // "non-cash holdings would face an 8 percent rate", "cash would be subject to a 15.5 percent rate".
    const liable = /((?:[\p{Ll}][\p{Ll}-]*\s){1,3})(?:would|will|could|may|might)\s+(?:face|be\s+subject\s+to|pay)\s+(?:a\s+|an\s+)?$/u.exec(before);
    const liableTail = liable ? phraseTail(liable[1]!.trim().split(/\s+/), (w) => VERBISH.test(w)) : '';
    if (liableTail) return liableTail;
    // "perigee full moons appear about 14 percent bigger": what is bigger is the clause's subject.
    const comparedSubject = /^\s+(?:\p{Ll}+er|more|less)\b/u.test(afterText) ? /((?:[\p{L}-]+\s){1,3})(?:appears?|are|is|was|were|looks?|seems?|grew|became)\s+(?:about\s+|around\s+|roughly\s+|nearly\s+|some\s+)?$/u.exec(before) : null;
    const comparedTail = comparedSubject ? phraseTail(comparedSubject[1]!.trim().split(/\s+/), (w) => VERBISH.test(w)) : '';
    if (comparedTail) return comparedTail;
    if (noun) return clean(noun[1]!);
    if (at) {
      // "held its base rate steady at 2.5 percent": the noun phrase before the verb.
      const np = /(?:its|the|their|a|an|his|her)\s+((?:[\p{L}-]+\s){0,2}[\p{L}-]+)\s+(?:[\p{Ll}]+\s+){0,2}$/u.exec(before.replace(/\s*(?:at|to|of)\s+(?:about\s+|around\s+|nearly\s+)?$/, ' '));
      if (np)
        return clean(
          np[1]!
            .split(/\s+/)
            .filter((w) => !VERBISH.test(w))
            .join(' '),
        );
    }
    // "Thailand 36%": a capitalised name right before the number.
    const name = /((?:[\p{Lu}][\p{L}-]*\s){1,3})$/u.exec(before);
    if (name) return clean(name[1]!);
    const off = /^\s+(?:off|on)\s+((?:the\s+)?[^,.;]{2,40}?)(?=[,.;]|\s+(?:and|in|as|on|that|which|who|from|after)\b|$)/.exec(afterText);
    if (off) return clean(off[1]!);
    return null;
  }
  // Money followed by what it is: "a $400 billion fund", "a C$2.1 billion package".
  if (!counted && isCurrencyUnit(unit)) {
    const follows = /^\s+([\p{Ll}][\p{Ll}-]+(?:\s[\p{Ll}][\p{Ll}-]+)?)/u.exec(afterText);
    const words = follows?.[1]?.split(' ').filter((w) => !PHRASE_STOP.has(w) && !VERBISH.test(w) && !/^(?:a|an|the|year|annually|each|per)$/.test(w));
    if (words?.length && !PHRASE_STOP.has(follows![1]!.split(' ')[0]!)) return words.join(' ');
  }
  if (counted && (MEASUREMENT_UNIT.test(unit ?? '') || MEASUREMENT_UNIT.test(counted) || VAGUE_SPAN.test(counted))) {
    // "the 40m dry well", "The 30cm-diameter well": a measurement inside a noun phrase is of its head noun.
    if (!compound && /(?:^|\s)(?:the|a|an|its|their|his|her)\s+$/i.test(before)) {
      const words = phraseAfter(text, end, 4)
        .replace(/^-[\p{L}]+\s*/u, '')
        .split(' ')
        .filter(Boolean);
      const head = words.findIndex((w) => !/^[\p{Ll}-]+$/u.test(w) || VERBISH.test(w) || FUNCTION_WORDS.has(w));
      const np = head < 0 ? words : words.slice(0, head);
      if (np.length) return np[np.length - 1]!;
    }
    // "tonnes of wheat": what the unit measures follows it.
    const unitAt = afterText.toLowerCase().indexOf(counted.toLowerCase());
    const of = /^\s+of\s+((?:[\p{L}-]+\s?){1,3})/u.exec(unitAt >= 0 && unitAt < 20 ? afterText.slice(unitAt + counted.length) : afterText);
    const ofWords: string[] = [];
    for (const w of of ? of[1]!.trim().split(/\s+/) : []) {
      if (PHRASE_STOP.has(w.toLowerCase()) || DETERMINERS.test(w)) break;
      ofWords.push(w);
    }
    if (ofWords.length && counted === unit) return ofWords.join(' ');
    // "a 40-minute meeting", "a 73-storey office tower": the compound names what is measured.
    const named = counted.split(' ').filter((_w, k, all) => !all.slice(1, k + 1).some((x) => /^\p{Ll}+ed$/u.test(x) || FUNCTION_WORDS.has(x)));
    if (compound && !VAGUE_SPAN.test(named[named.length - 1] ?? '')) {
      // "The Center, a 73-storey office tower, …": the name the compound describes is what it is about.
      const appositive = /((?:\p{Lu}[\p{L}\p{N}&'’-]*\s){0,3}\p{Lu}[\p{L}\p{N}&'’-]*),\s+(?:a|an)\s+$/u.exec(before);
      if (appositive) {
        const words = appositive[1]!.split(/\s+/);
        const the = words.lastIndexOf('The');
        return (the > 0 ? words.slice(the) : words).join(' ');
      }
      return named.join(' ');
    }
    const apposition = MEASURED_APPOSITION.exec(before);
    if (apposition) {
      const ws = apposition[1]!.split(/\s+/).filter((w) => !DETERMINERS.test(w) && !/\p{N}/u.test(w));
      if (ws.length) return ws.join(' ');
    }
    const byVerb = MEASURED_BY_VERB.exec(before);
    if (byVerb) return clean(byVerb[1]!);
    // "winds of 140 km/h", "gusts of up to 150 km/h", "a depth of 30 metres": the noun the figure is "of".
    const ofNoun = /(?:^|\s)([\p{Ll}][\p{Ll}-]+)\s+of\s+(?:up to\s+|about\s+|around\s+|nearly\s+|almost\s+|more than\s+|over\s+)?$/u.exec(before);
    if (ofNoun && !FUNCTION_WORDS.has(ofNoun[1]!) && !RANKS_ONLY.test(ofNoun[1]!)) return ofNoun[1]!;
    // Nothing names it here: the article's entities decide (never the unit itself).
    return null;
  }
  // "The meeting lasted around 50 minutes", "his visit of about 36 hours": what lasted.
  if (counted && /^(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)$/i.test(counted)) {
    const lasted = /\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)\s+([\p{L}-]+)\s+(?:lasted|took|lasting|of|ran|runs|spanned)\s+(?:for\s+)?(?:about\s+|around\s+|nearly\s+|almost\s+|more than\s+|just\s+)?$/u.exec(before);
    if (lasted) return lasted[1]!;
  }
  if (counted) {
    // "ASEAN's 10 members", "the bloc's 10 members": the possessor says whose.
    const owner = /([\p{L}-]+)['’]s\s+$/u.exec(before);
    return owner ? `${owner[1]} ${counted}` : counted;
  }
  // "$250 million in anchor commitments" (money only: "at 3,133.74 in just a day" is not about a day)
  // ("in just a few hours", "in two days" say when, not what).
  const inPhrase =
    isCurrencyUnit(unit) &&
    !/^\s+in\s+(?:just\s+|only\s+|under\s+|less than\s+)?(?:a\s+few\s+|the\s+(?:past|last|first|next)\s+|\S+\s+)?(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\b/.test(afterText) &&
    /^\s+(?:in|of|for|worth of)\s+((?:the\s+)?[^,.;()]{2,50}?)(?=[,.;()]|\s+(?:and|that|which|as|from|to|by|on|in|at|with)\b|$)/.exec(afterText);
  if (inPhrase) return clean(inPhrase[1]!);
  if (at && VERBISH.test(at[1]!.trim())) {
    // "the previous year-high set at 3,133.74": the noun phrase before the verb.
    const np = /(?:its|the|their|a|an)\s+((?:[\p{L}-]+\s){0,2}[\p{L}-]+)\s+$/u.exec(before.replace(/\s*(?:at|to|of)\s+(?:about\s+|around\s+|nearly\s+)?$/, ' '));
    if (np) {
      const words = np[1]!.split(/\s+/).filter((w) => !VERBISH.test(w));
      if (words.length) return clean(words.join(' '));
    }
  }
  // "market capitalization ... reached 3,020.8 trillion won"
  // "assets under management (AUM) totaling $5 billion": an acronym in brackets is left out.
  const verb =
    /((?:[\p{L}-]+\s){1,5})(?:reached|reaching|rose to|fell to|stood at|totaled|totalled|totaling|totalling|hit|was|were|is|of|at|to|worth|valued at|amounted to|amounting to|exceeding)\s+(?:about\s+|around\s+|nearly\s+|more than\s+|over\s+)?$/u.exec(
      before.replace(/\s*\([\p{Lu}\p{N}&.-]{2,12}\)(?=\s)/gu, ''),
    );
  if (verb) {
    let raw = verb[1]!.trim().split(/\s+/);
    // "The firm expects revenue of $12 billion", "posted a profit of": what is measured follows the clause's verb.
    const verbAt = raw.findLastIndex((w) => CLAUSE_VERB.test(w));
    if (verbAt >= 0 && verbAt < raw.length - 1) raw = raw.slice(verbAt + 1);
    const ws = raw.filter((w) => !DETERMINERS.test(w) && !VERBISH.test(w));
    return clean(ws.slice(-4).join(' '));
  }
  if (at && !VERBISH.test(at[1]!.trim())) return clean(at[1]!);
  // "sold in 2018 for a record HK$40.2 billion": a year and words that only rank the figure ("record",
  // "half") are not what it is about.
  const near = wordsBefore(text, start, 4).filter(
    (w) => !DETERMINERS.test(w) && !PHRASE_STOP.has(w.toLowerCase()) && !VERBISH.test(w) && !RANKS_ONLY.test(w) && !/^\p{N}+$/u.test(w) && !/^(?:sold|bought|paid|spent|raised|made|won|lost|got|took)$/i.test(w),
  );
  return near.length ? clean(near.join(' ')) : null;
}

const FRACTIONS: Record<string, number> = { '½': 1 / 2, '¼': 1 / 4, '¾': 3 / 4, '⅓': 1 / 3, '⅔': 2 / 3, '⅛': 1 / 8, '⅜': 3 / 8, '⅝': 5 / 8, '⅞': 7 / 8 };

/** Every figure in the text, in order. */
export function findFigures(text: string, sentences: Sentence[]): FoundFigure[] {
  const figures: FoundFigure[] = [];
  const undecided = new Set<FoundFigure>();
  const scales = new Map<FoundFigure, number>();
  const counts = new Map<FoundFigure, string>();
  for (const m of text.matchAll(NUMBER)) {
    const g = m.groups!;
    const numText = g.num!;
    const start = m.index!;
    let end = start + m[0].length;
    const before = text.slice(Math.max(0, start - 12), start);
    // "2½ feet": a vulgar fraction after the digits adds to them.
    const raw = (g.sign ? -1 : 1) * (Number(numText.replace(/,/g, '')) + (g.frac ? FRACTIONS[g.frac]! : 0));
    if (!Number.isFinite(raw)) continue;
    // "July 10", "Aug. 1": day of a date.
    if (MONTH.test(before.trimEnd()) && !g.cur && !g.pct) continue;
    // "6.44am GMT", "7 p.m.": a clock time.
    if (!g.cur && !g.pct && /^\s?(?:am|pm|a\.m\.|p\.m\.)(?!\p{L})/iu.test(text.slice(end, end + 6))) continue;
    // "the Orbit 7 tablet", "a Boeing 737", "Update 5.50": a small plain number right after a name word (not a
    // sentence's first word) is part of the name.
    if (
      !g.cur &&
      !g.pct &&
      !g.scale &&
      !g.short &&
      !g.suffix &&
      !g.frac &&
      !g.sign &&
      /^\d{1,3}(?:\.\d{1,2})?$/.test(numText) &&
      !PAIR_NEXT.test(text.slice(end, end + 6)) &&
      /[\p{L}\p{N},;]\s+\p{Lu}[\p{L}-]*\s$/u.test(text.slice(Math.max(0, start - 40), start)) &&
      !new RegExp(`(?:${WEEKDAY_NAMES})\\s$`).test(before) &&
      // "told CNN 12 people" counts; "the Falcon 9 rockets", "SpaceX Falcon 9 rockets" name a model.
      (!countsNoun(phraseAfter(text, end, 1)) || MODEL_NAME_BEFORE.test(text.slice(Math.max(0, start - 40), start)))
    )
      continue;
    // "the 62-year-old coach": an age is not a figure.
    if (g.suffix && /^-old\b/.test(text.slice(end, end + 5))) continue;
    // "the 40m dry well", "dug 13m down": a bare "m" is metres unless money or a count follows ("40m people").
    const metres = g.short === 'm' && !g.cur && !g.pct && !countsNoun(phraseAfter(text, end, 1)) && !CURRENCY_WORDS[phraseAfter(text, end, 1).toLowerCase()];
    const scaleWord = metres ? '' : (g.scale ?? g.short ?? '').toLowerCase();
    const scale = SCALES[scaleWord] ?? 1;
    let unit: string | null = metres ? 'metres' : null;
    let counted: string | null = unit;
    if (g.pct) unit = /point/.test(g.pct) ? 'percentage point' : 'percent';
    else if (g.cur) unit = CURRENCY_SYMBOLS[g.cur] ?? null;
    if (g.suffix) {
      const suffix = g.suffix.slice(1);
      if (suffix === 'fold') unit = 'fold';
      else if (suffix !== 'strong' && suffix !== 'member') {
        // "a 90-day grace period": the duration is of the thing named after it.
        unit = suffix;
        counted = phraseAfter(text, end, 3) || null;
      }
    }
    const follow = phraseAfter(text, end, 4);
    const area = !unit ? AREA_UNIT.exec(text.slice(end, end + 30)) : null;
    if (area) {
      unit = area[1] ? 'square feet' : area[2] ? 'square metres' : `${area[3]!.toLowerCase()} ${area[4]!.toLowerCase()}`;
      counted = unit;
      end += area[0].replace(/\s+$/, '').length;
    }
    // "Dauer is 65 years old": an age, not a figure.
    if (/^\s+years?\s+old\b/i.test(text.slice(end, end + 12)) && !g.cur && !g.pct && !g.scale) continue;
    // "80 years ago" is a date, not a figure.
    if (/^\s+(?:years?|months?|weeks?|days?|decades?)\s+ago\b/i.test(text.slice(end, end + 20)) && !g.cur && !g.pct) continue;
    // "30cm-diameter", "50,000km", "64 metric tons": short and metric units by their names.
    const metric = !unit ? METRIC_UNIT.exec(text.slice(end, end + 16)) : null;
    if (metric) {
      unit = METRIC_NAMES[metric[1]!.toLowerCase().replace(/\s+/g, ' ')]!;
      counted = unit;
      end += metric[0].length;
    }
    // "10 to 30 miles": a range's start takes its end's unit (joinRanges), not a word after its end.
    if (!unit && !RANGE_NEXT.test(text.slice(end, end + 8))) {
      const first = follow.split(' ')[0]?.toLowerCase() ?? '';
      if (CURRENCY_WORDS[first]) {
        unit = CURRENCY_WORDS[first];
        end = text.indexOf(follow.split(' ')[0]!, end) + first.length;
      } else if (follow && MEASUREMENT_UNIT.test(first) && !/^(?:foot|story|storey|degree|square|cubic)$/.test(first)) {
        // "210 mm of rain", "winds of 140 km/h": a unit of measurement written after the number;
        // "30 miles per second": a speed.
        const per = /^\s*\S+\s+(per\s+(?:second|minute|hour))\b/i.exec(text.slice(end, end + 40));
        unit = `${first === 'lbs' ? 'lb' : first}${per ? ` ${per[1]!.toLowerCase()}` : ''}`;
        counted = first;
      } else if (follow) {
        // "28,500 US troops", "4,200 dockworkers", "28,500-strong US Forces Korea"
        const nounWords = follow.split(' ');
        let nounIndex = nounWords.findIndex((w) => COUNT_NOUNS.test(w));
        if (nounIndex < 0 || nounIndex > 2) nounIndex = pluralNounAt(nounWords, !(raw >= 1900 && raw <= 2100 && !numText.includes(',')));
        // "50,000 Koreans", "300 Canadians": a people's plural name is counted too.
        if (nounIndex < 0 && /^[\p{Lu}][\p{Ll}]+ans$/u.test(nounWords[0] ?? '')) nounIndex = 0;
        if (nounIndex >= 0 && nounIndex <= 2) {
          const noun = nounWords[nounIndex]!;
          unit = /[A-Z]{2}/.test(noun) || /^[\p{Lu}][\p{Ll}]+ans$/u.test(noun) ? noun : noun.toLowerCase();
          counted = nounWords.slice(0, nounIndex + 1).join(' ');
        } else if (g.suffix === '-strong' || g.suffix === '-member') {
          unit = g.suffix === '-strong' ? 'troops' : 'members';
          counted = follow;
        }
      }
    }
    // "funded 1,530 companies in 2021, but only 930 in 2023", "dropped from 900 companies to 590": a
    // bare number compared with a count of its sentence counts the same thing (a year never does).
    // It is a figure as written, without a unit the text does not give.
    const last = figures[figures.length - 1];
    const comparand =
      !unit &&
      !scaleWord &&
      !g.cur &&
      !!last?.unit &&
      !/^(?:percent|percentage point|[A-Z]{3})$/.test(last.unit) &&
      !(raw >= 1900 && raw <= 2100 && !numText.includes(',')) &&
      last.sentenceIndex === sentences.find((s) => s.start <= start && start < s.end)?.index &&
      COMPARAND_BEFORE.test(text.slice(Math.max(last.end, start - 30), start));
    // "143 of the 300 seats", "12 of its 40 stores": the part counts what the whole counts.
    if (!unit && !scaleWord && !g.cur) {
      const ofWhole = /^\s+of\s+(?:the\s+|its\s+|their\s+|all\s+)?\d[\d,]*\s+([\p{L}-]+(?:\s[\p{L}-]+)?)/u.exec(text.slice(end, end + 60));
      const words = ofWhole ? ofWhole[1]!.split(' ') : [];
      let k = words.findIndex((w) => COUNT_NOUNS.test(w));
      if (k < 0) k = pluralNounAt(words);
      if (k >= 0) {
        unit = words[k]!.toLowerCase();
        counted = words.slice(0, k + 1).join(' ');
      } else if (!ofWhole) {
        // "21 of the schoolgirls abducted": a part of a group the text counts in that group's noun.
        const ofGroup = /^\s+of\s+(?:the|our|its|their|these|those)\s+([\p{Ll}][\p{Ll}-]*)\b/u.exec(text.slice(end, end + 40));
        if (ofGroup && isPluralNoun(ofGroup[1])) {
          unit = ofGroup[1]!;
          counted = unit;
        }
      }
    }
    // A bare year or a bare small number is not a figure: "in 2006", "one of 3". A bare number
    // written with grouping or decimals is ("closed at 3,183.23").
    // "30-40 percent tariffs", "6-12 inches": a hyphen joins a range's ends into one written figure, left out.
    const afterHyphen = PAIR_BEFORE.test(text.slice(Math.max(0, start - 5), start));
    if (afterHyphen && (unit || scaleWord || g.cur)) continue;
    let pending = false;
    if (!unit && !scaleWord && !comparand) {
      if (raw >= 1900 && raw <= 2100 && !numText.includes(',')) continue;
      // "between 20 and 30 percent", "the Indians 8-7": a bare number joined to the next is decided with it.
      if (!counted && !/[,.]/.test(numText) && !g.sign) {
        if (!RANGE_NEXT.test(text.slice(end, end + 8)) && !afterHyphen) continue;
        pending = true;
      }
    }
    // "600 trillion won from around 1,963 trillion": the unit carries over within a sentence.
    const previous = figures[figures.length - 1];
    if (!unit && scaleWord && previous?.unit && previous.sentenceIndex === sentences.find((s) => s.start <= start && start < s.end)?.index && isCurrencyUnit(previous.unit)) {
      unit = previous.unit;
    }
    const sentence = sentences.find((s) => s.start <= start && start < s.end);
    // "win percentage (.292", "turnover differential (-24)", "a .500 record": a bare signed or
    // point-led number is a statistic, whose the clause's first name says, as a score's.
    const statistic = !unit && !scaleWord && (!!g.sign || numText.startsWith('.'));
    const subject = (statistic ? scoreSubjects(text.slice(Math.max(0, start - 200), start))[0] : null) ?? subjectFor(text, start, end, unit, counted, !!g.suffix);
    const figure = {
      start,
      end,
      text: text.slice(start, end).trim(),
      value: raw * scale,
      unit,
      subject,
      context: sentence?.text ?? text.slice(Math.max(0, start - 100), end + 100),
      sentenceIndex: sentence?.index ?? -1,
    };
    figures.push(figure);
    if (pending) undecided.add(figure);
    if (scale !== 1) scales.set(figure, scale);
    if (counted) counts.set(figure, counted);
  }
  return joinRanges(text, figures, undecided, scales, counts);
}

// A name word after "the" or after another name word: what a number right after it belongs to.
const MODEL_NAME_BEFORE = /(?:(?:^|\s)the|(?<![\p{L}-])(?!(?:In|On|At|For|From|By|With|To|Of|As|And|But|Or|Under|After|Before|Since|During|When|While)\s)\p{Lu}[\p{L}\p{N}-]*)\s+\p{Lu}[\p{L}-]*\s$/u;

// A bare number joined to the next one: "5 to 13 meters", "20 and 30 percent", "6-12 inches", "8-7".
const RANGE_NEXT = /^\s*(?:-|–|to|and)\s*(?:US\$|[$€£¥₩])?\.?\d/;
/** What stands between a range's two ends: "5 to 13", "20 and 30", "8-7". */
export const RANGE_BETWEEN = /^\s*(?:-|–|to|and)\s*$/i;
// "8-7", "a 5-11 season", "went 14-34": two plain numbers of up to three digits joined by a hyphen.
const PAIR_NEXT = /^-\d{1,3}(?![\d.,:/%\p{L}-])/u;
const PAIR_BEFORE = /(?<![\p{L}\p{N}.,:$-])\d{1,3}-$/u;
// A model designation, not a score: "a Boeing 737-800 jet", "the 747-400" — a pair followed by a craft's noun, or a
// three-digit model number with a round-hundred variant ("-800") in a sentence that says nothing of a game.
const CRAFT_AFTER = /^\s*(?:(?:\p{Lu}[\p{L}\p{N}]*|twin-engine|wide-body|narrow-body)\s+)?(?:jet|jetliner|airliner|aircraft|airplane|plane|freighter|helicopter|engine|variant|model|version)s?(?!\p{L})/iu;
const SPORTS_WORDS =
  /\b(?:beat|beats|beaten|defeat\w*|edg\w*|won|wins?|winning|lost|los(?:e|es|ing)|loss(?:es)?|victor\w*|record|seasons?|scor\w*|lead|led|trail\w*|games?|match\w*|innings?|quarters?|half|halves|periods?|overtime|tied?|draw|drew|clinch\w*|went|playoffs?|league|points?|goals?|runs?)\b/i;
function isDesignation(text: string, f: FoundFigure, next: FoundFigure): boolean {
  if (CRAFT_AFTER.test(text.slice(next.end, next.end + 40))) return true;
  return /^\d{3}$/.test(f.text) && /^[1-9]00$/.test(next.text) && !SPORTS_WORDS.test(f.context);
}

// A name: capitalised words, a sentence's "The" left out.
const NAME_WORDS = /(?:\p{Lu}[\p{L}.'’-]*)(?:\s+\p{Lu}[\p{L}.'’-]*)*/gu;

/**
 * Whose a score or record is, from the clause before it: "Fox's career coaching record to 133-123"
 * (Fox both), "The Cubs edged out the Indians 8-7" (the clause's first name scored the first number,
 * the name right before the score the second), "the Bears went 5-11" (the Bears both).
 */
function scoreSubjects(before: string): [string | null, string | null] {
  // An aside in brackets ("(.292 -- only the Browns were worse)") is left out.
  const clause =
    before
      .replace(/\([^()]*\)/g, ' ')
      .split(/[.;:!?()"“”]\s|\n/)
      .pop() ?? '';
  const owner = /(\p{Lu}[\p{L}-]*)['’]s\s+(?:[\p{L}-]+\s+){0,3}(?:record|mark)\s+(?:to|of|at|is|was|stands at|fell to|dropped to)?\s*$/u.exec(clause);
  if (owner) return [owner[1]!, owner[1]!];
  // "Under Fox, the Bears …": a name after a preposition is not whose the score is.
  const names = [...clause.matchAll(NAME_WORDS)]
    .map((m) => ({ name: m[0].replace(/^(?:The|A|An)\s+/, ''), end: m.index! + m[0].length }))
    .filter((n) => !/^(?:The|A|An)$/.test(n.name) && !FUNCTION_WORDS.has(n.name.split(/\s+/)[0]!.toLowerCase()));
  if (!names.length) return [null, null];
  const first = names[0]!.name;
  const last = names[names.length - 1]!;
  const rightBefore = names.length > 1 && /^\s*$/.test(clause.slice(last.end));
  return [first, rightBefore ? last.name : first];
}

/**
 * A range's start without a unit takes its end's ("5 to 13 meters": 5 meters; "2 to 3 million
 * people": 2 million people), and both what the words before the start say it is about. Two plain numbers joined by a hyphen with no unit
 * are a score or record ("8-7", "14-34"): two figures, no unit. Any other bare number left
 * undecided is dropped.
 */
function joinRanges(text: string, figures: FoundFigure[], undecided: Set<FoundFigure>, scales: Map<FoundFigure, number>, counts: Map<FoundFigure, string>): FoundFigure[] {
  const kept = new Set<FoundFigure>();
  for (let i = 0; i < figures.length - 1; i++) {
    const [f, next] = [figures[i]!, figures[i + 1]!];
    const between = text.slice(f.end, next.start);
    if (f.unit || f.sentenceIndex !== next.sentenceIndex || !RANGE_BETWEEN.test(between)) continue;
    if (next.unit && !scales.has(f)) {
      f.unit = next.unit;
      f.value *= scales.get(next) ?? 1;
      // What the range is of is said before its start ("an altitude of 10 to 25 miles").
      f.subject = next.subject = subjectFor(text, f.start, f.end, next.unit, counts.get(next) ?? null) ?? next.subject;
      kept.add(f);
    } else if (!next.unit && between === '-' && /^\d{1,3}$/.test(f.text) && /^\d{1,3}$/.test(next.text) && !isDesignation(text, f, next)) {
      kept.add(f);
      kept.add(next);
      [f.subject, next.subject] = scoreSubjects(text.slice(Math.max(0, f.start - 160), f.start));
    }
  }
  return figures.filter((f) => !undecided.has(f) || kept.has(f));
}

/** A figure's value for people: "3,020.8 trillion", "36". */
export function formatValue(value: number): string {
  const abs = Math.abs(value);
  for (const [word, size] of [
    ['trillion', 1e12],
    ['billion', 1e9],
    ['million', 1e6],
  ] as const) {
    if (abs >= size) return `${Number((value / size).toPrecision(6)).toLocaleString('en-US')} ${word}`;
  }
  return Number(value.toPrecision(8)).toLocaleString('en-US');
}
