// Direct quotes and who said them. Handles straight and curly marks, single-quoted speech (as
// many Asian outlets write it), a quote that runs over several paragraphs (each paragraph
// reopens the quote; only the last closes it), and attribution before or after the quote
// ("…,' Russel noted", "said Jenny Lee, Senior Managing Partner at …", "when he said, '…'").
// The speaker is resolved to an entity of the same article where the text allows.
import type { FoundEntity } from './entities.ts';
import { ROLE_NOUNS } from './patterns.ts';
import { splitParagraphs } from '../text/sentences.ts';
import { sentencesOf } from './tagger/tokens.ts';

export interface FoundQuote {
  start: number;
  end: number;
  text: string;
  /** The speaker as the text names them ("Russel", "a foreign ministry official", "the JCS"). */
  speaker: string | null;
  /** Key of the speaker's entity in this article, when resolved. */
  speakerKey: string | null;
  speakerName: string | null;
}

const SPEECH_VERBS =
  'said|says|told|tells|added|adds|noted|notes|stated|wrote|writes|argued|argues|asked|explained|warned|insisted|declared|remarked|continued|posted|tweeted|captioned|stressed|emphasised|emphasized|recalled|acknowledged|announced|replied|responded|cautioned|concluded|observed|suggested|urged|predicted|forecast|vowed|vows|pledged|promised|admitted|admits|conceded|concedes|complained|claimed|claims|maintained|countered|testified|joked|quipped|boasted|lamented|reiterated|reiterates|confirmed|confirms|recounted|explains|reports|reported|declares|warns|insists|stresses|announces|replies|responds|recalls|states|expressed|expresses';
const VERB = `(?:${SPEECH_VERBS}|(?:was|were|is|are) quoted as saying)`;
const SPEAKER = String.raw`(?:(?:[\p{Lu}][\p{L}'’.-]*\s){1,3}police|police|(?:[\p{Lu}][\p{L}'’.-]*\s?){1,5}|he|she|they|it|[Tt]he [\p{L}\p{N}\s-]{2,40}?|[Aa]n? [\p{L}\s-]{2,50}?)`;
// Built once, not per quote: a speaker and a verb of speech ending the sentence after a quote; a verb of speech anywhere.
const SPEAKER_VERB_TO_END = new RegExp(String.raw`^(${SPEAKER})\s+${VERB}\b[^.!?"“”]*[.!?]`, 'u');
const ANY_VERB = new RegExp(String.raw`\b${VERB}\b`);
// "analyst Kim Ji-won at KB Securities said", "Ahn Ye-ha, an analyst at Kiwoom Securities, said"
// (a described apposition's closing comma may be missing: "Mike Hankey, an operations manager at the society told")
const AFTER_SPEAKER_VERB = new RegExp(
  String.raw`^[\s,]*(?:\p{Ll}+\s|(?:\p{Ll}+\s){2,3}(?=\p{Lu})|[\p{Lu}][\p{L}]*\s(?:\p{Ll}+\s){1,3}(?=\p{Lu}))?(${SPEAKER})(?:\s+(?:at|of)\s+(?:the\s+)?\p{Lu}[\p{L}\s]{1,40}?|,\s[^"“”'‘’,]{2,90},|,\s(?:an?|the)\s[^"“”'‘’,]{2,90}?)?\s+${VERB}\b`,
  'u',
);
// After the verb a described speaker runs to the punctuation: "said a senior US official."
const AFTER_VERB_SPEAKER = new RegExp(String.raw`^[\s,]*${VERB}\s+((?:[Aa]n?|[Tt]he)\s[^,.;:"“”]{2,60}|${SPEAKER})(?=[\s,.;]|$)`, 'u');
// "said council director Sunita Bhagat", "according to harbour master Ian Cole": lower-case title
// words between the verb and a name (kept only when the name is a person or organisation of the
// article: "told reporters Tuesday" names no one).
const TITLE_WORD = String.raw`(?!(?:the|a|an|on|in|at|to|that|this|after|before|during|while|when|as|with|by|for|from|of|last|earlier|later|late|early|today|yesterday|tonight|recently|then|also|again|he|she|they|it|we|i)\s)\p{Ll}[\p{L}-]*\s`;
const AFTER_VERB_TITLE_NAME = new RegExp(String.raw`^[\s,]*(?:${VERB}|according to)\s+(?:${TITLE_WORD}){1,3}((?:[\p{Lu}][\p{L}'’.-]*\s?){1,4})(?=[\s,.;]|$)`, 'u');
const AFTER_ACCORDING = new RegExp(String.raw`^[\s,]*according to\s+(?:an?\s+(?:statement|release|report|transcript|readout)\s+(?:from|by|issued by)\s+)?(${SPEAKER})(?=[\s,.;]|$)`, 'u');
// "Ramon Ortiz, professor of trade at Kingsbridge College, forecast that '…'": an apposition may sit between.
const BEFORE_SPEAKER_VERB = new RegExp(String.raw`(${SPEAKER})(?:,\s[^"“”‘’,]{2,90},)?\s+(?:also\s+)?${VERB}(?:\s+(?:reporters|in an? [\p{L}\s]{2,30}?|on [\p{L}\s]{2,30}?))?\s*[,:]?\s*(?:that\s+)?(?:[\p{L}'’-]+\s+){0,8}$`, 'u');

