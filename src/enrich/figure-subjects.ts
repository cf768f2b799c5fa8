// What each figure of an article is about and what it measures: the entity (country, company,
// person) or product it concerns, found in its subject phrase, else in its sentence, else in the
// sentences just before it ("The deal lowers the threatened 25% levy to 15%" is Seoul's levy when
// the sentence before names Seoul); the measure in a few plain words ("tariff", "defence spending");
// and whether the figure is the old or the new value of a change told in one sentence ("lowered
// from 25% to 15%", "a 15% tariff, down from 25%"), so a story can tell a change from a dispute.
// Pure: works on the text, its sentences, figures and entities.
import type { FoundEntity } from './entities.ts';
import { COMPARAND_BEFORE, type FoundFigure, isCurrencyUnit } from './figures.ts';
import type { Sentence } from '../text/sentences.ts';
import { FUNCTION_WORDS } from '../text/stopwords.ts';
import { type Gender, gendersOf } from './quotes.ts';

export type FigureChange = 'from' | 'to';

export interface FigureAbout {
  /** The entity the figure is about, when one is named (first), and others it equally concerns. */
  subjectKeys: string[];
  /** What is about when no entity is: a product ("steel", "cars"), else the subject phrase. */
  subject: string | null;
  measure: string;
  change: FigureChange | null;
}

// The measures a news figure most often is, by the words that name them; the first that
// matches near the figure wins.
const MEASURES: [RegExp, string][] = [
  [/\bsav(?:e|es|ing|ings)\b/i, 'savings'],
  [/\b(?:tariffs?|levy|levies|dut(?:y|ies))\b/i, 'tariff'],
  [/\bdefen[cs]e\b/i, 'defence spending'],
  // Before shares: "the benchmark rate" is a central bank's, not a market's.
  [/\b(?:(?:key|benchmark|lending|deposit|repo|cash|bank)\s+(?:interest\s+)?rates?)\b/i, 'interest rate'],
  [/\b(?:shares|stocks?|Nikkei|Kospi|index|benchmark)\b/i, 'shares'],
  // ("an analyst at investment bank X": a kind of firm, not an investment.)
  [/\b(?:investment(?!\s+(?:bank|banks|banker|bankers|banking|firm|firms|house|houses|company|companies|group|adviser|advisers|advisor|advisors|manager|managers)\b)|invest(?:ing)?|fund|pledge)\b/i, 'investment'],
  [/\b(?:policy rate|interest rates?|base rate|overnight rate)\b/i, 'interest rate'],
  [/\b(?:growth|GDP|gross domestic product|economic output)\b/i, 'economy'],
  [/\binflation\b/i, 'inflation'],
  [/\b(?:revenues?|sales|turnover)\b/i, 'revenue'],
  [/\b(?:profits?|earnings|net income)\b/i, 'profit'],
  [/\bunemployment\b/i, 'unemployment'],
  [/\b(?:pric(?:e|es|ed|ing)|costing|retail(?:s|ing)?\s+(?:at|for))\b/i, 'price'],
];
const MARKET_INDEX = /\b(?:Nikkei|Kospi|Kosdaq|Nasdaq|Dow Jones|FTSE|DAX|CAC|Hang Seng|S&P|TSX|Stoxx)\b/;
// Subject phrases that only repeat the measure ("the rate", "levy", "its goods"): not what a figure is about.
// "a record of 1.2 million", "half of the $693 million": words that rank a figure say nothing of what it is.
const VAGUE_SUBJECT =
  /^(?:(?:the|its|their|a|an|this|that|new|threatened|separate|current|higher|lower|sector|previous|fresh|all-time|annual)\s+)*(?:rates?|tariffs?|levy|levies|dut(?:y|ies)|goods|imports|exports|one|it|share|cut|increase|rise|target|level|record|high|low|peak|half|total|sum|amount|figure|number|average|tally)$/i;