// Anywhere in the sentence before a quoted phrase: "Sefcovic said after talks with Greer in Paris
// that raising the tariffs 'doesn't help the negotiations'" (its last match is the speaker), or "Moon
// Jae-in, who said the two leaders had agreed to resolve it 'in peaceful manner'", or "Facebook's
// founding president, Sean Parker, said it exploited a 'vulnerability in human psychology'".
const SPEAKER_VERB_IN_SENTENCE = new RegExp(String.raw`(?<![\p{L}'’-])(${SPEAKER})(?:,\s[^"“”‘’,]{2,90},|,\swho|,)?\s+(?:also\s+)?${VERB}\b`, 'gu');

// A phrase the speaker gave something, as the passive's agent: "billed by the company as '…'".
const PASSIVE_AGENT = new RegExp(String.raw`\b(?:billed|described|called|dubbed|branded|labell?ed|hailed|touted)\s+by\s+(${SPEAKER})\s+as\s*$`, 'u');

// What the speaker called something, right before the quoted words: "Essebsi called the attack 'a
// barbarous act'", "the ministry described it as 'unacceptable'".
const CALLED_BEFORE = new RegExp(String.raw`(${SPEAKER})\s+(?:has\s+|had\s+|also\s+)?(?:called|described|branded|dubbed|labell?ed)\s+(?:the|it|him|her|them|this|that|its|his|their)\b[^"“”.!?]{0,60}?\s(?:as\s+)?$`, 'u');