// "4.8 percent of GDP": a share of the economy; what it measures is in the clause before.
const SHARE_OF_ECONOMY = /^(?:the\s+|its\s+|their\s+)?(?:gross domestic product|GDP|(?:annual\s+)?economic output|national output)\b/i;
// "over four years", "last year": when, not what.
const TRAILING_TIME = /\s+(?:(?:over|in|within|for|by|during)\s+(?:the\s+)?(?:\w+\s+)?(?:years?|months?|weeks?|days?|decade)|(?:last|this|next|a|per|each)\s+(?:year|month|week|quarter))$/i;
// Measures a country or company holds (its tariff, its pledge): a capital stands for its country.
const PRODUCT = /\b(?:steel|aluminium|aluminum|cars?|autos?|vehicles|chips?|semiconductors?|pharmaceuticals|lumber|copper|oil|beef|rice|coffee|ships?)\b/i;
// "SEOUL —", "WASHINGTON, July 7 (Meridian Wire) —": where the story was filed, not what it is about.
const DATELINE = /^[\p{Lu}][\p{Lu}\s.,'’-]{2,40}?(?:,\s*[\p{Lu}][\p{L}.]*\s+\d{1,2})?(?:\s*\([^)]{2,40}\))?\s*[—–-]\s*/u;
const NEIGHBOURS = 2;
// Measures only a company has: its profit, its revenue.
const COMPANY_MEASURE = /^(?:profit|revenue)$/;
/**
 * What lies between an amount and the same amount in another currency: "¥1.9 trillion ($12.9
 * billion)", "€12 billion, or about $13 billion", "(about $12.9 billion)".
 */
export const CONVERSION_BETWEEN = /^\s*(?:\(\s*(?:(?:or|about|around|roughly|some|nearly|almost|approximately|equivalent to|worth)\s+)*|,?\s*(?:or\s+)?(?:about|around|roughly|approximately|equivalent to|the equivalent of)\s+|,?\s*or\s+)$/i;
// "the won strengthened to 1,362 per dollar": a currency's rate is its country's exchange rate.
const CURRENCY_COUNTRY: Record<string, string> = {
  won: 'KR',
  yen: 'JP',
  yuan: 'CN',
  renminbi: 'CN',
  rupee: 'IN',
  ringgit: 'MY',
  baht: 'TH',
  peso: 'MX',
  real: 'BR',
  rouble: 'RU',
  ruble: 'RU',
  lira: 'TR',
};
// Words that name a measure or fill a phrase around it; a phrase of nothing else names no subject.
const MEASURE_WORDS =
  /\b(?:the|a|an|its|their|his|her|this|that|new|threatened|separate|current|proposed|planned|annual|total|overall|tariffs?|levy|levies|dut(?:y|ies)|rates?|investment|pledge|fund|budget|spending|defen[cs]e|growth|goods|imports|exports|share|target|cut|increase|rise|jump|drop|decrease|decline|fall|gain|loss|hike|reduction|surge|remains?|stood|stands?|savings?|one)\b/gi;

function measureOf(subject: string | null, clause: string, unit: string | null, sentence = '', earlier: string[] = []): string {
  // "a 15% chance of a cut": a likelihood, whatever it is of (its words say of what).
  if (subject && /^(?:chance|probability|likelihood|risk|odds)\s+(?:of|that)\s/i.test(subject)) return 'probability';
  const order = subject && SHARE_OF_ECONOMY.test(subject) ? [clause, subject] : [subject ?? '', clause];
  for (const source of order) for (const [pattern, name] of MEASURES) if (pattern.test(source)) return name;
  if (unit && !/^(?:percent|percentage point|[A-Z]{3})$/.test(unit)) return unit;
  const head = headNoun(subject, sentence);
  if (head) return head;
  // The measure the rest of the sentence names ("Tariffs rise for six countries: Cambodia at 36 percent").
  for (const [pattern, name] of MEASURES) if (pattern.test(sentence)) return name;
  // "Cambodia at 36 percent", "Harwick University at 30 percent": a name is whose, not what is
  // measured; the sentences just before say what the list is of.
  const named = !!subject && /^\p{Lu}/u.test(subject.split(/\s+/).at(-1) ?? '');
  if (named && (unit === 'percent' || unit === 'percentage point')) for (const text of earlier) for (const [pattern, name] of MEASURES) if (pattern.test(text)) return name;
  return unit ?? 'figure';
}

// Verbs a subject phrase may run into ("its exports go", "Law Society paid", "remain").
const PHRASE_VERB = /^(?:go|goes|went|remain|remains|remained|stay|stays|stayed|pay|pays|paid|get|gets|got|saw|see|sees|hit|hits|make|makes|made|take|takes|took|reach|reaches|reached|come|comes|came)$/i;

/**
 * The noun a subject phrase is about, as a measure's name: its last word before a dash, a verb or a
 * trailing "of"/"on" phrase ("signal" is not of "anchor commitments — a strong signal of trust"); null
 * when that word is a name ("Cambodia", "Seoul National"), a possessive or a function word.
 */
function headNoun(subject: string | null, sentence = ''): string | null {
  if (!subject) return null;
  const words: string[] = [];
  for (const w of subject
    .replace(TRAILING_TIME, '')
    .split(/\s+[—–-]\s+/)[0]!
    .replace(/\s+(?:on|of|for|in|from)\s.*$/, '')
    .split(/\s+/)) {
    if (NP_END.test(w) || PHRASE_VERB.test(w)) break;
    words.push(w);
  }
  const head = words.at(-1);
  // "Turnout reached 68.4%": a sentence's first word is capitalised without being a name.
  const first = words.length === 1 && sentence.trimStart().startsWith(head ?? '-');
  if (!head || (/^\p{Lu}/u.test(head) && !first) || /\p{N}/u.test(head) || /['’]s?$/.test(head) || FUNCTION_WORDS.has(head.toLowerCase()) || /^(?:the|a|an|its|their)$/i.test(head)) return null;
  return head.toLowerCase();
}

/** Mentions of places and organisations in [start, end), in text order, datelines left out. */
function mentionsIn(entities: FoundEntity[], start: number, end: number, skipUntil: number, placesOnly = false, people = false): { key: string; at: number; kind: string }[] {
  const out: { key: string; at: number; kind: string }[] = [];
  for (const e of entities) {
    if ((e.kind === 'person' && !people) || (placesOnly && e.kind !== 'place')) continue;
    for (const m of e.mentions) if (m.start >= Math.max(start, skipUntil) && m.end <= end) out.push({ key: countryOf(e), at: m.start, kind: e.kind });
  }
  return out.sort((a, b) => a.at - b.at);
}

/** A city stands for its country in a figure's subject ("Tokyo traded a 25% tariff"). */
function countryOf(e: FoundEntity): string {
  return e.kind === 'place' && e.code ? `place:${e.code}` : e.key;
}

/** A colon that opens a quotation still open at the end ('X continued: "…'): a clause starts there. */
const QUOTE_OPENED = /:\s*["“](?=[^"“”]*$)/;

/** The clause around a figure: from the last clause break before it to the next one after. */
function clauseAround(text: string, sentence: Sentence, start: number, end: number): { from: number; to: number } {
  const before = text.slice(sentence.start, start);
  // (A colon before a quotation opens the speaker's own clause: 'Mr Dale said: "Some 30 percent …"'.)
  const breakAt = Math.max(before.lastIndexOf(';'), before.lastIndexOf(' — '), before.lastIndexOf(', while'), before.lastIndexOf(', and'), before.search(QUOTE_OPENED));
  const after = text.slice(end, sentence.end);
  const next = after.search(/[;,]|\s(?:while|but|starting|after|before|which|unless|if|because|until|when|so that)\s/);
  return { from: breakAt >= 0 ? sentence.start + breakAt + 1 : sentence.start, to: next >= 0 ? end + next : sentence.end };
}

/** Old and new values of one change within a sentence. */
function changes(text: string, figures: FoundFigure[]): Map<FoundFigure, FigureChange> {
  const out = new Map<FoundFigure, FigureChange>();
  for (let i = 0; i < figures.length; i++) {
    for (let j = i + 1; j < figures.length; j++) {
      const a = figures[i]!;
      const b = figures[j]!;
      if (a.sentenceIndex !== b.sentenceIndex || a.unit !== b.unit || a.value === b.value) continue;
      const between = text.slice(a.end, b.start);
      const beforeA = text.slice(Math.max(0, a.start - 40), a.start);
      const beforeB = text.slice(Math.max(0, b.start - 40), b.start);
      if (/rang\w*\s+from\s+$|between\s+$/i.test(beforeA)) continue; // a range, not a change
      // "lowers the threatened 25% levy to 15%", "from 25% to 15%", "traded a 25% tariff for a 15% one"
      if (between.length < 60 && /(?:^|\s)(?:to|for an?)\s+(?:about\s+|around\s+|roughly\s+|just\s+)?$/i.test(between) && !/[;.]/.test(between)) {
        out.set(a, 'from');
        out.set(b, 'to');
        // "a 15% tariff …, down from the 25% rate", "to 3.5% … from about 2.6% now"
      } else if (/\bfrom\s+(?:the\s+|about\s+|around\s+|roughly\s+|a\s+)?$/i.test(beforeB) && !/[;.]/.test(between)) {
        out.set(b, 'from');
        out.set(a, 'to');
      }
    }
  }
  return out;
}

// "falling 7 percent", ", a 39.2 percent cut", "down 6.6 percent from": a change told beside the
// clause it belongs to is a change of what that clause is about.
const CHANGE_BEFORE = /(?:,\s*(?:an?\s+)?|\b(?:falling|rising|dropping|climbing|jumping|sliding|slipping|gaining|losing|down|up|off)\s+(?:by\s+)?(?:about\s+|around\s+|nearly\s+|more than\s+|almost\s+|some\s+|roughly\s+)?)$/i;
const CHANGE_NOUN = /^\s*(?:cut|increase|decrease|jump|drop|rise|fall|decline|gain|loss|reduction|surge|slump|hike)\b/i;
const CHANGE_PARTICIPLE = /\b(?:falling|rising|dropping|climbing|jumping|sliding|slipping|gaining|losing|down|up|off)\s+(?:by\s+)?(?:about\s+|around\s+|nearly\s+|more than\s+|almost\s+|some\s+|roughly\s+)?$/i;
// Words that end the noun phrase a clause opens with: auxiliaries, common verbs, adverbs.
const NP_END =
  /^(?:is|are|was|were|be|been|will|would|could|can|may|might|must|should|shall|has|have|had|do|does|did|also|alone|still|now|then|only|remain|remains|saw|sees|see|stood|stands|rose|fell|grew|hit|reached|got|gets|made|makes|faces|face|holds|held|set|sets|accounts?|account|said|says|told|expects?|plans?|wants?|needs?|took|takes|won|wins|lost|loses|led|leads|beat|beats|drew|tops|topped|went|goes|came|comes|become|became|sent|paid|built|sold|known|given|taken|shown|seen|collectively|together|nationwide|which|who|that|to|at|in|on|by|for|from|with|as|than|after|before|while|but|or|because|since|over|under|into|about)$/i;
const NP_LEAD = /^(?:the|a|an|its|their|his|her|this|that|these|those|some|all|each|both)\s+/i;

// Verbs that report what follows them: "X said that", "a study found that".
const REPORTING_VERB = 'said|says|added|announced|reported|showed|shows|show|estimated?|estimates|expects?|forecast|predicted|warned|found|finds|concluded|suggests?';
const REPORTING_FRAME = new RegExp(String.raw`^[^,;]{0,160}?\b(?:${REPORTING_VERB})\s+(?:that\s+)?`);

// "This year,", "Last weekend,": a time that leads a clause ("This particular meteor, …" is its subject, not a lead).
const TIME_WORD =
  '(?:year|month|week|weekend|quarter|season|spring|summer|autumn|fall|winter|morning|afternoon|evening|night|time|decade|century|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)s?';

// Where a reported clause starts: after "said (that)", "estimated", "she had estimated that".
const REPORTED_CLAUSE = new RegExp(String.raw`\b(?:${REPORTING_VERB})\s+(?:that\s+)?`, 'g');
// What may lead a clause before its subject: a photo credit, a source, a time or manner phrase, a
// participle's phrase ("Speaking to reporters,"), a reporting frame.
const OPENING_LEAD = new RegExp(
  String.raw`^\s*(?:(?:Photo(?:graph)?|Image|Picture|Illustration):\s*(?:\p{Lu}[\p{L}.'’-]*\s){1,3}(?=\p{Lu})|[Aa]ccording to\b[^,]{0,100},\s*|(?:[Ii]n|[Oo]n|[Bb]y|[Ff]or|[Ss]ince|[Aa]fter|[Bb]efore|[Dd]uring|[Ss]imilarly|[Tt]ogether|[Mm]eanwhile|[Hh]owever|[Aa]lso|[Ss]till|[Ii]nstead|[Yy]et|[Bb]ut|[Aa]nd|[Ee]arlier|[Ll]ater)\b[^,]{0,80},\s*|(?:[Ll]ast|[Tt]his|[Nn]ext)\s+(?:[\p{L}-]+\s+)?${TIME_WORD}\b[^,]{0,60},\s*|\p{Lu}\p{Ll}+ing\s+(?:to|on|in|at|with|from|after|about|for|during|before|ahead|outside|inside|alongside)\b[^,]{0,80},\s*(?!which|who|that)|[^,]{0,160}?\b(?:${REPORTING_VERB})\s+(?:that\s+)?)`,
  'u',
);

/**
 * The noun phrase that opens the clause before a figure (its grammatical subject, roughly):
 * leading time and manner phrases ("In 2024,", "Similarly,") and reported-speech frames
 * ("London said that") left out, "the number of" dropped. Null when it is not a short noun phrase.
 */
function openingPhrase(text: string, from: number, to: number): { text: string; start: number; end: number } | null {
  let at = from;
  let rest = text.slice(from, to);
  // "Similarly, the …", "In 2024, Seoul …", "After talks …, London said that …": skip what comes first.
  for (;;) {
    const lead = OPENING_LEAD.exec(rest);
    if (!lead?.[0].length) break;
    at += lead[0].length;
    rest = rest.slice(lead[0].length);
  }
  const lead = /^\s*(?:(?:and|but|or|while|whereas)\s+)?[\s"“'‘]*/i.exec(rest)![0].length;
  const words: { w: string; end: number }[] = [];
  const tokens = [...rest.slice(lead).matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’&.-]*|[,;:()"“”‘’—]/gu)];
  for (const [i, m] of tokens.entries()) {
    const w = m[0].replace(/[.’']+$/, '');
    // "The deal lowers the …": a word in -s before a determiner or a number is the verb.
    const verbInS = words.length > 0 && /^[\p{Ll}]+s$/u.test(w) && /^(?:the|a|an|its|their|his|her|\p{N}.*)$/iu.test(tokens[i + 1]?.[0] ?? '');
    // "the won strengthened": after an article "won" is the currency, not the verb.
    const verbEnd = NP_END.test(w) && !(/^won$/i.test(w) && /^the$/i.test(words.at(-1)?.w ?? ''));
    // "revenue of 12 billion": the phrase ends before a figure.
    if (words.length && /^\p{N}/u.test(w) && !/^\p{Lu}/u.test(words.at(-1)!.w)) break;
    if (/^[,;:()—]$/.test(w) || verbEnd || verbInS || (words.length && /^[\p{Ll}]+ed$/u.test(w) && !/^(?:listed|based|red)$/.test(w))) break;
    if (/^["“”‘’]$/.test(w)) continue;
    words.push({ w, end: at + lead + m.index! + m[0].replace(/[.’']+$/, '').length });
    if (words.length > 8) return null;
  }
  while (words.length > 1 && /^(?:of|for|in|on|at|by|with|to|from)$/i.test(words.at(-1)!.w)) words.pop();
  if (!words.length) return null;
  let phrase = words.map((x) => x.w).join(' ');
  let start = at + lead;
  // "the 58-year-old coach": an age before the noun says nothing of what the phrase is.
  const stripped = phrase
    .replace(NP_LEAD, '')
    .replace(/^\p{N}+-(?:year|month)-old\s+(?=\p{L})/u, '')
    .replace(/^(?:number|share|value|count|total)\s+of\s+(?:the\s+)?/i, '');
  start += phrase.length - stripped.length;
  phrase = stripped.replace(/^["“'‘]|["”'’]$/g, '');
  if (!phrase || phrase.split(' ').every((w) => FUNCTION_WORDS.has(w.toLowerCase())) || /^(?:it|they|he|she|we|this|that|there|which|who)$/i.test(phrase) || /^\p{N}/u.test(phrase)) return null;
  return { text: phrase, start, end: words[words.length - 1]!.end };
}

/**
 * The noun phrase a name's possessive opens in [from, to) when a verb follows it ("South Korea's
 * combined stock market capitalization sharply increased"): its words and where the name stands.
 * Null when no possessive is followed by plain words and then a verb or an adverb.
 */
function possessedPhrase(text: string, from: number, to: number): { text: string; ownerStart: number; ownerEnd: number } | null {
  const span = text.slice(from, to);
  const owner = /(?:^|[\s,(])((?:\p{Lu}[\p{L}&.-]*\s+){0,3}\p{Lu}[\p{L}&.-]*)['’]s\s+/u.exec(span);
  if (!owner) return null;
  const words: string[] = [];
  let verb = false;
  for (const w of span.slice(owner.index + owner[0].length).split(/\s+/)) {
    // An adverb, a common verb or (past the first word) a past tense ends the phrase: "sharply increased".
    if (words.length && (/^\p{Ll}+ly$/u.test(w) || NP_END.test(w) || PHRASE_VERB.test(w) || /^\p{Ll}+ed$/u.test(w))) {
      verb = true;
      break;
    }
    if (!/^[\p{Ll}-]+$/u.test(w) || FUNCTION_WORDS.has(w) || words.length >= 5) return null;
    words.push(w);
  }
  if (!verb || !words.length) return null;
  const ownerStart = from + owner.index + owner[0].indexOf(owner[1]!);
  return { text: words.join(' '), ownerStart, ownerEnd: ownerStart + owner[1]!.length };
}

// Nouns that stand for an organisation already named ("the bank", "the company").
const ORGANISATION_NOUN =
  /^(?:bank|company|firm|startup|start-up|group|ministry|government|bloc|union|council|agency|party|institute|exchange|operator|carrier|airline|authority|regulator|university|club|team|league|fund|court|board|commission)$/i;

/** The organisation a definite noun phrase ("the bank") refers to: the nearest one named before it whose name holds the noun (for "company", "firm" or "group": the nearest organisation). */
function definiteReferent(text: string, entities: FoundEntity[], opening: { text: string; start: number }): string | null {
  const head = opening.text.trim();
  if (!/\bthe\s+(?:\p{N}+-\p{L}+(?:-old)?\s+)?$/iu.test(text.slice(Math.max(0, opening.start - 20), opening.start))) return null;
  if (!ORGANISATION_NOUN.test(head)) return personByRole(entities, head, opening.start);
  const generic = /^(?:company|firm|startup|start-up|group)$/i.test(head);
  // "the bloc": a union of countries ("European Union", "Association of Southeast Asian Nations").
  const holds = /^bloc$/i.test(head) ? /\b(?:Union|Community|Association|Bloc|Alliance|Cooperation Council)\b/ : null;
  let best: { key: string; at: number } | null = null;
  // Built at its first use, once for all the organisations (not once per organisation).
  let holdsHead: RegExp | null = holds;
  for (const e of entities) {
    if (e.kind !== 'organisation' || (!generic && !(holdsHead ??= new RegExp(`\\b${head}\\b`, 'i')).test(e.name))) continue;
    for (const m of e.mentions) if (m.end <= opening.start && (!best || m.start > best.at)) best = { key: e.key, at: m.start };
  }
  return best?.key ?? null;
}

/** The organisation a definite noun in [from, to) stands for ("the bloc", "the 27-nation bloc", "the company"), else null. */
function definiteInClause(text: string, entities: FoundEntity[], from: number, to: number): string | null {
  for (const m of text.slice(from, to).matchAll(/\b[Tt]he\s+(?:\p{N}+-\p{L}+\s+)?(\p{Ll}+)\b/gu)) {
    if (!ORGANISATION_NOUN.test(m[1]!)) continue;
    const referent = definiteReferent(text, entities, { text: m[1]!, start: from + m.index + m[0].length - m[1]!.length });
    if (referent) return referent;
  }
  return null;
}

/**
 * The person a definite noun phrase stands for by the role the text gave them ("the 58-year-old
 * coach" after "head coach Dale Renner"): the nearest person named before it whose role ends in the
 * phrase's last word; null when no one's does.
 */
function personByRole(entities: FoundEntity[], phrase: string, before: number): string | null {
  const head = phrase.split(/\s+/).at(-1)?.toLowerCase();
  if (!head || !/^\p{Ll}{3,}$/u.test(head)) return null;
  let best: { key: string; at: number } | null = null;
  for (const e of entities) {
    if (e.kind !== 'person' || !e.roles.some((r) => r.toLowerCase().split(/\s+/).at(-1) === head)) continue;
    for (const m of e.mentions) if (m.end <= before && (!best || m.start > best.at)) best = { key: e.key, at: m.start };
  }
  return best?.key ?? null;
}

/** The end of a reporting frame ("X said that", "economists estimate that", 'X continued: "') before `to`, else `from`. */
function reportingFrameEnd(text: string, from: number, to: number): number {
  // 'Speaking to BBC Radio, Mr Dale continued: "…': a colon that opens the quotation ends the frame.
  const colon = text.slice(from, to).search(QUOTE_OPENED);
  if (colon >= 0) return from + colon + 1;
  const frame = REPORTING_FRAME.exec(text.slice(from, to));
  if (!frame) return from;
  // "Reykjavik Energy said on Friday it expects 12% more": "it" is the reporter itself.
  const rest = text.slice(from + frame[0].length, to);
  return /^(?:(?:on|last|this)\s+\w+\s+)?(?:it|they|its|their)\b/i.test(rest) ? from : from + frame[0].length;
}

/** The first place or organisation a sentence names outside its dateline: what "its", "their" refer to. */
function sentenceTopic(entities: FoundEntity[], sentences: Sentence[], index: number, before: number, datelineEnd: (s: Sentence) => number): string | null {
  for (let back = 0; back <= 1; back++) {
    const s = sentences.find((x) => x.index === index - back);
    if (!s) return null;
    const found = mentionsIn(entities, s.start, back ? s.end : before, datelineEnd(s))[0];
    if (found) return found.key;
  }
  return null;
}

// "it" as the subject of a clause, after what may lead it ("From 2022 to 2023, it surged", "Kestrel
// Bank said on Friday that it expects"); not the
// empty "it" of "it is expected", "it seems".
const IT_OPENS =
  /^\s*(?:[^,;:()"“”]{0,60},\s*)?(?:[^,;:()"“”]{0,100}?\b(?:said|says|added|announced|reported|expects?|estimated?)\s+(?:(?:on|last|this)\s+\w+\s+)?(?:that\s+)?)?(?:(?:and|but|so|yet|while)\s+)?[Ii]t\s+(?!(?:is|was|'s|’s|will be|would be|has been|had been|seems?|seemed|appears?|appeared|remains? (?:unclear|to be seen)|took|takes|may|might|could)\b)/;

/** Where the clause's subject "it" stands, or null when the clause between `from` and `to` does not open with it. */
function itOpens(text: string, from: number, to: number): number | null {
  const m = IT_OPENS.exec(text.slice(from, to));
  return m ? from + m[0].trimEnd().length - 2 : null;
}

/**
 * What "it" at `at` stands for: a place or organisation its own sentence names before it, else the
 * one the sentence before opens with, else the one thing that sentence names; null when that is
 * not one thing.
 */
function itReferent(text: string, entities: FoundEntity[], sentences: Sentence[], index: number, at: number, datelineEnd: (s: Sentence) => number): string | null {
  const sentence = sentences.find((s) => s.index === index)!;
  const own = [...new Set(mentionsIn(entities, sentence.start, at, datelineEnd(sentence)).map((m) => m.key))];
  if (own.length) return own.length === 1 ? own[0]! : null;
  const earlier = sentences.find((s) => s.index === index - 1);
  if (!earlier) return null;
  const from = datelineEnd(earlier);
  // The name the sentence opens with (after a leading "On Monday," or "The"), as its subject.
  const lead = /^\s*(?:(?:In|On|By|For|Since|After|Before|During|Last|This|Earlier|Later|Meanwhile|However|Still|Yet)\b[^,]{0,80},\s*)?(?:the\s+)?["“]?/i.exec(text.slice(from, earlier.end))![0].length;
  const opens = mentionsIn(entities, from + lead, earlier.end, 0).find((m) => m.at === from + lead);
  if (opens) return opens.key;
  const named = [...new Set(mentionsIn(entities, from, earlier.end, from).map((m) => m.key))];
  return named.length === 1 ? named[0]! : null;
}

// A person's pronoun as a clause's subject ("she owed", "he had") or its possessive opening it ("Her
// minimum payment"): the last one before the figure.
const PERSON_PRONOUN = /(?:\b(he|she)\s+(?=\p{Ll})|(?:^|[,;]\s*|\b(?:that|when|while|because|after|before|as|and|but)\s+)(His|his|Her|her)\s+(?=\p{Ll}))/gu;

/**
 * The person "he" or "she" stands for when it opens the clause of a figure (`from` to the figure):
 * the last person named before it in its sentence or the one before whom the article's own
 * references give that gender; null when a name stands between the pronoun and the figure, or no
 * such person is named so near.
 */
function pronounPerson(text: string, sentences: Sentence[], entities: FoundEntity[], f: FoundFigure, from: number, genders: () => Map<string, Gender>): string | null {
  const span = text.slice(from, f.start);
  if (!/\b(?:he|she|his|her)\b/i.test(span)) return null;
  const found = [...span.matchAll(PERSON_PRONOUN)].at(-1);
  if (!found) return null;
  const word = (found[1] ?? found[2]!).toLowerCase();
  // (The match ends with the pronoun and the space after it.)
  const at = from + found.index + found[0].trimEnd().length - word.length;
  // A name between the pronoun and the figure is the clause's, not the pronoun's.
  if (mentionsIn(entities, at, f.start, 0, false, true).length) return null;
  const gender = /^(?:he|his)$/.test(word) ? 'male' : 'female';
  // The pronoun's own sentence before it, else the nearest of the three before that names someone
  // (a pronoun may run on over a quotation or two: "On the bright side, she had …").
  for (let back = 0; back <= PRONOUN_REACH; back++) {
    const s = sentences.find((x) => x.index === f.sentenceIndex - back);
    if (!s) return null;
    let last: { key: string; at: number } | null = null;
    for (const e of entities) {
      if (e.kind !== 'person') continue;
      for (const m of e.mentions) if (m.start >= s.start && m.end <= (back ? s.end : at) && (!last || m.start > last.at)) last = { key: e.key, at: m.start };
    }
    // The last person named must be the one: "Lee met Kim; she said …" is not read past Kim.
    if (last) return genders().get(last.key) === gender ? last.key : null;
  }
  return null;
}
const PRONOUN_REACH = 3;

/** The place or organisation a sentence opens with (after a leading "On Monday," or "The"), else null. */
function sentenceOpener(text: string, entities: FoundEntity[], sentences: Sentence[], index: number, datelineEnd: (s: Sentence) => number): string | null {
  const s = sentences.find((x) => x.index === index);
  if (!s) return null;
  const from = datelineEnd(s);
  const lead = /^\s*(?:(?:In|On|By|For|Since|After|Before|During|Last|This|Earlier|Later|Meanwhile|However|Still|Yet)\b[^,]{0,80},\s*)?(?:the\s+)?["“]?/i.exec(text.slice(from, s.end))![0].length;
  return mentionsIn(entities, from + lead, s.end, 0).find((m) => m.at === from + lead)?.key ?? null;
}

// What a payer does with an amount, after its name in a relative clause ("that Gale Well paid in 2021").
const RELATIVE_PAYMENT =
  /^\s+(?:(?:has|had|have|will|would|had\s+been|was|were)\s+)?(?:paid|pays|spent|spends|raised|raises|invested|invests|received|earned|borrowed|lost|owed|owes|offered|pledged|charged|collected|bid|sought|committed|agreed to pay)\b/i;

// "… in funding for West Bank schools", "(about $11 million) in aid to Moldova": what money is given for,
// after a conversion in brackets; its words run to a function word or a break (three at most).
const FUNDING_FOR =
  /^\s*(?:\([^()]{1,40}\)\s*)?(?:,\s*)?(?:in|as)\s+(?:new\s+|additional\s+|emergency\s+|annual\s+)?(?:funding|aid|assistance|grants?|subsidies|compensation|support)\s+(?:for|to)\s+(?:the\s+)?((?:(?!(?:and|or|which|that|who|in|on|at|by|over|from|with|to|for|of|as|after|before|since|this|next|last)\b)[\p{L}-]+\s?){1,3})/u;

// Units of time and distance (as findFigures writes them).
const TIME_OR_DISTANCE = /^(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|metres?|meters?|centimetres?|kilometres?|kilometers?|miles?|feet|foot|inches|inch|yards?)$/;

// Days and months: when, never whose.
const WHEN_WORD = /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?$/;

// What opens a photo credit before a name: "©", "(c)", "Photo:", "AP Photo/".
// (The credit runs on to its agency: "©Anne Poujoulat (AFP)", "(AP Photo/Tim Camus, File)".)
const CREDIT_BEFORE = /(?:©|\([Cc]\)|\b(?:Photo|Photograph|Picture|Image|Credit)\s*[:/])[^.!?\n]{0,50}$/;

/** What each figure is about, in the order given. */
export function figureSubjects(text: string, sentences: Sentence[], figures: FoundFigure[], allEntities: FoundEntity[]): FigureAbout[] {
  // "… killing at least 84 people, on July 15 ©Anne Poujoulat (AFP)": a photo credit names who took
  // the picture, never what a figure is about.
  const credited = (m: { start: number }) => CREDIT_BEFORE.test(text.slice(Math.max(0, m.start - 60), m.start));
  const entities = allEntities.map((e) => (e.mentions.some(credited) ? { ...e, mentions: e.mentions.filter((m) => !credited(m)) } : e));
  const change = changes(text, figures);
  const datelineEnd = (s: Sentence) => (s.index === 0 || DATELINE.test(s.text) ? s.start + (DATELINE.exec(s.text)?.[0].length ?? 0) : s.start);
  const out: FigureAbout[] = [];
  // The figures whose subject phrase itself names an entity ("tariff on most Japanese goods").
  const ownNamed = new Set<number>();
  // Where each name stands that another figure of its sentence follows at once ("Korea University at
  // 50 percent", "Thailand 36%"): the name is that figure's subject.
  const mentionEnds = new Map<number, number>();
  for (const e of entities) for (const m of e.mentions) mentionEnds.set(m.start, m.end);
  const ownedByOther = (at: number, f: FoundFigure) => {
    const end = mentionEnds.get(at);
    if (end === undefined) return false;
    return figures.some((g) => g !== f && g.sentenceIndex === f.sentenceIndex && g.start >= end && /^\s*(?:(?:at|with|on)\s+(?:about\s+|around\s+|nearly\s+)?)?$/.test(text.slice(end, g.start)));
  };
  /**
   * Whether a bare number (no unit) follows a count of its own sentence (a unit that is neither a
   * share nor a currency) with `between` matching the words just before it: then it counts the same
   * thing as that count ("including 30,000 killed", "but only 930").
   */
  const countBefore = (previous: FoundFigure, f: FoundFigure, between: RegExp) =>
    f.unit === null && previous.sentenceIndex === f.sentenceIndex && !!previous.unit && !/^(?:percent|percentage point|[A-Z]{3})$/.test(previous.unit) && between.test(text.slice(Math.max(previous.end, f.start - 30), f.start));
  // Read only when a clause's subject is "he" or "she" (most articles need none).
  let genders: Map<string, Gender> | null = null;
  figures.forEach((f, i) => {
    const sentence = sentences.find((s) => s.index === f.sentenceIndex);
    // "¥1.9 trillion ($12.9 billion)", "€12 billion, or about $13 billion": the same amount
    // converted is about what the first is.
    const previous = figures[i - 1];
    const converted = previous && previous.unit !== f.unit && isCurrencyUnit(previous.unit) && isCurrencyUnit(f.unit) && CONVERSION_BETWEEN.test(text.slice(previous.end, f.start));
    if (previous && i > 0 && (/^\s*\($/.test(text.slice(previous.end, f.start)) || converted)) {
      out.push({ ...out[i - 1]!, change: null });
      return;
    }
    // "shares worth 445.8 billion won and 41.6 billion won": a second amount joined to the first
    // with nothing of its own named is about what the first is.
    // "Around 50,000 Koreans fell victim …, including 30,000 killed": a part that counts nothing of its
    // own is a part of what the figure before it counts.
    if (previous && countBefore(previous, f, /\b(?:including|of which|among them)\s+(?:about\s+|around\s+|roughly\s+|some\s+)?$/i)) {
      out.push({ ...out[i - 1]!, measure: `${out[i - 1]!.measure} (part)`, change: null });
      return;
    }
    // "funded 1,530 companies in 2021, but only 930 in 2023": a bare number compared with the count
    // before it is a value of the same thing.
    if (previous && countBefore(previous, f, COMPARAND_BEFORE)) {
      out.push({ ...out[i - 1]!, change: change.get(f) ?? null });
      return;
    }
    const ownWords = usable(f.subject);
    // "14 percent bigger, and 30 percent brighter": the first figure's own complement (a word or
    // two, no preposition) may stand before the "and" that joins the second.
    const joined = previous ? /^\s*(?:((?:[\p{Ll}-]+\s+)?[\p{Ll}-]+)\s*)?,?\s*(?:and|or)\s+(?:about\s+|around\s+|nearly\s+|roughly\s+)?$/iu.exec(text.slice(previous.end, f.start)) : null;
    if (previous && previous.sentenceIndex === f.sentenceIndex && previous.unit === f.unit && (!ownWords || namesOnlyMeasure(ownWords)) && joined && (joined[1] ?? '').split(/\s+/).every((w) => !w || !FUNCTION_WORDS.has(w.toLowerCase()))) {
      out.push({ ...out[i - 1]!, change: change.get(f) ?? null });
      return;
    }
    // A phrase of numbers and units ("413.9 trillion won", "points") names nothing.
    const phrase = usable(
      f.subject
        ?.replace(TRAILING_TIME, '')
        .replace(/\s+for\s+an?\s.*$/, '')
        .trim() || null,
    );
    const currency = CURRENCY_COUNTRY[phrase?.replace(/^the\s+/i, '').toLowerCase() ?? ''];
    if (currency) {
      out.push({ subjectKeys: [`place:${currency}`], subject: null, measure: 'exchange rate', change: change.get(f) ?? null });
      return;
    }
    const clause = sentence ? clauseAround(text, sentence, f.start, f.end) : { from: f.start, to: f.end };
    // "including $120 billion earmarked for shipbuilding" is a part of the pledge, not another value of it.
    const part = /\b(?:including|of which|among them)\s+(?:about\s+|around\s+|roughly\s+)?$/i.test(text.slice(Math.max(0, f.start - 30), f.start));
    // "about 2½ feet short of the 1994 record", "$3 billion more than last year": a gap between two
    // values, not a value of the measure itself.
    let after = text.slice(f.end, f.end + 40);
    if (f.unit && after.trimStart().startsWith(f.unit)) after = after.trimStart().slice(f.unit.length);
    const gap = /^\s+(?:short of|shy of|below|above|higher than|lower than|more than|less than|fewer than)\s/i.test(after);
    const earlier = [1, 2].map((back) => sentences.find((s) => s.index === f.sentenceIndex - back)?.text ?? '');
    let measure = measureOf(phrase, text.slice(clause.from, clause.to), f.unit, sentence?.text ?? '', earlier) + (part ? ' (part)' : '') + (gap ? ' (difference)' : '');
    // A phrase that only names the measure ("the rate", "levy", "investment pledge", "of GDP") says
    // nothing of whose it is: that is found around it.
    const measureOnly = !!phrase && namesOnlyMeasure(phrase);
    let subjectKeys = phrase ? inPhrase(text, f, entities) : [];
    // "$140 million in tax savings for the firm": the organisation "the firm" stands for.
    if (phrase && !subjectKeys.length) {
      const referent = phraseReferent(text, f, entities);
      if (referent) subjectKeys = [referent];
    }
    let subject = phrase;
    const product = phrase ? PRODUCT.exec(phrase) : null;
    const national = /^(?:tariff|defence spending|investment|economy|savings)(?: \(part\))?$/.test(measure);
    // "Hyundai Motor shares rose 5.4% in Seoul": shares are a company's, not the market town's.
    if (sentence && measure === 'shares') {
      // "According to data provided by the bourse operator Korea Exchange, …": who gives the figure is not whose it is.
      const source = /^\s*[Aa]ccording to\b[^,]{0,100},/.exec(text.slice(clause.from, f.start));
      const company = mentionsIn(entities, clause.from + (source?.[0].length ?? 0), f.start, datelineEnd(sentence)).find((m) => m.kind === 'organisation');
      if (company) subjectKeys = [company.key];
    }
    if (sentence && (!subjectKeys.length || measure.startsWith('investment'))) {
      const skip = datelineEnd(sentence);
      const before = mentionsIn(entities, clause.from, f.start, skip, national);
      // "tariffs of 25% on imports from Japan and South Korea": every place the figure is "on".
      const after = text.slice(f.end, clause.to);
      const on = /^\s*(?:\S+\s+){0,2}?(?:on|from)\s/.test(after) ? mentionsIn(entities, f.end, clause.to, 0, true).map((m) => m.key) : [];
      const productBefore = !phrase ? PRODUCT.exec(text.slice(clause.from, f.start)) : null;
      if (measure.startsWith('investment') && before.length)
        subjectKeys = [before[0]!.key]; // the investor, not where it goes
      else if (on.length && national) subjectKeys = [...new Set(on)];
      else if (product && !measureOnly) subject = product[0].toLowerCase();
      else if (!phrase && national) {
        // No phrase at all ("including $120 billion"): only the clause itself may say whose.
        if (before.length) subjectKeys = [before[0]!.key];
        else if (productBefore) subject = productBefore[0].toLowerCase();
      } else if (measureOnly) {
        // The clause's own place or organisation, then the sentence's, then (for a country's
        // measure) the sentences before.
        // A name that another figure follows ("followed by Korea University at 50 percent") is that figure's.
        // "Goods from the 27-nation bloc will be hit with 50-percent tariffs": a definite organisation
        // noun in the clause stands for the one named before, ahead of any name later in the sentence.
        const definite = before.length ? null : definiteInClause(text, entities, clause.from, f.start);
        const inSentence = before.length ? before : mentionsIn(entities, sentence.start, sentence.end, skip, national).filter((m) => !ownedByOther(m.at, f));
        let found = definite ?? inSentence[0]?.key ?? null;
        for (let back = 1; !found && national && back <= NEIGHBOURS; back++) {
          const earlier = sentences.find((s) => s.index === f.sentenceIndex - back);
          if (!earlier) break;
          found = mentionsIn(entities, earlier.start, earlier.end, datelineEnd(earlier), true)[0]?.key ?? null;
        }
        if (found) subjectKeys = [found];
      }
    }
    // "The Nikkei 225 closed up 3.5%": a market figure with no company is the index the clause opens with.
    if (measure === 'shares' && !subjectKeys.length && !phrase) {
      const index =
        /^\s*(?:the\s+)?((?:[\p{Lu}][\p{L}'’]*\s+){0,2}(?:Nikkei|Kospi|Kosdaq|Nasdaq|Dow|FTSE|DAX|Hang Seng|S&P|TSX|index|benchmark)[\w\s]{0,12}?)\s+(?:closed|rose|fell|jumped|gained|lost|dropped|slid|climbed|was|ended)\b/iu.exec(
          text.slice(clause.from, f.start),
        );
      if (index) subject = index[1]!.trim();
    }
    // "Shares in Novatek rose 4%", "shares of Velmora Motors fell 2%": whose shares the clause names.
    if (measure === 'shares' && !subjectKeys.length && (!phrase || /^shares?$/i.test(phrase))) {
      const whose = /\b[Ss]hares\s+(?:in|of)\s+((?:the\s+)?(?:[\p{Lu}][\p{L}\p{N}&.'’-]*\s?){1,4})/u.exec(text.slice(clause.from, f.start));
      if (whose) subject = whose[1]!.replace(/^the\s+/, '').trim();
    }
    // "a 50% duty on Korean steel": the country's, with the product as its words.
    if (product) subject = product[0].toLowerCase();
    // "South Korea's combined stock market capitalization sharply increased, surpassing 3,000 trillion
    // won": a figure with no words of its own is a value of what a name's possessive opens its clause with.
    const possessed = !phrase && sentence ? possessedPhrase(text, clause.from === sentence.start ? datelineEnd(sentence) : clause.from, f.start) : null;
    if (possessed) [subjectKeys, subject] = [[...new Set(mentionsIn(entities, possessed.ownerStart, possessed.ownerEnd, 0).map((m) => m.key))], possessed.text];
    let pronoun = false;
    // A range's noun or a purpose ("earmarked for rail lines") says what the figure is of: no name is looked for.
    let ofWhat = false;
    if (sentence) {
      const skip = datelineEnd(sentence);
      const after = text.slice(f.end, clause.to);
      const beforeFigure = text.slice(clause.from, f.start);
      // "levies of 145 percent on its goods", "80 percent of its exports": "its" is the sentence's topic.
      const possessive = /^\s*(?:\S+\s+){0,2}?(?:on|of|for|in)\s+(?:its|their)\b/i.test(after) || /\b(?:its|their)\s+(?:\S+\s+){0,2}$/i.test(beforeFigure);
      const own = phrase ? inPhrase(text, f, entities) : [];
      if (own.length) ownNamed.add(i);
      if (possessive && !own.length && !product) {
        const topic = sentenceTopic(entities, sentences, f.sentenceIndex, f.start, datelineEnd);
        if (topic) [subjectKeys, subject] = [[topic], phrase];
      }
      // "falling 7 percent", ", a 39.2 percent cut": the change is of what the clause opens with.
      const appended = CHANGE_BEFORE.test(beforeFigure) && (CHANGE_PARTICIPLE.test(beforeFigure) || CHANGE_NOUN.test(after));
      // "new rates ranging from 25% to 40%": a range is of the noun it follows.
      // (A cheap test first: the end-anchored pattern is tried at every position of the clause.)
      const range = !/(?:rang|vary)\w*\s+from\s/.test(beforeFigure) ? null : /(?:^|\s)((?:[\p{L}-]+\s){0,2}[\p{L}-]+)\s+(?:ranging|ranged|range|varying)\s+from\s+(?:\S+\s+to\s+)?$/u.exec(beforeFigure);
      // "$120 billion earmarked for shipbuilding": money set aside is about what it is for.
      // "4 hours into an 11-hour flight", "13m down the metal shaft": a time or distance measured along
      // something is about that thing.
      const along =
        f.unit && TIME_OR_DISTANCE.test(f.unit)
          ? /^\s*(?:[\p{Ll}]+(?<=hours?|minutes?|seconds?|days?|weeks?|months?|years?|miles?|feet|metres?|meters?|kilometres?|yards?)\s+)?(?:into|down|inside|below|beneath|under)\s+(?:the|an?|its|their|his|her)\s+((?:[\p{L}\p{N}-]+\s+){0,3}?[\p{Ll}-]+)(?=\s*(?:[,;.)]|$|\s(?:and|or|but|which|that|who|the|a|an|to|in|on|at|of|for|from|with|by|as|is|was|when|while|before|after)\b))/u.exec(
              after,
            )
          : null;
      // "40 million shekels (about $11 million) in funding for rural clinics": money given as aid is
      // about what it is given for.
      const funding = isCurrencyUnit(f.unit) ? FUNDING_FOR.exec(after) : null;
      const purpose = /^\s*(?:earmarked|allocated|set aside|reserved|budgeted|destined)\s+for\s+((?:[\p{Ll}-]+\s?){1,3})/u.exec(after) ?? funding ?? (along && !own.length ? along : null);
      // "the 5% target adopted by European members of NATO": whose it is follows "by" (not for a
      // tariff: who imposes it is not whom it hits).
      const agent = measure.startsWith('tariff') ? null : /^\s*(?:\S+\s+){0,2}?(?:adopted|set|agreed|proposed|pledged|sought|offered)\s+by\s/.exec(after);
      let agentKeys = agent ? mentionsIn(entities, f.end + agent[0].length, clause.to, 0).map((m) => m.key) : [];
      // "against 44% for her rival Tomas Dace": a share given "for" a named person or organisation is theirs.
      const forName = /^\s+for\s+(?:(?:her|his|their|its|the)\s+)?(?:[\p{Ll}-]+\s+){0,2}/u.exec(text.slice(f.end, f.end + 60));
      if (forName && !agentKeys.length && !measure.startsWith('tariff')) {
        const at = f.end + forName[0].length;
        const named = mentionsIn(entities, at, at + 60, 0, false, true).find((m) => m.at === at && m.kind !== 'place');
        if (named) agentKeys = [named.key];
      }
      // "the HK$693 million that Gale Well paid", "the $2 billion which Velmora raised": an amount is
      // the payer's when a relative clause names who paid, raised or spent it.
      const relative = isCurrencyUnit(f.unit) ? /^\s+(?:that|which)\s+/.exec(text.slice(f.end, f.end + 12)) : null;
      // "Kestrel Labs raised $150 million in a funding round": the clause's payer, right before its verb.
      if (isCurrencyUnit(f.unit) && !relative && !own.length) {
        const payer = mentionsIn(entities, clause.from, f.start, skip, false, true)
          .filter((m) => {
            const end = mentionEnds.get(m.at);
            const verb = end === undefined ? null : RELATIVE_PAYMENT.exec(text.slice(end, f.start));
            return !!verb && /^\s*(?:(?:a|an|the|some|about|around|nearly|roughly|almost|more|than|over|record|further|another|additional|total|of)\s+)*$/i.test(text.slice(end! + verb[0].length, f.start));
          })
          .pop();
        if (payer && !agentKeys.length) agentKeys = [payer.key];
      }
      if (relative && !agentKeys.length) {
        const at = f.end + relative[0].length;
        const payer = mentionsIn(entities, at, at + 80, 0, false, true).find((m) => m.at === at);
        const payerEnd = payer && entities.find((e) => countryOf(e) === payer.key)?.mentions.find((m) => m.start === at)?.end;
        if (payer && payerEnd && RELATIVE_PAYMENT.test(text.slice(payerEnd, payerEnd + 40))) agentKeys = [payer.key];
      }
      const rangeWords = range ? range[1]!.split(/\s+/) : [];
      const from = rangeWords.findLastIndex((w) => FUNCTION_WORDS.has(w.toLowerCase()) || NP_END.test(w));
      if (range && !own.length) [subjectKeys, subject, ofWhat] = [[], rangeWords.slice(from + 1).join(' ') || null, true];
      else if (purpose && !own.length) {
        [subjectKeys, subject, ofWhat] = [[], purpose[1]!.trim(), true];
        // ("in aid to Moldova": the place or organisation it goes to, when it is named.)
        if (purpose === funding) {
          const at = f.end + funding.index + funding[0].length - funding[1]!.length;
          subjectKeys = [...new Set(mentionsIn(entities, at, at + funding[1]!.length, 0).map((m) => m.key))];
        }
      } else if (agentKeys.length && !own.length) subjectKeys = [agentKeys[agentKeys.length - 1]!];
      // "won 52% of the vote", "10 percent of all student entrepreneurs": a share of a whole belongs to
      // what the clause opens with; the whole stays as the words.
      const share = f.unit === 'percent' && /^\s+of\s+(?:the|all|total)\b/i.test(after);
      const vague = !range && !purpose && !agentKeys.length && (!subject || namesOnlyMeasure(subject) || appended || share);
      // "It forecast growth of 4%", "from 2022 to 2023, it surged by 23 percent": the clause's "it" is
      // what the sentence or the one before names, when one thing is named; else nothing is.
      const it = !own.length && !product && !range && !purpose && !agentKeys.length ? itOpens(text, clause.from === sentence.start ? skip : clause.from, f.start) : null;
      if (it !== null) {
        const referent = itReferent(text, entities, sentences, f.sentenceIndex, it, datelineEnd);
        // Its words stay when they say what is measured ("3% more deposits"), never the pronoun itself.
        [subjectKeys, subject] = [referent ? [referent] : [], subject && !/\bit\b/i.test(subject) && !namesOnlyMeasure(subject) ? subject : null];
        pronoun = true;
      } else if (vague && !own.length && !product && !possessive) {
        const opening = openingPhrase(text, clause.from === sentence.start ? skip : clause.from, f.start);
        // A person may be what the clause is about ("Brandt won 52%"), but not of a country's measure.
        const keys = opening && opening.end <= f.start ? [...new Set(mentionsIn(entities, opening.start, opening.end, 0, false, !national).map((m) => m.key))] : [];
        const previous = out[i - 1];
        // "the bank", "the company": the organisation named before whose name holds that word.
        const referent = !keys.length && opening && opening.end <= f.start ? definiteReferent(text, entities, opening) : null;
        const currency = opening ? CURRENCY_COUNTRY[opening.text.toLowerCase()] : undefined;
        if (keys.length) subjectKeys = keys;
        else if (referent) subjectKeys = [referent];
        // "while the won strengthened to 1,362 per dollar": a currency's rate is its country's exchange rate.
        else if (currency && opening) [subjectKeys, subject, measure] = [[`place:${currency}`], opening.text, 'exchange rate'];
        else if (opening && opening.end <= f.start && (appended || !subjectKeys.length)) {
          [subjectKeys, subject] = [[], opening.text];
          // "Turnout reached 68.4%": the opening names the measure when nothing else did.
          if (measure === f.unit && /^percent/.test(f.unit)) measure = measureOf(opening.text, '', f.unit, sentence.text);
        }
        // "1,860 startups were founded …, falling 7 percent": the change of the figure before it.
        else if (appended && previous && figures[i - 1]!.sentenceIndex === f.sentenceIndex) [subjectKeys, subject] = [previous.subjectKeys, previous.subject];
      }
    }
    // Nothing said whose: the name the clause gives before the figure ("Harlow won 52%",
    // "Port Kessa handled 1.2 million containers"), else the first one its sentence gives.
    // "Velmora Motors shipped 9,000 cars": a subject that only repeats what is counted says nothing
    // of whose the figure is either (its words stay).
    const restatesCount = !!subject && !!f.unit && subject.toLowerCase().replace(/^(?:other|more|some|many|several|all|new)\s+/, '') === f.unit.toLowerCase();
    if (sentence && !pronoun && !subjectKeys.length && (!subject || restatesCount)) {
      // "Economists at the Getúlio Institute estimate that a 30% duty …": who reports it is not what
      // it is about (a place in the frame still situates it: "Officials in Lisbon expect …").
      const skip = datelineEnd(sentence);
      const frameEnd = reportingFrameEnd(text, sentence.start, f.start);
      const notReporter = (m: { at: number; kind: string }) => m.kind === 'place' || m.at >= frameEnd;
      const found = mentionsIn(entities, clause.from, f.start, skip, false, true).filter(notReporter).pop() ?? mentionsIn(entities, sentence.start, sentence.end, skip, false, true).filter(notReporter)[0];
      if (found) subjectKeys = [found.key];
      else if (restatesCount) {
        // "The "Pre-Startup Package" funded 1,530 companies": with no entity named, a name the
        // clause opens with (capitalised words, not only a sentence's first word) is whose.
        const opening = openingPhrase(text, clause.from === sentence.start ? skip : clause.from, f.start);
        const words = opening?.text.split(/\s+/) ?? [];
        const name =
          words.length > 0 && words.every((w) => /^[\p{Lu}\p{N}]/u.test(w) && !/^\p{Lu}\p{Ll}+(?:ed|ing)$/u.test(w) && !WHEN_WORD.test(w)) && (words.length > 1 || opening!.start > (clause.from === sentence.start ? skip : clause.from) + 1);
        if (opening && opening.end <= f.start && name && !namesOnlyMeasure(opening.text)) subject = opening.text;
      }
    }
    // "she estimated Kestrel Bank's total charge from the law would be $2.1 billion": a figure whose
    // (reported) clause opens with a name's possessive, no other name between, is the owner's.
    if (sentence && !pronoun && !ofWhat && !subjectKeys.length) {
      const from = clause.from === sentence.start ? datelineEnd(sentence) : clause.from;
      const frame = [...text.slice(from, f.start).matchAll(REPORTED_CLAUSE)].at(-1);
      const at = frame ? from + frame.index + frame[0].length : from;
      const [owner, ...others] = mentionsIn(entities, at, f.start, 0, false, true);
      const end = owner?.at === at ? mentionEnds.get(at) : undefined;
      if (owner && end !== undefined && /^['’]s\s/.test(text.slice(end, end + 3)) && !others.length) subjectKeys = [owner.key];
    }
    // "Bank of America Corp. will take a $3 billion charge": a figure whose words name no one is the one's
    // its clause opens with (its grammatical subject), when that is a name.
    if (sentence && !pronoun && !ofWhat && !subjectKeys.length) {
      const opening = openingPhrase(text, clause.from === sentence.start ? datelineEnd(sentence) : clause.from, f.start);
      // (The name may end in a full stop the phrase leaves out: "Bank of America Corp.")
      const named = opening && opening.end <= f.start ? mentionsIn(entities, opening.start, opening.end + 1, 0, false, true) : [];
      if (opening && named[0]?.at === opening.start) subjectKeys = [named[0].key];
    }
    // "She only owed $284.46", "Her minimum payment is $28,156": a figure whose clause has a person's
    // pronoun for its subject (no name between) is that person's, when the sentence or the one before
    // names one person the article itself calls by that pronoun (an unnamed "a British woman … she"
    // stays no one's; a man named last is not "she").
    if (sentence && !pronoun && !ofWhat && !subjectKeys.length) {
      const person = pronounPerson(text, sentences, entities, f, clause.from === sentence.start ? datelineEnd(sentence) : clause.from, () => (genders ??= gendersOf(text, entities)));
      // (The pronoun itself is no words for what the figure is: "she" gives way to her name.)
      if (person) [subjectKeys, subject] = [[person], subject && /^(?:he|she|him|her|his|hers)$/i.test(subject) ? null : subject];
    }
    // "Falcon Heavy's first flight is set for Tuesday. The massive rocket can lift 64 tonnes": a clause
    // opening with a definite description (plain words, no name before the figure in its sentence) is
    // about the place or organisation the sentence before opens with.
    if (sentence && !pronoun && !ofWhat && !subjectKeys.length) {
      const from = clause.from === sentence.start ? datelineEnd(sentence) : clause.from;
      const opening = openingPhrase(text, from, f.start);
      const definite = opening && opening.end <= f.start && /(?:^|\s)[Tt]he\s+$/.test(text.slice(Math.max(0, opening.start - 4), opening.start)) && /^[\p{Ll}\s-]+$/u.test(opening.text);
      if (definite && !namesOnlyMeasure(opening.text) && !mentionsIn(entities, sentence.start, f.start, 0, false, true).length) {
        const referent = sentenceOpener(text, entities, sentences, f.sentenceIndex - 1, datelineEnd);
        if (referent) subjectKeys = [referent];
      }
    }
    // "Goldman Sachs said the tax reform will cut profit by $5 billion": a company's measure (its profit,
    // its revenue) is an organisation's: the one its sentence names (the reporter too) when none is given.
    if (sentence && COMPANY_MEASURE.test(measure) && !subjectKeys.some((k) => k.startsWith('organisation:'))) {
      const company = mentionsIn(entities, sentence.start, sentence.end, datelineEnd(sentence)).find((m) => m.kind === 'organisation');
      if (company) subjectKeys = [company.key];
    }
    out.push({ subjectKeys, subject, measure, change: change.get(f) ?? null });
  });
  // The two values of one change are about the same thing: "lowers the threatened 25% levy to 15%".
  for (const [f, kind] of change) {
    const i = figures.indexOf(f);
    const partner = figures.findIndex((g, j) => j !== i && change.get(g) === (kind === 'from' ? 'to' : 'from') && g.sentenceIndex === f.sentenceIndex && g.unit === f.unit);
    if (partner < 0) continue;
    // "a 15% tariff on most Japanese goods, down from the 25% rate": the value whose own words name
    // whose it is gives it to the other, whose subject was only inferred around it.
    const partnerOwn = ownNamed.has(partner) && !ownNamed.has(i);
    if ((partnerOwn || !out[i]!.subjectKeys.length) && (!out[i]!.subject || out[partner]!.subjectKeys.length)) out[i] = { ...out[i]!, subjectKeys: out[partner]!.subjectKeys, subject: out[partner]!.subject, measure: out[partner]!.measure };
  }
  return out;
}

/** The subject phrase, or null when it is only numbers and units ("413.9 trillion won", "points"). */
function usable(phrase: string | null): string | null {
  if (!phrase) return null;
  // "while retail investors": a conjunction before the words is not part of them.
  // "With assets under management totaling $5 billion": the phrase "with" opens is what totals it.
  phrase = phrase.replace(/^(?:while|whereas|and|but|as|when|whilst|with)\s+/i, '');
  // "on local bourse", "in 48 companies": the tail of a longer phrase after its preposition is where
  // or among what, not what the figure is.
  if (/^(?:on|in|at|of|for|from|by|to|into|over|under|after|before|during|since)\s/i.test(phrase)) return null;
  // "in June", "the capital": when or where, not what.
  if (
    /^(?:(?:the\s+)?(?:capital|city|region|country|year|month|week|quarter)|(?:Jan(?:uary)?|Feb(?:ruary)?|March|April|May|June|July|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+\d{1,4})?|\d{4})$/i.test(
      phrase.trim(),
    )
  )
    return null;
  // "6.6 percent year-on-year": another figure is not what this one is about.
  if (/\p{N}/u.test(phrase) && /\b(?:percent|per cent|points?)\b|%/.test(phrase)) return null;
  const rest = phrase.replace(/[\p{N}.,$€£¥₩%]+|\b(?:trillion|billion|million|thousand|points?|won|yen|dollars?|euros?|percent|per cent|percentage points?)\b/giu, ' ').trim();
  return rest ? phrase : null;
}

/**
 * True when a subject phrase only names the measure ("the rate", "levy", "investment pledge", "of
 * GDP"): it says nothing of whose it is. The article keeps such words; a story's figure table does
 * not make a row of them.
 */
/** The MEASURES patterns as global, case-blind ones, built once (replace() leaves their lastIndex at 0). */
const MEASURES_EVERYWHERE = MEASURES.map(([pattern]) => new RegExp(pattern.source, 'gi'));

export function namesOnlyMeasure(phrase: string): boolean {
  if (VAGUE_SUBJECT.test(phrase) || SHARE_OF_ECONOMY.test(phrase)) return true;
  // "1.8% off the Nikkei": a market index is what its figure is about, not only a measure's name.
  if (MARKET_INDEX.test(phrase)) return false;
  // "its policy rate", "inflation": the name of a measure (the MEASURES table's words) is not whose it is.
  let rest = phrase;
  for (const pattern of MEASURES_EVERYWHERE) rest = rest.replace(pattern, ' ');
  return !rest
    .replace(MEASURE_WORDS, ' ')
    .replace(/\b(?:key|benchmark|policy|base|headline|core|annual|monthly|quarterly|of|on|in)\b/gi, ' ')
    .trim();
}

/**
 * The organisation a subject phrase ends on by a definite noun ("tax savings for the firm", "the
 * budget of the ministry"): the one named before it that the noun stands for (see definiteReferent).
 */
function phraseReferent(text: string, f: FoundFigure, entities: FoundEntity[]): string | null {
  const tail = /\b(?:for|of|at|to)\s+the\s+([\p{Ll}-]+)$/u.exec(f.subject!);
  if (!tail || !ORGANISATION_NOUN.test(tail[1]!)) return null;
  const windowStart = Math.max(0, f.start - 120);
  const at = text.slice(windowStart, f.end + 160).indexOf(f.subject!);
  if (at < 0) return null;
  const start = windowStart + at + tail.index + tail[0].length - tail[1]!.length;
  return definiteReferent(text, entities, { text: tail[1]!, start });
}

/** Entities named inside the figure's subject phrase (found near the figure), longest alias first. */
function inPhrase(text: string, f: FoundFigure, entities: FoundEntity[]): string[] {
  const subject = f.subject!;
  // The phrase sits within a short window around the figure; find it there to use mention offsets.
  const windowStart = Math.max(0, f.start - 120);
  const at = text.slice(windowStart, f.end + 160).indexOf(subject);
  if (at < 0) return [];
  const start = windowStart + at;
  let end = start + subject.length;
  // "imports from Japan and South Korea": the phrase stops at "and"; the second name counts too.
  // Only a phrase that ends with a name continues so: "a $3 billion charge and Credit Suisse …" does not.
  const and = /^\s+and\s+(?:the\s+)?/.exec(text.slice(end, end + 12));
  if (and && entities.some((e) => e.mentions.some((m) => m.end === end))) {
    const next = entities.flatMap((e) => e.mentions).find((m) => m.start === end + and[0].length);
    if (next) end = next.end;
  }
  const keys: string[] = [];
  for (const e of entities) if (e.mentions.some((m) => m.start >= start && m.end <= end) && !keys.includes(countryOf(e))) keys.push(countryOf(e));
  return keys;
}