// "Bezalel Smotrich of the right-wing party Habayit Hayehudi, explained": a name after "of" is the
// speaker's party or employer; the speaker is the person named right before the "of".
const OF_BEFORE = /\s+of\s+(?:the\s+)?(?:[\p{L}'’-]+\s+){0,5}$/u;
function personBeforeOf(text: string, at: number, entities: FoundEntity[]): FoundEntity | null {
  const span = text.slice(Math.max(0, at - 90), at);
  const of = OF_BEFORE.exec(span);
  if (!of) return null;
  const ofAt = at - span.length + of.index;
  return entities.find((e) => e.kind === 'person' && e.mentions.some((m) => m.end === ofAt)) ?? null;
}

// A verb of speech with no subject of its own, joined to the sentence's: "…, but said", "and added".
const CONJOINED_VERB = new RegExp(String.raw`\b(?:but|and)\s+(?:also\s+|later\s+)?${VERB}\b`);

// A participle of speech with no subject of its own: "…, urging Pyongyang to", "when telling reporters,".
const SPEECH_PARTICIPLE = /\b(?:saying|stating|adding|telling|urging|warning|writing|insisting|noting|arguing|vowing|declaring|promising|calling on)\b/;
// A dash or colon that introduces the quotation right after it: "issued an apology – '…'", "one message: '…'".
const INTRODUCED = /(?:[–—:]|\s-)\s*$/;
// A word that cannot follow a sentence's subject as its verb ("Alleyne on Instagram", "Trump and Moon").
const NOT_A_VERB = /^\s+(?:on|in|at|of|and|or|for|with|to|from|by|the|a|an|as|who|which|that)\b/;

/** The first person or organisation of a sentence, when a lower-case word that may be its verb follows. */
function sentenceSubject(text: string, entities: FoundEntity[], from: number, to: number): FoundEntity | null {
  let first: { e: FoundEntity; end: number; start: number } | null = null;
  for (const e of entities) {
    if (e.kind === 'place') continue;
    for (const m of e.mentions) if (m.start >= from && m.end <= to && (!first || m.start < first.start)) first = { e, end: m.end, start: m.start };
  }
  if (!first) return null;
  const next = text.slice(first.end, first.end + 20);
  return /^\s+\p{Ll}/u.test(next) && !NOT_A_VERB.test(next) ? first.e : null;
}

/** The subject of the text from `from` to `to` (sentenceSubject) when its name is the first thing there. */
function openingSubject(text: string, entities: FoundEntity[], from: number, to: number): FoundEntity | null {
  const skip = text.slice(from, to).search(/\S/);
  if (skip < 0) return null;
  const subject = sentenceSubject(text, entities, from, to);
  return subject?.mentions.some((m) => m.start === from + skip) ? subject : null;
}

// A speaker phrase that ends on a role word ("Common Sense's CEO", "the company's spokesman").
const ROLE_ENDS = new RegExp(String.raw`(?:^|\s)(?:${[...ROLE_NOUNS].join('|')})$`, 'iu');
// A paragraph that ends by introducing the quotation below it: "Abe also said:", "Lee told reporters:".
const PARAGRAPH_ENDS_SAID = new RegExp(String.raw`(?:^|[.!?]\s+)(${SPEAKER})\s+(?:also\s+|then\s+|later\s+)?${VERB}(?:\s+[\p{Ll}]+){0,3}\s*:\s*\n+$`, 'u');

// "a senior US official", "the ministry's spokeswoman": someone the text describes but does not name.
export const DESCRIBED_PERSON =
  /^(?:an?|the)\s[\p{L}\s'’.-]*\b(?:official|spokes(?:man|woman|person)|analyst|economist|diplomat|source|minister|adviser|advisor|aide|negotiator|executive|lawmaker|expert|researcher|professor|director|officer|representative|envoy|member|resident|worker|trader|strategist)s?$/iu;

const OPEN_DOUBLE = new Set(['"', '“']);
const MAX_QUOTE_CHARS = 1500;
const CLOSE_DOUBLE = new Set(['"', '”']);

interface RawQuote {
  start: number;
  end: number;
  inner: string;
  single: boolean;
  paragraphs: number;
}

function wordCount(s: string): number {
  return s.trim().split(/\s+/).filter(Boolean).length;
}

/** Quoted spans with double marks, joining paragraphs a quote runs across. */
function doubleQuoted(text: string): RawQuote[] {
  const paragraphs = splitParagraphs(text);
  const out: RawQuote[] = [];
  let open: { start: number; parts: string[]; paragraphs: number; curly: boolean } | null = null;
  for (let p = 0; p < paragraphs.length; p++) {
    const para = paragraphs[p]!;
    let partStart = -1;
    for (let i = 0; i < para.text.length; i++) {
      const ch = para.text[i]!;
      const at = para.start + i;
      if (open && partStart < 0) partStart = i; // a continued quote resumes at the paragraph's start
      const prev = para.text[i - 1] ?? ' ';
      const isOpening = OPEN_DOUBLE.has(ch) && (ch === '“' || /[\s([—–-]/.test(prev) || i === 0);
      // Paragraphs run together (a dump's one-line related article): a mark after a sentence's end
      // and before a word reopens the quote rather than closing it ('… land. "The two bombs …').
      const reopens = open && isOpening && /\s/.test(prev) && /[\p{L}\p{N}]/u.test(para.text[i + 1] ?? '') && /[.!?,]\s+$/.test(para.text.slice(Math.max(partStart, i - 4), i));
      // Marks mixed by a dump: "Opened double, closed single.' Lee said …
      const mixedClose = open && !open.curly && (ch === "'" || ch === '’') && /[.!?,]/.test(prev) && /^\s+(?:\p{Lu}|(?:he|she|they|it)\s)/u.test(para.text.slice(i + 1, i + 6));
      if (reopens || mixedClose) {
        const upTo = reopens ? para.text.slice(0, i).trimEnd().length : i;
        open!.parts.push(para.text.slice(partStart, upTo));
        out.push({ start: open!.start, end: para.start + upTo + (mixedClose ? 1 : 0), inner: open!.parts.join(' '), single: false, paragraphs: open!.paragraphs });
        open = null;
        partStart = -1;
        if (mixedClose) continue;
      }
      if (!open && isOpening) {
        open = { start: at, parts: [], paragraphs: 1, curly: ch === '“' };
        partStart = i + 1;
      } else if (open && CLOSE_DOUBLE.has(ch) && i > partStart && !(ch === '"' && i === 0)) {
        open.parts.push(para.text.slice(partStart, i));
        out.push({ start: open.start, end: at + 1, inner: open.parts.join(' '), single: false, paragraphs: open.paragraphs });
        open = null;
        partStart = -1;
      } else if (open && i === 0 && OPEN_DOUBLE.has(ch)) {
        partStart = 1; // the reopening mark of a continued paragraph
      }
    }
    if (open) {
      // Unclosed at the paragraph's end: it continues only if the next paragraph reopens a quote.
      const next = paragraphs[p + 1];
      if (next && OPEN_DOUBLE.has(next.text[0]!)) {
        open.parts.push(para.text.slice(partStart));
        open.paragraphs++;
        partStart = -1;
      } else {
        // Left open by the writer (the next paragraph is a caption or a pull quote): a quotation of a
        // sentence or more still ends with its paragraph.
        const rest = para.text.slice(partStart).trimEnd();
        if (wordCount(rest) >= 8 && /[.!?]$/.test(rest)) {
          open.parts.push(rest);
          out.push({ start: open.start, end: para.start + partStart + rest.length, inner: open.parts.join(' '), single: false, paragraphs: open.paragraphs });
        }
        open = null;
        partStart = -1;
      }
    }
  }
  return out;
}

/** Single-quoted speech: 'We are also modernising the alliance …,' avoiding apostrophes. */
function singleQuoted(text: string): RawQuote[] {
  const out: RawQuote[] = [];
  for (const para of splitParagraphs(text)) {
    const t = para.text;
    let i = 0;
    while (i < t.length) {
      const ch = t[i]!;
      const prev = t[i - 1] ?? ' ';
      if ((ch === "'" || ch === '‘') && /[\s([—–"“]/.test(prev) && /[\p{L}\p{N}]/u.test(t[i + 1] ?? '')) {
        // Prefer a strong close (after punctuation, or before , . ; :); else a plain one.
        let close = -1;
        let weak = -1;
        // A quote runs a few sentences at most; bounding the search keeps hostile text linear.
        const limit = Math.min(t.length, i + MAX_QUOTE_CHARS);
        for (let j = i + 2; j < limit; j++) {
          const c = t[j]!;
          const before = t[j - 1]!;
          // Dumps mix marks: 'Opened single, closed double." ends here too.
          if ((c === '"' || c === '”') && /[.,!?]/.test(before)) {
            close = j;
            break;
          }
          if (c !== "'" && c !== '’' && c !== '‘') continue;
          const after = t[j + 1] ?? ' ';
          // Another quote opens after a plain close: the plain close was the end ('scare' … 'speech,').
          if (weak >= 0 && /[\s([—–]/.test(before) && /[\p{L}\p{N}]/u.test(after)) break;
          if (/\p{L}/u.test(after)) continue; // an apostrophe inside a word
          if (/[.,!?]/.test(before) || /[,.;:!?]/.test(after)) {
            close = j;
            break;
          }
          // "'negative externalities' if …": a plural's closing mark before a function word closes the
          // quote (a plural possessive is followed by its noun: "the countries' exports").
          const closesPlural = /^\s+(?:if|when|as|but|or|that|which|because|while|after|before|unless|until|to|for|from|with|by|of|in|on|at|the|a|an|is|are|was|were|will|would)\b/.test(t.slice(j + 1, j + 12));
          if (weak < 0 && /[\s)—–-]/.test(after) && (!/s/.test(before) || closesPlural)) weak = j;
        }
        if (close < 0) close = weak;
        if (close > 0) {
          out.push({ start: para.start + i, end: para.start + close + 1, inner: t.slice(i + 1, close), single: true, paragraphs: 1 });
          i = close + 1;
          continue;
        }
      }
      i++;
    }
  }
  return out;
}

const KIND_RANK = { person: 0, organisation: 1, place: 2 } as const;

/** The entity the speaker phrase names: a person before an organisation before a place. */
function findEntityAt(entities: FoundEntity[], start: number, end: number): FoundEntity | null {
  const hits = entities.filter((e) => e.mentions.some((m) => m.start < end && start < m.end));
  hits.sort((a, b) => KIND_RANK[a.kind] - KIND_RANK[b.kind]);
  return hits[0] ?? null;
}

export type Gender = 'male' | 'female';
// The article's own gendered references to a person: a courtesy title before a name ("Ms Kent"), a
// gendered role beside it ("spokeswoman Ana Ruiz", "Ruiz, a spokeswoman"), or the first
// third-person pronoun after it in its sentence, before anyone else or a quotation ("Kent and her staff").
const TITLE_BEFORE = /\b(?:(Mr|Sir|Lord|Mister)|(Mrs|Ms|Miss|Madam|Lady|Dame))\.?\s+$/;
const ROLE_NOUN =
  /^(?:(?:spokes|chair|business|congress|council|police|fire|sales|anchor|fore|gentle|committee|assembly|news|ombuds|alder)(?:(man)|(woman))|(father|husband|son|brother|king|prince|uncle)|(mother|wife|daughter|sister|queen|princess|aunt))$/i;
const PRONOUN = /\b(?:(he|him|his|himself)|(she|her|hers|herself))\b/i;

const OBJECT_BEFORE = /\b(?:with|to|for|of|by|from|about|at|on|in)\s+(?:(?:the|a|an|his|her|their|its)\s+)?(?:[\p{L}\p{N}-]+\s+){0,2}$/u;

/** Each person's gender, by majority of the article's gendered references to them (none: unknown). */
export function gendersOf(text: string, entities: FoundEntity[]): Map<string, Gender> {
  const people = entities.filter((e) => e.kind === 'person');
  const starts = people.flatMap((e) => e.mentions.map((m) => m.start)).sort((a, b) => a - b);
  const out = new Map<string, Gender>();
  for (const e of people) {
    let male = 0;
    let female = 0;
    const vote = (m: RegExpExecArray | null, maleGroups: number[], femaleGroups: number[]) => {
      if (!m) return;
      if (maleGroups.some((g) => m[g])) male++;
      else if (femaleGroups.some((g) => m[g])) female++;
    };
    for (const m of e.mentions) {
      const before = text.slice(Math.max(0, m.start - 30), m.start);
      const titled = TITLE_BEFORE.exec(before) ?? TITLE_BEFORE.exec(m.text.split(/\s+/)[0]! + ' ');
      vote(titled, [1], [2]);
      // A role right before the name, or an apposition right after it.
      const roleBefore = /(\w+)\s+$/.exec(before);
      if (roleBefore) vote(ROLE_NOUN.exec(roleBefore[1]!), [1, 3], [2, 4]);
      const apposition = /^,\s+(?:an?|the)\s+(?:[\w-]+\s+){0,3}?([\w-]+)\b/.exec(text.slice(m.end, m.end + 60));
      if (apposition) vote(ROLE_NOUN.exec(apposition[1]!), [1, 3], [2, 4]);
      // The sentence after the mention, up to the next person or quotation; not after a name a
      // preposition governs ("photos with the 21-year-old Alleyne, writing that she …": "she" is the
      // sentence's subject, not the name).
      if (OBJECT_BEFORE.test(before)) continue;
      const next = starts.find((at) => at >= m.end) ?? text.length;
      let after = text.slice(m.end, Math.min(next, m.end + 100));
      after = after.split(/[.!?](?:\s|$)|["“”‘]|\n/)[0]!;
      vote(PRONOUN.exec(after), [1], [2]);
    }
    if (male > female) out.set(e.key, 'male');
    else if (female > male) out.set(e.key, 'female');
  }
  return out;
}

function lastPersonBefore(entities: FoundEntity[], at: number, isPossessive: (end: number) => boolean, genders: Map<string, Gender>, pronoun: string): FoundEntity | null {
  // "she said" is not the man named last: the article's own references rule out the other gender.
  const ruledOut: Gender = /^she$/i.test(pronoun) ? 'male' : 'female';
  let best: FoundEntity | null = null;
  let bestAt = -1;
  for (const e of entities) {
    if (e.kind !== 'person' || genders.get(e.key) === ruledOut) continue;
    // "Lee's inauguration" names Lee but does not make him the subject "he" refers to.
    for (const m of e.mentions) if (m.start < at && m.start > bestAt && !/['’]s$/.test(m.text) && !isPossessive(m.end)) [best, bestAt] = [e, m.start];
  }
  return best;
}

// "it said", "the company added", "the airline said": an organisation named before.
const ORGANISATION_ANAPHOR = /^(?:it|(?:the|The)\s+(company|firm|group|airline|carrier|ministry|bank|agency|embassy|office|council|union|institute|university|association|party|court|commission|authority|government))$/;

function lastOrganisationBefore(entities: FoundEntity[], at: number, noun: string | undefined): FoundEntity | null {
  const generic = !noun || /^(?:company|firm|group|airline|carrier)$/i.test(noun);
  let best: FoundEntity | null = null;
  let bestAt = -1;
  // Built at its first use, once for all the organisations (not once per organisation).
  let holdsNoun: RegExp | null = null;
  for (const e of entities) {
    if (e.kind !== 'organisation' || (!generic && !(holdsNoun ??= new RegExp(`\\b${noun}\\b`, 'i')).test(e.name))) continue;
    for (const m of e.mentions) if (m.end <= at && m.start > bestAt) [best, bestAt] = [e, m.start];
  }
  return best;
}

/** "Cho said": the one person of the article whose name ends (or starts) with that word. */
function personByName(entities: FoundEntity[], name: string): FoundEntity | null {
  if (!/^[\p{Lu}][\p{L}'’-]+$/u.test(name)) return null;
  const people = entities.filter((e) => {
    if (e.kind !== 'person') return false;
    const parts = e.name.split(/\s+/);
    return parts.length > 1 && (parts[parts.length - 1] === name || parts[0] === name);
  });
  return people.length === 1 ? people[0]! : null;
}

/**
 * "the prime minister told the rabbis": the one person of the article whose role the text gave as
 * those words (a name the article also gives an organisation is no person to trust); else null.
 */
function personByRole(entities: FoundEntity[], phrase: string): FoundEntity | null {
  const role = /^the\s+((?:[\p{Ll}-]+\s+){0,2}[\p{Ll}-]+)$/u.exec(phrase)?.[1];
  if (!role || !ROLE_ENDS.test(role)) return null;
  const organisations = new Set(entities.filter((e) => e.kind === 'organisation').map((e) => e.name.toLowerCase()));
  const found = entities.filter((e) => e.kind === 'person' && !organisations.has(e.name.toLowerCase()) && e.roles.some((r) => r.toLowerCase() === role));
  return found.length === 1 ? found[0]! : null;
}

/** "Police said", "police said": the one police force the article names ("LAX Airport Police"). */
function policeOf(entities: FoundEntity[], phrase: string): FoundEntity | null {
  if (!/^(?:the\s+)?police$/i.test(phrase)) return null;
  const found = entities.filter((e) => e.kind === 'organisation' && /\bpolice\b/i.test(e.name));
  return found.length === 1 ? found[0]! : null;
}

/** "Slidell police said": the one organisation of the article whose name starts with those words ("Slidell Police Department"). */
function organisationByStart(entities: FoundEntity[], phrase: string): FoundEntity | null {
  if (!/^[\p{Lu}][\p{L}'’-]+\s\p{L}/u.test(phrase)) return null;
  const key = phrase.toLowerCase();
  const found = entities.filter((e) => e.kind === 'organisation' && e.name.toLowerCase().startsWith(`${key} `));
  return found.length === 1 ? found[0]! : null;
}

function resolveSpeaker(speaker: string, start: number, entities: FoundEntity[], quoteStart: number, isPossessive: (end: number) => boolean, genders: () => Map<string, Gender>): { speaker: string; entity: FoundEntity | null } {
  // "a senior official who briefed reporters": the speaker is the noun phrase before "who".
  const cleaned = speaker
    .trim()
    .replace(/\s+(?:who|which|that|after|before|in|at|on)\b.*$/, '')
    .replace(/['’]s$/, '')
    // "said Prime Minister Olu Adeyemi.": the sentence's full stop is not part of the name ("Jr." is).
    .replace(/(\p{L}{3})\.$/u, '$1');
  if (/^(?:he|she)$/i.test(cleaned)) return { speaker: cleaned, entity: lastPersonBefore(entities, quoteStart, isPossessive, genders(), cleaned) };
  // "it said", "the company said": the organisation named last before (whose name holds the noun,
  // for "the ministry", "the bank"; any for "it", "the company", "the firm", "the group").
  const organisation = ORGANISATION_ANAPHOR.exec(cleaned);
  if (organisation) return { speaker: cleaned, entity: lastOrganisationBefore(entities, start, organisation[1]) };
  // "a British government spokesperson" is nobody we can name.
  const at = findEntityAt(entities, start, start + cleaned.length);
  // "Lakeside police said" where "Lakeside" is a place: the phrase is the organisation the article names in full.
  const entity = (at?.kind === 'place' ? organisationByStart(entities, cleaned) : null) ?? at ?? personByName(entities, cleaned) ?? organisationByStart(entities, cleaned) ?? policeOf(entities, cleaned);
  if (entity && entity.kind !== 'person' && /^an?\s/i.test(cleaned)) return { speaker: cleaned, entity: null };
  return { speaker: cleaned, entity: entity ?? personByRole(entities, cleaned) };
}

export function findQuotes(text: string, entities: FoundEntity[]): FoundQuote[] {
  // Where the sentence holding a position starts (the stage's own split of the text, made once).
  const sentenceAt = (at: number) => sentencesOf(text).findLast((s) => s.start <= at)?.start ?? 0;
  const raw = [...doubleQuoted(text), ...singleQuoted(text)].sort((a, b) => a.start - b.start);
  // Drop quotes nested inside another (a single-quoted phrase inside a double-quoted one).
  const outer = raw.filter((q) => !raw.some((o) => o !== q && o.start <= q.start && q.end <= o.end && o.end - o.start > q.end - q.start));
  const quotes: FoundQuote[] = [];
  const isPossessive = (end: number) => /^['’]s\b/.test(text.slice(end, end + 3));
  // Read only when a quote's speaker is "he" or "she" (most articles need none).
  let genderCache: Map<string, Gender> | null = null;
  const genders = () => (genderCache ??= gendersOf(text, entities));
  // A position's paragraph: how many runs of line breaks start before it (found once, not per quote).
  const breaks = [...text.matchAll(/\n+/g)].map((m) => m.index!);
  const paragraphOf = (at: number) => {
    let lo = 0;
    let hi = breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (breaks[mid]! < at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  for (const q of outer) {
    const inner = q.inner.trim().replace(/[,\s]+$/, '');
    // A doubled closing mark ("…,'' Fandal said.") is not text of the attribution: read past it.
    const afterStart = q.end + (/^['’"”]+/.exec(text.slice(q.end, q.end + 3))?.[0].length ?? 0);
    const after = text.slice(afterStart, afterStart + 160).split('\n')[0]!;
    const lineStart = text.lastIndexOf('\n', q.start) + 1;
    const before = text.slice(Math.max(lineStart, q.start - 160), q.start);
    let speaker: { speaker: string; entity: FoundEntity | null } | null = null;
    let m: RegExpExecArray | null;
    const titled = AFTER_VERB_TITLE_NAME.exec(after);
    const titledSpeaker = titled ? resolveSpeaker(titled[1]!.trim().replace(/(\p{L}{2})\.$/u, '$1'), afterStart + after.indexOf(titled[1]!), entities, q.start, isPossessive, genders) : null;
    if (titledSpeaker?.entity && titledSpeaker.entity.kind !== 'place') {
      speaker = titledSpeaker;
    } else if ((m = AFTER_VERB_SPEAKER.exec(after))) {
      speaker = resolveSpeaker(m[1]!, afterStart + after.indexOf(m[1]!), entities, q.start, isPossessive, genders);
      // "said Common Sense's CEO, James Steyer": a role before the name, set off by a comma; the
      // speaker is the person the apposition names.
      if (speaker.entity?.kind !== 'person' && ROLE_ENDS.test(m[1]!)) {
        const named = /^,\s+((?:[\p{Lu}][\p{L}'’.-]*\s?){1,4})(?=[,.;]|$)/u.exec(after.slice(after.indexOf(m[1]!) + m[1]!.length));
        const byName = named ? resolveSpeaker(named[1]!, afterStart + after.indexOf(m[1]!) + m[1]!.length + named[0].indexOf(named[1]!), entities, q.start, isPossessive, genders) : null;
        if (byName?.entity?.kind === 'person') speaker = byName;
      }
    } else if ((m = AFTER_SPEAKER_VERB.exec(after)) || (m = AFTER_ACCORDING.exec(after))) {
      speaker = resolveSpeaker(m[1]!, afterStart + after.indexOf(m[1]!), entities, q.start, isPossessive, genders);
      // "the prime minister, Olu Adeyemi, said": a described speaker whose apposition names them.
      // (A described speaker a role already resolved still gives way to the name: the text names them.)
      const named = (!speaker.entity || speaker.entity.kind === 'person') && /^(?:the|a|an)\s/i.test(speaker.speaker) ? /^,\s+((?:[\p{Lu}][\p{L}'’.-]*\s?){1,4}),\s/u.exec(after.slice(after.indexOf(m[1]!) + m[1]!.length)) : null;
      if (named) {
        const byName = resolveSpeaker(named[1]!, afterStart + after.indexOf(named[1]!), entities, q.start, isPossessive, genders);
        if (byName.entity?.kind === 'person') speaker = byName;
      }
    } else if ((m = BEFORE_SPEAKER_VERB.exec(before))) {
      const sentenceStart = Math.max(before.lastIndexOf('. '), before.lastIndexOf('; '));
      let name = m[1]!;
      // "when he said," — keep only the last clause's subject.
      name = name.replace(/^.*\b(?:when|as|and|but|while|where)\s+/i, '');
      // "In the video he says," — the pronoun is the subject, not the phrase before it.
      name = name.replace(/^.*\s(he|she|they|it)$/i, '$1');
      // "on Monday. Brandvold wrote,": the name runs on from the sentence before; keep its own part.
      const cut = name.lastIndexOf('. ');
      const at = cut >= 0 ? m.index + m[1]!.lastIndexOf('. ') + 2 : m.index;
      if (cut >= 0) name = name.slice(cut + 2);
      if (at > sentenceStart && name) {
        speaker = resolveSpeaker(name, q.start - before.length + before.lastIndexOf(name), entities, q.start, isPossessive, genders);
      }
    }
    // 'The two sides were "making progress" in their talks, Sefcovic said.': a phrase quoted inside a
    // sentence that ends on its attribution is that speaker's.
    if (!speaker) {
      // (lower-case title words may stand before the name: "…, founder Pavel Durov said.")
      // ('… "determined" by the Workers' Party, it said.': a pronoun may be the speaker.)
      const rest = /^[^.!?"“”\n]{0,120}?,\s*(?:(?:\p{Ll}+\s){0,2}(?=\p{Lu})|(?=(?:it|he|she|they)\s))/u.exec(after);
      const tail = rest ? after.slice(rest[0].length) : '';
      const said = rest ? SPEAKER_VERB_TO_END.exec(tail) : null;
      if (said) speaker = resolveSpeaker(said[1]!, afterStart + rest![0].length, entities, q.start, isPossessive, genders);
    }
    if (!speaker && (m = PASSIVE_AGENT.exec(before))) {
      const found = resolveSpeaker(m[1]!, q.start - before.length + m.index + m[0].indexOf(m[1]!), entities, q.start, isPossessive, genders);
      if (found.entity && found.entity.kind !== 'place') speaker = found;
    }
    if (!speaker && (m = CALLED_BEFORE.exec(before))) {
      const found = resolveSpeaker(m[1]!, q.start - before.length + m.index, entities, q.start, isPossessive, genders);
      if (found.entity && found.entity.kind !== 'place') speaker = found;
    }
    // "Abe also said:" closing the paragraph before, and the quotation opening this one.
    if (!speaker && q.start === lineStart && lineStart > 0) {
      const prevStart = text.lastIndexOf('\n', lineStart - 2) + 1;
      const said = PARAGRAPH_ENDS_SAID.exec(text.slice(Math.max(prevStart, lineStart - 160), lineStart));
      if (said) {
        const found = resolveSpeaker(said[1]!, Math.max(prevStart, lineStart - 160) + said.index!, entities, q.start, isPossessive, genders);
        if (found.entity && found.entity.kind !== 'place') speaker = found;
      }
    }
    // A quoted phrase late in a sentence whose subject said it, however far before: the sentence's
    // last "X said" (X a person or organisation of the article, not a description) with no other
    // quotation between.
    if (!speaker) {
      const sentenceStart = Math.max(lineStart, sentenceAt(q.start));
      const prefix = text.slice(Math.max(sentenceStart, q.start - 300), q.start);
      if (!/["“”]/.test(prefix)) {
        let last: RegExpExecArray | null = null;
        for (const m of prefix.matchAll(SPEAKER_VERB_IN_SENTENCE)) last = m;
        if (last) {
          const at = q.start - prefix.length + last.index!;
          const head = personBeforeOf(text, at, entities);
          const found = head ? { speaker: head.name, entity: head } : resolveSpeaker(last[1]!, at, entities, q.start, isPossessive, genders);
          if (found.entity && found.entity.kind !== 'place') speaker = found;
        } else if (prefix.length === q.start - sentenceStart && CONJOINED_VERB.test(prefix)) {
          // "Sony hasn't confirmed what is coming, but said news was on the way: '…'": a verb of
          // speech joined to the sentence's subject, a person or organisation opening the sentence
          // (read only when the whole sentence is in reach).
          const opening = text.slice(sentenceStart).search(/\S/) + sentenceStart;
          const subject = findEntityAt(entities, opening, opening + 1);
          if (subject && subject.kind !== 'place' && subject.mentions.some((m) => m.start === opening)) speaker = { speaker: subject.name, entity: subject };
        } else if (prefix.length === q.start - sentenceStart && SPEECH_PARTICIPLE.test(prefix)) {
          // "Donald Trump struck a conciliatory note, urging Pyongyang to '…'": a participle of speech
          // whose subject is the sentence's first person or organisation, when a verb follows its name
          // ("Trump did not elaborate … when telling commanders, '…'"; not "with Alleyne on Instagram").
          const subject = sentenceSubject(text, entities, sentenceStart, q.start);
          if (subject) speaker = { speaker: subject.name, entity: subject };
        } else if (prefix.length === q.start - sentenceStart && INTRODUCED.test(prefix)) {
          // "Portnow later issued an apology – '…'", "The ministry had one message: '…'": a quotation a
          // dash or colon introduces is said by the person or organisation that opens its sentence.
          const subject = openingSubject(text, entities, sentenceStart, q.start);
          if (subject) speaker = { speaker: subject.name, entity: subject };
        }
      }
    }
    // 'Sony has also changed its sign-up rules.' then a paragraph of quotation alone: the paragraph
    // before, with no quotation of its own, opens with a person or organisation already quoted in
    // the article, who goes on speaking.
    if (!speaker && q.start === lineStart && lineStart > 0) {
      const prevStart = text.lastIndexOf('\n', lineStart - 2) + 1;
      const subject = !/["“”]/.test(text.slice(prevStart, lineStart)) ? openingSubject(text, entities, prevStart, lineStart) : null;
      if (subject && quotes.some((x) => x.speakerKey === subject.key)) speaker = { speaker: subject.name, entity: subject };
    }
    const previous = quotes[quotes.length - 1];
    // '"…," the company added' after a quote of SpaceX's: the organisation just quoted, before the
    // one named last (often the outlet that carried the statement: "as cited by Business Wire").
    const previousOrganisation = previous?.speakerKey ? entities.find((e) => e.key === previous.speakerKey && e.kind === 'organisation') : undefined;
    if (speaker && previousOrganisation && speaker.entity?.kind !== 'person') {
      const anaphor = ORGANISATION_ANAPHOR.exec(speaker.speaker);
      const noun = anaphor?.[1];
      if (anaphor && (!noun || lastOrganisationBefore([previousOrganisation], q.start, noun))) speaker = { speaker: speaker.speaker, entity: previousOrganisation };
    }
    // An unattributed quote in the same or the next paragraph as an attributed one: the same
    // speaker goes on (how news continues a quote after its attribution).
    // So does a second quoted span of the sentence the attributed one is in ("X said it was made 'in
    // collaboration with others', and built by 'a global team'").
    // (The verb of the attribution right after the previous quote — '…," said X, warning that "…"' —
    // is that quote's own, not another speaker's.)
    const between = previous ? text.slice(previous.end, q.start) : '';
    const ownAttribution = /^[\s,]*$/.test(between.slice(0, ANY_VERB.exec(between)?.index ?? 0)) ? between.replace(ANY_VERB, '') : between;
    // ('… – "…" – and set up a task force to ensure "female advancement"': a dash after a quotation
    // closes it as an aside; the writer's own words follow.)
    const sameSentence = !!previous && !/[.!?]["”'’]?\s|\n/.test(between) && !ANY_VERB.test(ownAttribution) && !/^\s*[–—]/.test(between);
    // Or two paragraphs on, when the one between quotes no one and names no other person (a caption
    // or pull quote set between two paragraphs of one speaker's quotation).
    const quietBetween = (p: FoundQuote) =>
      paragraphOf(q.start) - paragraphOf(p.end) === 2 && !/["“”]/.test(text.slice(p.end, lineStart)) && !entities.some((e) => e.kind === 'person' && e.key !== p.speakerKey && e.mentions.some((m) => m.start >= p.end && m.start < lineStart));
    const nearPrevious = !!previous && (paragraphOf(q.start) - paragraphOf(previous.start) <= 1 || quietBetween(previous));
    if (!speaker && previous?.speaker && (sameSentence || (nearPrevious && /(?:^|[.!?]\s+)$/.test(text.slice(Math.max(lineStart, q.start - 3), q.start) || '')))) {
      speaker = { speaker: previous.speaker, entity: previous.speakerKey ? (entities.find((e) => e.key === previous.speakerKey) ?? null) : null };
    }
    // 'respect the "necessity for strategic flexibility"': a quoted phrase used as a noun (from
    // a document), not something someone said.
    if (!speaker && /\b(?:the|a|an|its|their|his|her|our)\s+$/i.test(text.slice(Math.max(0, q.start - 8), q.start))) continue;
    const words = wordCount(inner);
    // Scare quotes and titles ('alliance modernization', "win-win") are not speech.
    if (!speaker && words < (q.single ? 8 : 6)) continue;
    if (speaker && words < 2) continue;
    // The speaker is a person or organisation the text names, or nobody: "a statement",
    // "Officials" or "Seoul" is not someone; "a senior State Department official" is kept only as
    // a description beside no speaker.
    const entity = speaker?.entity && speaker.entity.kind !== 'place' ? speaker.entity : null;
    const subject = speaker?.speaker ?? null;
    const described = !entity && subject && DESCRIBED_PERSON.test(subject) ? subject : null;
    quotes.push({
      start: q.start,
      end: q.end,
      text: inner,
      speaker: entity ? subject : described,
      speakerKey: entity?.key ?? null,
      speakerName: entity?.name ?? null,
    });
  }
  return quotes;
}
