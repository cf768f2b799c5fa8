// People, organisations and places in one article's text, each with its mentions (offsets),
// the roles and titles the text gives it, and one canonical name and key per entity, so that
// "Lee Jae Myung" / "Lee Jae-myung" / "President Lee" / "Lee" become one person and
// "US" / "United States" / "Washington" (as the government) one country.
// compromise is the base for spotting names that carry no title; it clips hyphenated names and
// finds no organisations, so titles, appositions, organisation patterns, the gazetteer and the
// merging are ours.
import nlp from 'compromise';
import type { EntityKind } from '../model/index.ts';
import { PLACE_PATTERN, placeForm, type PlaceMatch } from './gazetteer.ts';
import {
  HONORIFICS,
  isRoleWord,
  KIN_WORDS,
  KNOWN_ACRONYMS,
  KNOWN_ORG_PHRASES,
  KNOWN_ORGS,
  NEWS_AGENCIES,
  NOT_ACRONYMS,
  NOT_NAME_WORDS,
  NOT_ORGS,
  ORG_DESCRIPTORS,
  ORG_HEADS,
  ORG_OPENERS,
  PLACE_DESCRIPTORS,
  PLACE_HEADS,
  ROLE_NOUNS,
  TITLE_PATTERN,
} from './patterns.ts';
import { type TaggedSpan, tagText } from './tagger/model.ts';
import { lexiconClasses } from './tagger/lexicon.ts';
import { shoutedSentence } from './tagger/features.ts';
import { caseProfile } from './tagger/case-profile.ts';
import { sentencesOf } from './tagger/tokens.ts';
import { FUNCTION_WORDS } from '../text/stopwords.ts';

export interface EntityMention {
  start: number;
  end: number;
  text: string;
  /** The role or title this mention gives ("Secretary of State", "chairman of the Joint Chiefs of Staff"). */
  role: string | null;
}

export interface FoundEntity {
  /** Stable across articles: kind plus a normalised name or ISO code ("place:KR", "person:leejaemyung"). */
  key: string;
  kind: EntityKind;
  name: string;
  /** ISO 3166 code of a country (or of the country a city is in). */
  code: string | null;
  aliases: string[];
  roles: string[];
  mentions: EntityMention[];
}

interface Span {
  start: number;
  end: number;
  kind: EntityKind;
  /** The name as the text gives it (without title). */
  name: string;
  role: string | null;
  /** Further roles the text gives at this mention (a title and an apposition: "Adm. …, chairman of …"). */
  moreRoles?: string[];
  /** Claims the words (a title, a role phrase) without being an entity. */
  ignore?: boolean;
  place?: PlaceMatch;
  /** For organisations: the full name an acronym stands for, when known. */
  expanded?: string | null;
  /** A lone name the tagger calls a person: kept even when no full name or title backs it. */
  trusted?: boolean;
}

// A word of a personal name: "Kim", "Myung-soo", "McAllister", "O'Brien", "Jae-myung".
const NAME_TOKEN = String.raw`(?:Mc|Mac|O['’])?\p{Lu}\p{Ll}+(?:-\p{L}\p{Ll}*)*`;
const NAME = String.raw`${NAME_TOKEN}(?:\s+(?:\p{Lu}\.\s+)?${NAME_TOKEN}){0,3}`;
// A regnal number after a titled name: "Pope John Paul II", "Brigadier General Glenn A. Profitt II".
const REGNAL = String.raw`(?:\s+(?:[IVX]{2,5}|V|X)(?![\p{L}\p{N}'’-]))?`;
const TITLED_PERSON = new RegExp(String.raw`(?<![\p{L}.])(${TITLE_PATTERN})\s+(${NAME})`, 'gu');
const TITLED_PERSON_REGNAL = new RegExp(String.raw`(?<![\p{L}.])(${TITLE_PATTERN})\s+(${NAME}${REGNAL})`, 'gu');
// A titled name with a particle inside it: "Crown Prince Mohammed bin Salman", "Mayor Bill de Blasio" (the
// title rule stopped at the particle and kept "Mohammed"; both such titled names of the news-ner dev and train parts).
const NAME_WITH_PARTICLE = String.raw`${NAME_TOKEN}(?:\s+(?:\p{Lu}\.\s+|(?:bin|ibn|de|da|van|von|der|del|dos|du|di)\s+)?${NAME_TOKEN}){0,3}`;
const TITLED_PERSON_PARTICLE = new RegExp(String.raw`(?<![\p{L}.])(${TITLE_PATTERN})\s+(${NAME_WITH_PARTICLE}${REGNAL})`, 'gu');
// A capitalised phrase: capitalised words joined by the small words names contain.
// Dots only inside abbreviations ("U.S."), and never across a line: a phrase stays in its sentence.
const CAP_TOKEN = String.raw`\p{Lu}[\p{L}\p{N}&-]*(?:\.\p{Lu}\.?)*`;
const CAP_PHRASE = new RegExp(String.raw`(?<![\p{L}\p{N}])${CAP_TOKEN}(?:[ \t]+(?:(?:of|for|and|on|the|de|&)[ \t]+)*${CAP_TOKEN})*`, 'gu');
// A dot only inside a name ("U.S."), so "… and Tencent. Haojun …" stops at the sentence's end.
const EMPLOYER_WORD = String.raw`\p{Lu}(?:[\p{L}\p{N}&-]|\.(?=\p{L}))*`;
const EMPLOYER_NAME = `${EMPLOYER_WORD}(?:[ ]${EMPLOYER_WORD}){0,3}`;
const EMPLOYER = new RegExp(
  String.raw`\b(?:(?:roles?|career|work(?:ed)?|positions?|stints?|manager|analyst|partner|director|officer|engineer|economist|banker|executive)\s+(?:at|with)|joined|joining|transitioned to|moved to)\s+(${EMPLOYER_NAME}(?:(?:,\s+|\s+and\s+)${EMPLOYER_NAME})*)`,
  'gu',
);
// No dots: a list item must not run into the next sentence ("… and Didi. Before …").
const LIST_ITEM = String.raw`[\p{Lu}\p{N}][\p{L}\p{N}&-]*(?:[ ]\p{Lu}[\p{L}\p{N}&-]*){0,3}`;
const COMPANY_LIST = new RegExp(
  String.raw`\b(?:companies|firms|brands|startups|start-ups|carmakers|automakers|lenders|banks|insurers|investors|investments|platforms|retailers|manufacturers|makers|rivals|competitors|powerhouses|giants|groups)\s+(?:such as|including|like|as)\s+(${LIST_ITEM}(?:(?:,\s+(?:and\s+)?|\s+and\s+)${LIST_ITEM})+)`,
  'gu',
);
const ACRONYM = /(?<![\p{L}\p{N}-])[A-Z][A-Za-z]?[A-Z0-9]{1,5}(?![\p{L}\p{N}])|\bFed\b/gu;

/** Lower-case letters and digits only, accents dropped: "Lee Jae-myung" and "Lee Jae Myung" meet. */
export function normaliseKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

export function entityKey(kind: EntityKind, name: string, code: string | null, placeType?: string): string {
  if (kind === 'place') return code && (!placeType || placeType === 'country') ? `place:${code}` : `place:${normaliseKey(name)}`;
  return `${kind}:${normaliseKey(name)}`;
}

/** The words already given to a span: first come, first served. A mark per character keeps a
 * check proportional to the span, not to the number of spans (long texts have thousands). */
class Claims {
  readonly spans: Span[] = [];
  private readonly taken: Uint8Array;
  /** The trained tagger's spans on the same text (none for the rules method): what the rules defer to. */
  readonly model: readonly TaggedSpan[];
  constructor(textLength: number, model: readonly TaggedSpan[] = []) {
    this.taken = new Uint8Array(textLength + 1);
    this.model = model;
  }
  free(start: number, end: number): boolean {
    for (let i = Math.max(0, start); i < end && i < this.taken.length; i++) if (this.taken[i]) return false;
    return true;
  }
  add(span: Span): boolean {
    if (!this.free(span.start, span.end)) return false;
    this.spans.push(span);
    this.taken.fill(1, Math.max(0, span.start), span.end);
    return true;
  }
}

/** Capitalised words right before a title that belong to the role: "US", "South Korean", "Korea's". */
function rolePrefix(text: string, titleStart: number): string {
  const before = text.slice(Math.max(0, titleStart - 80), titleStart);
  const m = /((?:\p{Lu}[\p{L}-]*(?:\.\p{Lu}\.)?(?:['’]s)?[ ]+){1,4})$/u.exec(before);
  if (!m) return '';
  let words = m[1]!.trim().split(/\s+/);
  // Drop words that open a sentence rather than a role ("The", "In", "When").
  while (words.length && NOT_NAME_WORDS.has(words[0]!.replace(/['’]s$/, ''))) words = words.slice(1);
  return words.join(' ');
}

const LOWERCASE_ROLE_BEFORE = /(?:^|[\s(,])((?:(?:senior|chief|former|deputy|lead|top|veteran|assistant)\s+)?([a-z][a-z-]*))\s+$/;

/** "analyst Kim Ji-won at KB Securities": a lower-case role word before the name, and where. */
function lowercaseRole(text: string, start: number, end: number): string | null {
  return lowercaseRoleAt(text, start, end)?.role ?? null;
}

/** lowercaseRole, with the offset where its words begin. */
function lowercaseRoleAt(text: string, start: number, end: number): { role: string; start: number } | null {
  const from = Math.max(0, start - 40);
  const m = LOWERCASE_ROLE_BEFORE.exec(text.slice(from, start));
  if (!m || !isRoleWord(m[2]!)) return null;
  const where = /^\s+(at|of|from|with)\s+((?:the\s+)?\p{Lu}[\p{L}&.-]*(?:\s+(?:of\s+)?\p{Lu}[\p{L}&.-]*){0,4})/u.exec(text.slice(end, end + 80));
  return { role: where ? `${m[1]} ${where[1]} ${where[2]}` : m[1]!, start: from + m.index + m[0].length - m[1]!.length - (m[0].length - m[0].trimEnd().length) };
}

/**
 * The roles the text gives the name at [start, end): its apposition, else an occupation right
 * before it, else a role set off by commas before it; a role set off before the occupation counts
 * too ("the grand marshal, actor Gary Sinise,").
 */
function rolesAt(text: string, start: number, end: number): string[] {
  const apposition = appositionRole(text, end);
  if (apposition) return [apposition];
  const before = lowercaseRoleAt(text, start, end);
  const earlier = roleBeforeComma(text, before?.start ?? start, end);
  return before ? (earlier ? [before.role, earlier] : [before.role]) : earlier ? [earlier] : [];
}

/** "…, chairman of the Joint Chiefs of Staff," after a name: the role phrase, if it is one. */
export function appositionRole(text: string, nameEnd: number): string | null {
  const after = text.slice(nameEnd, nameEnd + 200);
  // "Marco Rubio — now both national security advisor and secretary of state —"
  const dashed = /^\s+[—–]\s+(?:now\s+|currently\s+|then\s+)?(?:both\s+)?([^—–.;"“”]{3,120}?)\s+[—–]/u.exec(after);
  if (dashed && isRolePhrase(dashed[1]!)) return cleanRole(dashed[1]!);
  // "…, an operations manager at the American Meteor Society told RT.com": a verb of speech ends the role.
  const m = /^,\s+((?:a|an|the)\s+)?([^,.;:()"“”]{3,140}?)(?=\s*(?:[,.;:()"“”]|$| who | which | and (?:a|an|the) | (?:told|said|says|tells|added) ))/u.exec(after);
  if (!m) {
    const copula = /^\s+(?:is|was)\s+((?:a|an|the)\s+)?(?:former\s+)?([^,.;:()"“”]{3,120}?)(?=\s*[,.;:]|$)/u.exec(after);
    // "… is professor of economics at …": without an article, only a role word may open the phrase.
    const bare = copula && !copula[1] && !isRoleWord(copula[2]!.split(/\s+/)[0]!);
    // "… was a radiologist and his wife, Leslie, …": the role ends where a clause about someone else begins.
    const phrase = bare ? undefined : copula?.[2]?.replace(/\s+and\s+(?:his|her|their|its)\s.*$/, '');
    return phrase && isRolePhrase(phrase) ? cleanRole(phrase) : null;
  }
  const phrase = m[2]!;
  // "raised in Virginia, but also the only candidate who …": a clause that a conjunction opens is no apposition.
  if (!m[1] && CONJUNCTION_OPENS.test(phrase)) return null;
  return isRolePhrase(phrase) && !introducesName(phrase) ? cleanRole(phrase) : null;
}

const PLACE_PREPOSITION_BEFORE = /(?:^|[^\p{L}])(?:in|at|from|near|into|across|outside|inside)[ \t]+$/u;
const CONJUNCTION_OPENS = /^(?:but|and|or|nor|so|yet|while|although|though|because|if|when|whereas|as)\s/;

/** "…, owner Inés Navarro mopped …": the role word is the next person's title, not an apposition to the name before. */
function introducesName(phrase: string): boolean {
  const ws = phrase.split(/\s+/);
  const k = ws.slice(0, 8).findIndex(isRoleWord);
  if (k < 0 || !/^\p{Ll}/u.test(ws[k]!)) return false;
  const name = ws.slice(k + 1, k + 3);
  return name.length === 2 && name.every((w) => /^\p{Lu}\p{Ll}/u.test(w) && !ROLE_NOUNS.has(w.toLowerCase()) && !NOT_NAME_WORDS.has(w));
}

function isRolePhrase(phrase: string): boolean {
  const ws = phrase.split(/\s+/);
  if (ws.length > 16) return false;
  // A verb in the phrase means it is a clause ("…, held talks"), not a role.
  if (/\b(?:said|says|held|has|had|have|is|was|were|will|would|told|added|met|took)\b/.test(phrase)) return false;
  if (ws.slice(0, 8).some((w) => ROLE_NOUNS.has(w.toLowerCase().replace(/[^a-z-]/g, '')))) return true;
  // An occupation ("a travel guide", "a pediatrician at …") only as the phrase's head: its last
  // word, or the word before "at/of/for/with/in" ("anchor commitments from …" is no role).
  const head = ws.findIndex((w, i) => i > 0 && /^(?:at|of|for|with|in|from|on)$/.test(w));
  return isRoleWord(ws[head > 0 ? head - 1 : ws.length - 1]!);
}

// "the Salesforce CEO, Marc Benioff,", "Facebook's founding president, Sean Parker,", "a foreign
// ministry spokesman, Geng Shuang.": a role set off before the name (the words after the article
// or the possessive, up to the comma), when the name's apposition closes after it.
const ROLE_BEFORE_COMMA = /(?:(?<![\p{L}])(?:the|The|a|A|an|An)\s+|\p{Lu}[\p{L}.-]*['’]s\s+)((?:[\p{L}-]+\s+){0,3}[\p{L}-]+),\s+$/u;

/** The role set off by commas before a name ("the Salesforce CEO, Marc Benioff"), if there is one. */
export function roleBeforeComma(text: string, start: number, end: number): string | null {
  if (!/^(?:[,.;\n]|$)/.test(text.slice(end, end + 1))) return null;
  const m = ROLE_BEFORE_COMMA.exec(text.slice(Math.max(0, start - 60), start));
  if (!m) return null;
  const words = m[1]!.split(/\s+/);
  // The phrase ends on its role word; no verb and no sentence word inside it.
  if (!isRoleWord(words[words.length - 1]!) || !isRolePhrase(m[1]!) || words.some((w) => NOT_NAME_WORDS.has(w))) return null;
  return cleanRole(m[1]!);
}

const cleanRole = (role: string) => role.replace(/\s+/g, ' ').trim();

function nameTokens(name: string): string[] {
  return name.split(/\s+/).filter((t) => !/^\p{Lu}\.$/u.test(t));
}

function isNameLike(tokens: string[]): boolean {
  const token = new RegExp(`^${NAME_TOKEN}$`, 'u');
  return tokens.length > 0 && tokens.every((t) => token.test(t) && !NOT_NAME_WORDS.has(t) && !ORG_HEADS.has(t) && !placeForm(t)) && !PLACE_HEADS.has(tokens[tokens.length - 1]!);
}

function stripPossessive(name: string): string {
  const last = name.charCodeAt(name.length - 1);
  if (last !== 115 && last !== 83) return name; // neither "s" nor "S": no possessive (the common case, asked often)
  // "TRUMP’S" in a line in capitals: the possessive is in capitals too (dev: news-ner CAPS +7 tp -6 fp, the rest unchanged).
  return name.replace(on('shouted-possessive') && !/\p{Ll}/u.test(name) ? /['’][sS]$/ : /['’]s$/, '');
}

/** Initials of an organisation name, small words skipped: "Joint Chiefs of Staff" -> "JCS". */
function initials(name: string): string {
  return name
    .split(/[\s-]+/)
    .filter((w) => /^\p{Lu}/u.test(w))
    .map((w) => w[0])
    .join('');
}

/**
 * "All Nippon Airways … ANA said": a word of two to six capitals that the model calls a person and that
 * spells the initials of an organisation the same text names is that organisation's acronym; the merge
 * then joins it to the organisation, as it joins every acronym (mergeSpans, `initials`).
 */
function acronymsOfOrganisations(spans: Span[], orgNames: readonly string[]): Span[] {
  if (!orgNames.length) return spans;
  return spans.map((s) => {
    if (s.kind !== 'person') return s;
    const word = stripPossessive(s.name);
    return /^[A-Z]{2,6}$/.test(word) && orgNames.some((n) => initials(n) === word) ? { ...s, kind: 'organisation', name: word, role: null, moreRoles: [] } : s;
  });
}

const SPEECH_NEAR = /\b(?:said|says|told|added|noted|stated|wrote|argued|explained|warned|insisted|according to)\b/;

/** How spans are proposed: the trained tagger (default) or the hand-written rules it replaced (kept as the baseline). */
export type EntityMethod = 'tagger' | 'rules';

let defaultMethod: EntityMethod = 'tagger';

/**
 * The tagger method's post-rules, by name, that a benchmark may switch off to measure what each
 * does (bench/entities/rules.ts). Empty in production: every rule runs.
 */
export const STAGE_RULES = [
  'untokenise',
  'retweet-marker',
  'titles',
  'regnal-number',
  'known-org-phrases',
  'datelines',
  'result-teams',
  'shouted-teams',
  'listed-orgs',
  'known-orgs',
  'propagate',
  'hyphenated',
  'gazetteer-places',
  'phrase-orgs',
  'acronym-orgs',
  'person-elsewhere',
  'storm',
  'sign-off',
  'office-tail',
  'role-tail',
  'role-head',
  'lowercase-head',
  'org-head-person',
  'club-marks',
  'lowercase-drop',
  'org-around',
  'gazetteer-around',
  'gazetteer-article',
  'surname-person',
  'place-apposition',
  'country-place',
  'demonym-drop',
  'event-names',
  'doc-majority',
  'news-agencies',
  'given-name-surname',
  'role-word-name',
  'score-tail',
  'credit-hyphen',
  'airport-place',
  'org-suffix',
  'shouted-prefix',
  'given-name-org',
  'name-particle',
  'name-suffix',
  'site-domain',
  'gazetteer-org-around',
  'town-plural-org',
  'company-possessive',
  'score-team',
  'byline-site',
  'shouted-us',
  'apposition-settled',
  'shouted-minority',
  'title-body',
  'shouted-org-of',
  'title-case-headline',
  'title-particle',
  'shouted-possessive',
  'role-holds-name',
  'title-runs-on',
  'known-in-model',
  'the-in-name',
  'names-in-role',
  'its-apposition',
  'listed-person',
  'minority-mixed',
  'company-shares',
  'motion-place',
  'shouted-copy',
  'acronym-of-org',
  'descriptor-org',
  'place-slot',
  'title-possessive',
  'kin-possessive',
  'outlet-reporter',
  'apposition-model-org',
  'team-plural',
  'group-letter',
  'apposition-descriptor',
  'store-org',
  'org-head-inside',
  'place-possessive-org',
  'compass-place',
] as const;
export type StageRule = (typeof STAGE_RULES)[number];
const rulesOff = new Set<StageRule>();
const on = (rule: StageRule) => rulesOff.size === 0 || !rulesOff.has(rule);
/** Switches off the named post-rules (an empty list switches all back on). For benchmarks only. */
export function setStageRulesOff(rules: readonly StageRule[]): void {
  rulesOff.clear();
  for (const r of rules) rulesOff.add(r);
}

/** Switches the method findEntities uses when none is given (benchmarks comparing the two through the whole stage). */
export function setDefaultEntityMethod(method: EntityMethod): void {
  defaultMethod = method;
}

/**
 * `knownPeople`: normalised first and last names of people already known from other articles,
 * so that a lone "Colby" in this one is a person too (merged with the full name in the store).
 */
export function findEntities(text: string, knownPeople: ReadonlySet<string> = new Set(), method: EntityMethod = defaultMethod): FoundEntity[] {
  const view = method === 'tagger' && on('untokenise') ? untokenised(text) : null;
  if (!view) return findEntitiesIn(text, knownPeople, method);
  // The rules read the text written the usual way; the mentions point into the text as given.
  const entities = findEntitiesIn(view.text, knownPeople, method);
  for (const entity of entities) {
    entity.mentions = entity.mentions.map((m) => {
      const start = view.at[m.start]!;
      let end = m.end > m.start ? view.at[m.end - 1]! + 1 : start;
      // "Ltd ." , "U.K .": a full stop the tokenised text set apart is not part of the name.
      if (m.end - m.start > 1 && view.text[m.end - 1] === '.' && view.at[m.end - 1]! > view.at[m.end - 2]! + 1) end = view.at[m.end - 2]! + 1;
      return { ...m, start, end, text: text.slice(start, end) };
    });
  }
  return entities;
}

// Text tokenised the way NER test sets write news ("Clinton said on Friday , ", "Korea 's",
// "( Reuters )", "O ' Neill"): the spaces that tokenising put before punctuation, clitics and a
// name's apostrophe, and after an opening parenthesis; not before the full stop after a lone letter
// ("P . R . China" would read as initials), nor after a full stop ("Jr. ," stays apart: the tagger
// reads "Jr." whole only before a space). Only deletions, so each character keeps a known place in
// the original.
const TOKENISED_GAP =
  /(?<=[^\s.])[ \t]+(?=[,:;!?%)](?![\p{L}\p{N}])|['’](?:s|re|ve|ll|d|m)(?![\p{L}\p{N}])|n['’]t(?![\p{L}\p{N}]))|(?<=[\p{L}\p{N}]{2}|[^\p{L}\s])[ \t]+(?=\.(?![\p{L}\p{N}]))|(?<=\()[ \t]+(?=\S)|(?<=(?<![\p{L}\p{N}])O)[ \t]+(?=['’][ \t]*\p{Lu})|(?<=(?<![\p{L}\p{N}])O[ \t]*['’])[ \t]+(?=\p{Lu})/gu;

/**
 * The text with tokenising's spaces taken out (see TOKENISED_GAP), and for each of its characters
 * the offset of the same character in `text` (one entry more: the text's end); null when the text
 * has none, as written news has not.
 */
export function untokenised(text: string): { text: string; at: Int32Array } | null {
  TOKENISED_GAP.lastIndex = 0;
  if (!TOKENISED_GAP.test(text)) return null;
  TOKENISED_GAP.lastIndex = 0;
  const parts: string[] = [];
  const at: number[] = [];
  let from = 0;
  for (const m of text.matchAll(TOKENISED_GAP)) {
    parts.push(text.slice(from, m.index!));
    for (let i = from; i < m.index!; i++) at.push(i);
    from = m.index! + m[0].length;
  }
  parts.push(text.slice(from));
  for (let i = from; i <= text.length; i++) at.push(i);
  return { text: parts.join(''), at: Int32Array.from(at) };
}

// A capitalised name of one to four words right after a descriptor ("newspaper Haaretz", "city of Nice").
const DESCRIBED_NAME = String.raw`\p{Lu}[\p{L}\p{N}&'’-]*(?:[ \t]+\p{Lu}[\p{L}\p{N}&'’-]*){0,3}`;
const ORG_DESCRIBED = new RegExp(String.raw`\b(${[...ORG_DESCRIPTORS].join('|')})[ \t]+(${DESCRIBED_NAME})`, 'gu');
const PLACE_DESCRIBED = new RegExp(String.raw`\b(?:${[...PLACE_DESCRIPTORS].join('|')})[ \t]+of[ \t]+(${DESCRIBED_NAME})`, 'gu');
// (The patterns open at \b, faster than a look-behind at every offset; a letter, digit or hyphen before the match is ruled out after.)
const WORD_BEFORE = /^[\p{L}\p{N}-]$/u;
// What may follow a name a descriptor introduced: its sentence goes on about it, not with a verb whose
// subject it is ("the company Musk founded", "the party Trump leads" name the person, not the company).
const AFTER_DESCRIBED = /^(?:['’]s(?![\p{L}])|[ \t]*(?:[,.;:)!?"”]|\n|$)|[ \t]+(?:said|says|reported|reports|wrote|writes|quoted|cited|which|that|and|in|on|at|for|of|to|from|with|has|had|is|was|will)(?![\p{L}]))/u;
// A title's possessive opening an office: "Minister's Bureau" of "the Prime Minister's Bureau".
const TITLE_POSSESSIVE = /^(?:Minister|President|Secretary|Governor|Chancellor|Premier|Mayor)['’]s[ \t]/u;
const TITLE_MODIFIERS_BEFORE = /(?<![\p{L}])(?:(?:Prime|Vice|Deputy|Foreign|Defen[cs]e|Finance|Chief|First|Interior|Justice)[ \t]+)+$/u;
// "NPR's Ofeibea Quist-Arcton reports": an outlet's possessive, a name, a verb of reporting.
const OUTLET_POSSESSIVE_BEFORE = /\p{Lu}[\p{L}\p{N}&.-]*['’]s[ \t]+$/u;
const REPORTS_AFTER = /^[ \t]+(?:reports|reported|says|said|writes|wrote|explains|explained|notes|noted)(?![\p{L}])/u;

const APPOSITION_DESCRIPTOR = new RegExp(
  String.raw`^,[ \t]+(?:a|an|the)[ \t]+(?:[\p{Ll}-]+[ \t]+){0,3}(?:${[...ORG_DESCRIPTORS].join('|')}|producer|maker|manufacturer|provider|supplier|operator|developer)(?:[ \t]+of[ \t]+[\p{Ll} -]{3,40})?(?=[ \t]*[,.;)]|[ \t]+(?:that|which|based|with|in)(?![\p{L}]))`,
  'u',
);
const STORE_WORD = /\b(?:store|stores|shop|boutique|plant|factory|dealership)\b/;
const STORE_AFTER = /^(?:['’]s)?[ \t]+(?:[\p{Ll}]+[ \t]+)?(?:store|stores|shop|boutique|plant|factory|dealership)(?![\p{L}])/u;

// A half of a divided country named by its compass word: "the North's", "the South's".
const COMPASS_NAMES = new Set(['North', 'South', 'East', 'West']);

const KIN_AFTER_POSSESSIVE = new RegExp(String.raw`['’´]s[ \t]+(?:${[...KIN_WORDS].join('|')})(?![\p{L}])`, 'gu');
const WORD_AT_END = /(?<![\p{L}\p{N}])(\p{Lu}\p{Ll}+)$/u;

/** The name a descriptor match introduces, cut before a word that is no name ("the company Monday"): its start and end. */
function describedName(at: number, name: string): { start: number; end: number } | null {
  const words = [...name.matchAll(/\S+/g)];
  // ("First Energy": a word that opens sentences may open a name of more words.)
  let keep = words.findIndex((w, i) => (i > 0 && NOT_NAME_WORDS.has(w[0])) || ROLE_NOUNS.has(w[0].toLowerCase()));
  if (keep < 0) keep = words.length;
  if (keep === 0 || (keep === 1 && NOT_NAME_WORDS.has(words[0]![0]))) return null;
  const last = words[keep - 1]!;
  let end = at + last.index! + last[0].length;
  // A possessive ends the name ("Haaretz's"), it is not part of it.
  if (/['’]s$/.test(last[0])) end -= 2;
  return end > at ? { start: at, end } : null;
}

/**
 * The model's spans, read again where the words around them say what they are (each a rule of
 * STAGE_RULES): a name after a lower-case organisation noun is an organisation ("the left-wing
 * newspaper Haaretz", "the religious party Habayit Hayehudi", found also where the model saw none),
 * a name after a place noun and "of" a place ("the French resort of Nice", "the village of Nabi Saleh"),
 * an office named by a title's possessive keeps the whole title ("the Prime Minister's Bureau"), a
 * one-word name with a father or a lawyer's kin after its possessive a person ("Tamimi's father"), and
 * a name between an outlet's possessive and a verb of reporting its reporter ("NPR's Ofeibea
 * Quist-Arcton reports"), with the same words alone elsewhere.
 */
function reviseModelSpans(text: string, model: TaggedSpan[]): TaggedSpan[] {
  let spans = model;
  const retype = (start: number, end: number, type: TaggedSpan['type'], addMissing: boolean) => {
    const overlapping = spans.filter((s) => s.start < end && s.end > start);
    if (overlapping.length === 0) {
      if (addMissing) spans = [...spans, { start, end, type, text: text.slice(start, end) }].sort((a, b) => a.start - b.start);
      return;
    }
    // Only a span the name opens: one that begins before it belongs to a longer name.
    const first = overlapping[0]!;
    if (overlapping.length === 1 && first.start === start && first.type !== type) spans = spans.map((s) => (s === first ? { ...s, type } : s));
  };
  if (on('descriptor-org')) {
    for (const m of text.matchAll(ORG_DESCRIBED)) {
      if (WORD_BEFORE.test(text[m.index! - 1] ?? '')) continue;
      const name = describedName(m.index! + m[0].length - m[2]!.length, m[2]!);
      if (name && AFTER_DESCRIBED.test(text.slice(name.end, name.end + 12))) retype(name.start, name.end, 'ORG', true);
    }
  }
  if (on('place-slot')) {
    for (const m of text.matchAll(PLACE_DESCRIBED)) {
      if (WORD_BEFORE.test(text[m.index! - 1] ?? '')) continue;
      const name = describedName(m.index! + m[0].length - m[1]!.length, m[1]!);
      if (name) retype(name.start, name.end, 'LOC', true);
    }
  }
  if (on('title-possessive')) {
    spans = spans.map((s) => {
      if (s.type !== 'ORG' || !TITLE_POSSESSIVE.test(s.text)) return s;
      const before = TITLE_MODIFIERS_BEFORE.exec(text.slice(Math.max(0, s.start - 40), s.start));
      if (!before || spans.some((o) => o.end > s.start - before[0].length && o.start < s.start)) return s;
      const start = s.start - before[0].length;
      return { ...s, start, text: text.slice(start, s.end) };
    });
  }
  if (on('kin-possessive')) {
    // The words whose possessive kin follow, found once per text (the kin first: they are rare).
    const kin = new Set<string>();
    for (const m of text.matchAll(KIN_AFTER_POSSESSIVE)) {
      const word = WORD_AT_END.exec(text.slice(Math.max(0, m.index! - 40), m.index!));
      if (word) kin.add(word[1]!);
    }
    if (kin.size) {
      const ofKin = (s: TaggedSpan) => s.type !== 'PER' && !/\s/.test(s.text) && kin.has(stripPossessive(s.text.replace(/´s$/, '')));
      spans = spans.map((s) => (ofKin(s) ? { ...s, type: 'PER' as const } : s));
    }
  }
  if (on('team-plural')) {
    // "the Browns", "the L.A. Rams", "Chicago Cubs": a place ending in a plural that the lexicon knows in
    // organisations' names and not as a place, and that the gazetteer does not know, is a team or a company.
    spans = spans.map((s) => {
      if (s.type !== 'LOC') return s;
      const name = stripPossessive(s.text);
      const last = /(?:^|\s)(\p{Lu}\p{Ll}+[^s\W]s)$/u.exec(name)?.[1];
      if (!last || placeForm(name) || placeForm(last) || PLACE_HEADS.has(last)) return s;
      const classes = lexiconClasses().get(last.toLowerCase()) ?? [];
      return classes.includes('org:part') && !classes.some((c) => c === 'place' || c === 'city') ? { ...s, type: 'ORG' as const } : s;
    });
  }
  if (on('apposition-descriptor')) {
    // "Hipcricket, a mobile marketing company,", "Dräger, a global producer of medical technology": what
    // its apposition calls a company is one.
    spans = spans.map((s) => (s.type !== 'ORG' && APPOSITION_DESCRIPTOR.test(text.slice(s.end, s.end + 80)) ? { ...s, type: 'ORG' as const } : s));
  }
  if (on('store-org') && STORE_WORD.test(text)) {
    // "the Harry Winston jewellery store", "the Kraft plant": a person's name, or a place we do not know,
    // before a store or a plant is the company's.
    spans = spans.map((s) => {
      if (s.type === 'ORG' || !STORE_AFTER.test(text.slice(s.end, s.end + 24))) return s;
      const name = stripPossessive(s.text);
      return s.type === 'PER' || (!placeForm(name) && !lexiconPlace(name)) ? { ...s, type: 'ORG' as const } : s;
    });
  }
  if (on('org-head-inside')) {
    // "commander of US Forces Korea", "a professor at King's College London": an organisation word inside
    // the name (not its first word) and a place after it name the organisation's branch there, not a place.
    spans = spans.map((s) => {
      if (s.type !== 'LOC') return s;
      const words = stripPossessive(s.text).split(/\s+/);
      const last = words[words.length - 1]!;
      if (words.length < 3 || placeForm(words.join(' ')) || !(placeForm(last) || lexiconPlace(last))) return s;
      return words.slice(1, -1).some((w) => ORG_HEADS.has(w)) ? { ...s, type: 'ORG' as const } : s;
    });
  }
  if (on('place-possessive-org')) {
    // "Nigeria's Department of State Services", "the South's Joint Chiefs of Staff": a place's possessive
    // before an organisation says whose it is; it is not part of the name.
    spans = spans.map((s) => {
      const head = s.type === 'ORG' ? /^([\p{Lu}][\p{L}.-]*)['’]s[ \t]+(?=\p{Lu})/u.exec(s.text) : null;
      if (!head || !(placeForm(head[1]!) || COMPASS_NAMES.has(head[1]!))) return s;
      const start = s.start + head[0].length;
      return { ...s, start, text: text.slice(start, s.end) };
    });
  }
  if (on('outlet-reporter')) {
    const reporters = new Set<string>();
    for (const s of spans) {
      const words = s.text.split(/\s+/);
      if (s.type !== 'ORG' || words.length < 2 || words.length > 3 || !words.every((w) => /^\p{Lu}\p{Ll}/u.test(w)) || words.some((w) => ORG_HEADS.has(w))) continue;
      const outlet = OUTLET_POSSESSIVE_BEFORE.exec(text.slice(Math.max(0, s.start - 30), s.start));
      if (outlet && REPORTS_AFTER.test(text.slice(s.end, s.end + 16))) for (const w of [s.text, words[0]!, words[words.length - 1]!]) reporters.add(w);
    }
    if (reporters.size) spans = spans.map((s) => (s.type === 'ORG' && reporters.has(s.text) ? { ...s, type: 'PER' as const } : s));
  }
  return spans;
}

function findEntitiesIn(text: string, knownPeople: ReadonlySet<string>, method: EntityMethod): FoundEntity[] {
  const claims = new Claims(text.length, method === 'tagger' ? reviseModelSpans(text, tagText(text)) : []);
  // Titles, known organisation phrases and the gazetteer come first in both methods: they give
  // roles and country codes, and where a title sits before a name the name is a person.
  if (method !== 'tagger' || on('titles')) titledPeople(text, claims, method === 'tagger' && on('title-particle'));
  if (method !== 'tagger' || on('known-org-phrases')) knownOrgPhrases(text, claims);
  if (method === 'tagger') {
    // Names a context pattern or our lists vouch for go before the model's guesses.
    if (on('datelines')) datelinePlaces(text, claims);
    const teams = on('result-teams') ? resultTeams(text, claims) : new Map<string, Span>();
    if (on('listed-orgs')) listedOrganisations(text, claims);
    if (on('known-orgs')) knownOrganisations(text, claims);
    if (on('byline-site')) bylineSites(text, claims);
    const phrases = capitalisedPhrases(text);
    // The gazetteer's matches, found once for the model's spans and the places after them.
    const places = [...text.matchAll(PLACE_PATTERN)];
    taggedSpans(text, claims, phrases, places);
    sameTeamEverywhere(text, claims, teams);
    if (on('hyphenated')) hyphenatedNames(text, claims);
    if (on('role-word-name')) roleNamedPeople(text, claims);
    if (on('gazetteer-places')) gazetteerPlaces(text, claims, places, on('gazetteer-org-around') ? phrases : undefined);
    // What the model left: phrases with an organisation word, acronyms we know.
    if (on('phrase-orgs')) phraseOrganisations(text, phrases, claims, on('title-case-headline'), on('group-letter'));
    if (on('acronym-orgs')) acronymOrganisations(text, claims, true);
    if (on('the-in-name')) articleInName(text, claims);
  } else {
    const phrases = capitalisedPhrases(text);
    phraseOrganisations(text, phrases, claims);
    acronymOrganisations(text, claims);
    knownOrganisations(text, claims);
    listedOrganisations(text, claims);
    gazetteerPlaces(text, claims);
    headedPlaces(phrases, claims);
    untitledPeople(text, phrases, claims);
  }
  return mergeSpans(claims.spans, text, knownPeople);
}

// A legislative chamber or an armed service opening a title: "House Speaker", "Senate Majority Leader", "Army General".
const TITLE_BODY = /^(House|Senate|Army|Navy)\s+/;

/** People with a title before the name: "Adm. Kim Myung-soo", "Secretary of State Marco Rubio". */
function titledPeople(text: string, claims: Claims, particles = false): void {
  for (const m of text.matchAll(!on('regnal-number') ? TITLED_PERSON : particles ? TITLED_PERSON_PARTICLE : TITLED_PERSON_REGNAL)) {
    const title = m[1]!;
    let name = stripPossessive(m[2]!);
    const tokens = nameTokens(name);
    // Stop the name at the first word that cannot be part of one ("President Trump Tuesday").
    // In a headline in title case ("President Trump Signs Order"), also at a word news writes in lower case.
    const headline = on('title-case-headline') && inTitleCaseLine(text, m.index!);
    const cut = tokens.findIndex((t) => NOT_NAME_WORDS.has(t) || ORG_HEADS.has(t) || placeForm(t) || (headline && writtenLower(t)));
    if (cut === 0) continue;
    // "Chief Strategy Officer", "Chief Financial Officer Dana Lee": a role noun among the words after the
    // title makes them the rest of a longer title, not a name; the model judges the name after it.
    // Dev: news-ner +.001 (three "Chief Strategy Officer" of an article-extraction page), nothing else moves.
    if (on('title-runs-on') && tokens.slice(0, cut < 0 ? tokens.length : cut).some((t) => ROLE_NOUNS.has(t.toLowerCase()))) continue;
    if (cut > 0) name = tokens.slice(0, cut).join(' ');
    const nameStart = m.index! + m[0].length - m[2]!.length;
    const prefix = rolePrefix(text, m.index!);
    // "spokesman Col. Rob Manning": a rank or courtesy abbreviation after a role word; the role is the word.
    const roleWord = /\.$/.test(title) ? lowercaseRole(text, m.index!, nameStart + name.length) : null;
    const role = roleWord ?? (HONORIFICS.has(title) ? null : cleanRole(`${prefix} ${title}`));
    const apposition = appositionRole(text, nameStart + name.length);
    // "Japan's chief negotiator, Economy Minister Kenji Moriyama,": a role set off before the title.
    const earlier = prefix ? null : roleBeforeComma(text, m.index!, nameStart + name.length);
    const roles = [apposition, role, earlier].filter((r): r is string => r !== null);
    const added = claims.add({ start: nameStart, end: nameStart + name.length, kind: 'person', name, role: roles[0] ?? null, moreRoles: roles.slice(1) });
    if (added) {
      // "House Speaker Nancy Pelosi", "Senate Majority Leader …": the chamber or service that opens the
      // title is an organisation (as the news annotations and CoNLL-style sets mark it); the rest of the
      // title's words are the person's, not another name ("said Rep. Eoh": no person "Rep"). Dev: news-ner +2
      // ("House Speaker" twice; 14 such titles in its train part, each with the chamber an organisation), nothing lost.
      const body = on('title-body') ? TITLE_BODY.exec(title) : null;
      if (body) claims.add({ start: m.index!, end: m.index! + body[1]!.length, kind: 'organisation', name: body[1]!, role: null });
      claims.add({ start: m.index! + (body ? body[0].length : 0), end: nameStart, kind: 'person', name: title, role: null, ignore: true });
      if (apposition) blockRole(claims, text, nameStart + name.length, apposition);
      // "National Intelligence Service Director Lee": the organisation in the title is an entity too.
      const prefixOrg = prefix
        .split(/\s+/)
        .filter((w) => !/['’]s$/.test(w))
        .join(' ');
      if (isOrganisation(prefixOrg)) {
        const at = text.lastIndexOf(prefixOrg, m.index!);
        if (at >= 0) claims.add({ start: at, end: at + prefixOrg.length, kind: 'organisation', name: prefixOrg, role: null });
      }
    }
  }
}

/**
 * A pattern matching any of `names` as whole words ("Tass", not "Tassel"), the longer first ("Kyodo News" before "Kyodo"),
 * never inside a social handle ("@RT_com") nor as a retweet marker before one ("RT @user").
 */
function wholeNames(names: Iterable<string>): RegExp {
  const alternatives = [...names].sort((a, b) => b.length - a.length).map((a) => a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?<![\\p{L}\\p{N}@_-])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}_-])(?!\\s*@)`, 'gu');
}
const KNOWN_ORG_PHRASE_PATTERN = wholeNames(KNOWN_ORG_PHRASES.filter((p) => !NOT_ORGS.has(p)));
const NEWS_AGENCY_PATTERN = wholeNames(NEWS_AGENCIES);

/** Organisations our lists name: known phrases ("White House") and news agencies ("RIA Novosti", "Interfax"). */
function knownOrgPhrases(text: string, claims: Claims): void {
  for (const pattern of on('news-agencies') ? [KNOWN_ORG_PHRASE_PATTERN, NEWS_AGENCY_PATTERN] : [KNOWN_ORG_PHRASE_PATTERN]) {
    for (const m of text.matchAll(pattern)) {
      if (m[0] === 'RT' && pattern === NEWS_AGENCY_PATTERN && on('retweet-marker') && retweetMarker(text, m.index!)) continue;
      if (insideModelOrganisation(claims, m.index!, m.index! + m[0].length)) continue;
      claims.add({ start: m.index!, end: m.index! + m[0].length, kind: 'organisation', name: m[0], role: null });
    }
  }
}

/**
 * "RT" in a social post is the retweet marker ("RT @ user : …", "#RT", "Thanks for the RT"), not the
 * broadcaster: where it opens its line, or its line holds a handle or a hashtag.
 */
function retweetMarker(text: string, at: number): boolean {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at);
  return !text.slice(lineStart, at).trim() || /(?:^|[\s(])[@#]\s*[\p{L}\p{N}_]/u.test(text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd));
}

type Phrase = { start: number; text: string };

/** Capitalised phrases, with sentence words trimmed off both ends. */
function capitalisedPhrases(text: string): Phrase[] {
  const phrases: { start: number; text: string }[] = [];
  for (const m of text.matchAll(CAP_PHRASE)) {
    let start = m.index!;
    let words = m[0].split(/(\s+)/);
    // Leading sentence words ("The", "In") are not part of a name.
    while (words.length > 2 && (NOT_NAME_WORDS.has(words[0]!) || /^(?:of|for|and|on|the|de|&)$/.test(words[0]!))) {
      start += words[0]!.length + words[1]!.length;
      words = words.slice(2);
    }
    // Trailing sentence words ("… Committee on Tuesday") are not part of a name either.
    while (words.length > 2 && NOT_NAME_WORDS.has(words[words.length - 1]!)) {
      words = words.slice(0, -2);
      while (words.length > 2 && /^(?:of|for|and|on|the|de|&)$/.test(words[words.length - 1]!)) words = words.slice(0, -2);
    }
    // "Members of the Pacific Longshore Workers Union": the people, then the organisation.
    const members = /^(?:Members|Officials|Leaders|Workers|Residents|Staff|Employees|Representatives|Delegates) of (?:the )?/.exec(words.join(''));
    if (members && members[0].length < words.join('').length) {
      start += members[0].length;
      words = words.join('').slice(members[0].length).split(/(\s+)/);
    }
    const phraseText = words.join('').replace(/[.]$/, (dot) => (/\b(?:Inc|Corp|Co|Ltd)\.$/.test(words.join('')) ? dot : ''));
    phrases.push({ start, text: phraseText });
  }
  return phrases;
}

/** Rules: capitalised phrases with an organisation word ("Korea Development Institute"). */
function phraseOrganisations(text: string, phrases: readonly Phrase[], claims: Claims, headlines = false, groups = false): void {
  for (const phrase of phrases) {
    // A headline in title case is one long capitalised phrase ("Graham Announces New Agreement to Fund State Based Red Flag Laws"): the model judges it.
    let headline: boolean | null = null;
    for (const part of splitOrganisation(phrase.text)) {
      const start = phrase.start + part.offset;
      // "Group D", "Group 4": a tournament's group, not a company.
      if (groups && /^Group[ \t]+(?:\p{Lu}|\d{1,2})$/u.test(part.text)) continue;
      if (isOrganisation(part.text)) {
        headline ??= headlines && inTitleCaseLine(text, phrase.start) && phrase.text.split(/\s+/).some(writtenLower);
        if (headline) break;
        claims.add({ start, end: start + part.text.length, kind: 'organisation', name: part.text, role: null });
      }
    }
  }
}

// A byline's outlet given as its web address at the end of the line: "Priya Raman, CTVNews.ca".
const BYLINE_SITE = /(?<=\p{L}[ \t]*,[ \t]*)\p{Lu}[\p{L}\p{N}]*\.(?:com|ca|org|net|co\.uk|com\.au)(?=[ \t]*$)/gmu;

/** Rules: a news site named by its domain after a byline's name is the outlet, an organisation. */
function bylineSites(text: string, claims: Claims): void {
  for (const m of text.matchAll(BYLINE_SITE)) claims.add({ start: m.index!, end: m.index! + m[0].length, kind: 'organisation', name: m[0], role: null });
}

/** Rules: acronyms of three to six capitals are organisations (with `knownOnly`, only those we know). */
function acronymOrganisations(text: string, claims: Claims, knownOnly = false): void {
  for (const m of text.matchAll(ACRONYM)) {
    const acronym = m[0];
    // "SEOUL, Aug. 12 (…)": a dateline's place in capitals is no acronym.
    const titleCase = acronym[0] + acronym.slice(1).toLowerCase();
    if (NOT_ACRONYMS.has(acronym) || placeForm(acronym) || placeForm(titleCase) || /^\d/.test(acronym)) continue;
    const known = acronym in KNOWN_ACRONYMS;
    if (!known && (knownOnly || !/^[A-Z]{3,6}$/.test(acronym))) continue;
    if (commonWordInCapitals(text, m.index!, m.index! + acronym.length)) continue;
    claims.add({
      start: m.index!,
      end: m.index! + acronym.length,
      kind: 'organisation',
      name: acronym,
      role: null,
      expanded: known ? KNOWN_ACRONYMS[acronym] : undefined,
    });
  }
}

// One pattern for all single-word organisations, built once (a pattern per name per article cost more than the rest of the rules).
const KNOWN_ORG_PATTERN = new RegExp(`(?<![\\p{L}\\p{N}])(?:${[...KNOWN_ORGS].filter((o) => !NOT_ORGS.has(o)).join('|')})(?![\\p{L}\\p{N}])`, 'gu');

/**
 * "WHO", "IT" in a line written in capitals: a word that is an ordinary English word in lower case
 * says nothing there (a headline's "WHO" is the pronoun), so a list of acronyms must not make it one.
 */
function commonWordInCapitals(text: string, start: number, end: number): boolean {
  const word = text.slice(start, end).toLowerCase();
  if (!FUNCTION_WORDS.has(word) && !(lexiconClasses().get(word) ?? []).includes('common')) return false;
  return inShoutedLine(text, start);
}

/**
 * A word written in lower case that is an ordinary word there ("bank", "administration", "people"):
 * a function word, a common word of the lexicon, or a word news text writes in lower case (the case
 * profile). A name the model finds that starts or ends in such a word is dropped; a lower-case word
 * that is none of these ("jamesmassola" after "@", "allison argent" in a tweet) is left to the model.
 */
function ordinaryLowerWord(word: string): boolean {
  const lower = word.toLowerCase().replace(/['’]s$/u, '');
  return FUNCTION_WORDS.has(lower) || (lexiconClasses().get(lower) ?? []).includes('common') || writtenLower(lower);
}

/** A word news text writes in lower case (always or mostly: "signs", "police"), by the case profile. */
function writtenLower(word: string): boolean {
  const usual = caseProfile().get(word.toLowerCase().replace(/['’]s$/u, ''));
  return usual === 'lower' || usual === 'mostlower';
}

/**
 * Whether the line around `at` is a headline in title case ("Governor Sends National Guard Over Protests"):
 * three words of four letters or more, every one capitalised, not in capitals, and no full stop at its end. There a capital letter
 * says nothing of a name, as in a line in capitals. The title rule, organisationAround and the phrase
 * organisations stop there at a word news writes in lower case (writtenLower). Dev: news-ner headlines
 * "Governor [Sends National] Guard", "[Texas Police] Kill …", "… to [Fund State Based Red Flag Laws]" right
 * or gone (+2 tp, -3 fp), sec_filings and wnut17 -1 fp each; nothing lost.
 */
function inTitleCaseLine(text: string, at: number): boolean {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  if (titleCaseLines.text !== text) titleCaseLines = { text, lines: new Map() };
  const known = titleCaseLines.lines.get(lineStart);
  if (known !== undefined) return known;
  const lineEnd = text.indexOf('\n', at);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd).trimEnd();
  // A sentence ends in a full stop; a headline does not ("Attended James High School , in Houston ." is a
  // sentence), and it is short (a paragraph is one line too: never scanned).
  let answer = false;
  if (line.length <= 200 && !/[.!?]/.test(line.replace(/["'”’]$/u, '').slice(-1))) {
    const long = line.match(/(?<![\p{L}'’-])\p{L}{4,}/gu) ?? [];
    answer = long.length >= 3 && long.every((w) => /^\p{Lu}/u.test(w)) && long.some((w) => /\p{Ll}/u.test(w)) && !inShoutedLine(text, at);
  }
  titleCaseLines.lines.set(lineStart, answer);
  return answer;
}
// inTitleCaseLine's answers for the lines of the text in hand (asked once per name or phrase there).
let titleCaseLines: { text: string; lines: Map<number, boolean> } = { text: '', lines: new Map() };

/** Whether the line around `at` is written mostly in capitals (a wire headline). */
function inShoutedLine(text: string, at: number): boolean {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at);
  return shoutedSentence(
    text
      .slice(lineStart, lineEnd < 0 ? text.length : lineEnd)
      .split(/\s+/)
      .filter(Boolean),
  );
}

// After the pronoun "us" comes the end of a clause, a preposition, an article or an adverb ("FOLLOW US
// THERE", "STAY WITH US FOR …", "ALL OF US BETWEEN …"); after the country a noun or a verb ("US TROOPS",
// "US CONFIRMS"). Coordinators and auxiliaries are left out: "THE UK AND US", "US WILL …" are the country.
const AFTER_PRONOUN_US = new Set(
  [...FUNCTION_WORDS].filter((w) => !/^(?:and|or|nor|but|will|would|shall|should|can|could|may|might|must|is|are|was|were|be|been|being|am|do|does|did|done|has|have|had|having|said|says|say|told|s|t)$/.test(w)),
);

/**
 * "PLEASE FOLLOW US THERE !", "STAY WITH US FOR BREAKING NEWS": in a line written in capitals "US" is
 * also the pronoun, not the United States. It is the pronoun when the clause ends after it or a
 * function word follows (AFTER_PRONOUN_US), unless an article, a conjunction or "in" before it makes it
 * a name ("THE US AS CHILDREN", "UK AND US .", "IN US ,"). Measured on every dev part in capitals: 27
 * wrong places gone (news-ner, btc, gum, re3d, wnut17), no right one lost.
 */
function pronounUs(text: string, start: number, end: number): boolean {
  if (text.slice(start, end) !== 'US' || !inShoutedLine(text, start)) return false;
  const before = /(\S+)[ \t]*$/u.exec(text.slice(Math.max(0, start - 16), start))?.[1];
  if (before && /^(?:THE|AND|OR|&|IN|,)$/.test(before)) return false;
  const after = /^[ \t]*(?:$|\n|([.,!?;:)"'“”’…]|\p{L}+))/u.exec(text.slice(end, end + 16));
  if (!after) return false;
  return !after[1] || !/\p{L}/u.test(after[1]) || AFTER_PRONOUN_US.has(after[1].toLowerCase());
}

/** A name the lexicon knows as a town or a place and not as a given name or a surname ("Kentucky", "Minneapolis"). */
function lexiconPlace(name: string): boolean {
  const classes = lexiconClasses().get(name.toLowerCase()) ?? [];
  return classes.some((c) => c === 'place' || c === 'city') && !classes.some((c) => c === 'first' || c === 'last' || c === 'person');
}

/** A word the lexicon knows only as a given name ("Fiona"), not as a town, place, organisation or common word. */
function onlyGivenName(word: string): boolean {
  const classes = lexiconClasses().get(word.toLowerCase()) ?? [];
  return classes.includes('first') && classes.every((c) => c === 'first' || c === 'last' || c.startsWith('person'));
}

function knownOrganisations(text: string, claims: Claims): void {
  for (const m of text.matchAll(KNOWN_ORG_PATTERN)) {
    if (commonWordInCapitals(text, m.index!, m.index! + m[0].length)) continue;
    // "Fiona Apple": after a word that is only a given name the known name is a surname; the model judges the whole.
    const before = /(\p{Lu}\p{Ll}+)[ \t]+$/u.exec(text.slice(Math.max(0, m.index! - 24), m.index!));
    if (before && on('given-name-org') && onlyGivenName(before[1]!)) continue;
    if (insideModelOrganisation(claims, m.index!, m.index! + m[0].length)) continue;
    claims.add({ start: m.index!, end: m.index! + m[0].length, kind: 'organisation', name: m[0], role: null });
  }
}

/**
 * "Xinhua News Agency", "Nissan North America Inc.": a name our lists know, inside a longer organisation
 * the model found around it, is a part of that organisation's name; the list leaves the words to the
 * model's span (before, the list's claim cut the name to "Xinhua" and made "America" a place).
 */
function insideModelOrganisation(claims: Claims, start: number, end: number): boolean {
  return on('known-in-model') && claims.model.some((s) => s.type === 'ORG' && s.start <= start && s.end >= end && s.end - s.start > end - start);
}

/**
 * "joining Avinoam and his team" beside "Avinoam Rubinstain, CEO and founder": a one-word name after a
 * career word that the model calls a person here and that is a word of a longer person's name the
 * model found in the text is that person, not an employer.
 */
function personNamedElsewhere(claims: Claims, name: string, start: number): boolean {
  if (!on('listed-person') || /\s/.test(name)) return false;
  const here = claims.model.some((s) => s.type === 'PER' && s.start === start && s.end === start + name.length);
  return here && claims.model.some((s) => s.type === 'PER' && s.start !== start && /\s/.test(s.text) && s.text.split(/\s+/).includes(name));
}

/** Organisations a context names: employers after a career word, members of a list of companies. */
function listedOrganisations(text: string, claims: Claims): void {
  // Employers named after a role or a career word: "senior roles at Macquarie Bank and VTB Capital",
  // "joined Jefferies", "began his career at Alibaba and Tencent".
  for (const m of text.matchAll(EMPLOYER)) {
    // A comma list only when it ends with "and X"; else ", Ming was…" would join the list.
    const list = / and /.test(m[1]!) ? m[1]! : m[1]!.split(',')[0]!;
    let offset = m.index! + m[0].length - m[1]!.length;
    for (const part of list.split(/(,\s+|\s+and\s+)/)) {
      if (/^(?:,\s+|\s+and\s+)$/.test(part)) {
        offset += part.length;
        continue;
      }
      const name = part.replace(/\s+in\s+.*$/, '');
      if (name && !placeForm(name) && /^\p{Lu}/u.test(name) && !personNamedElsewhere(claims, name, offset)) claims.add({ start: offset, end: offset + name.length, kind: 'organisation', name, role: null });
      offset += part.length;
    }
  }

  // Named in a list of companies: "investments including Rednote, Hellobike and Didi",
  // "such global powerhouses as Toyota, Honda and Hyundai".
  for (const m of text.matchAll(COMPANY_LIST)) {
    let offset = m.index! + m[0].length - m[1]!.length;
    for (const part of m[1]!.split(/(,\s+(?:and\s+)?|\s+and\s+)/)) {
      if (/^(?:,\s+(?:and\s+)?|\s+and\s+)$/.test(part)) {
        offset += part.length;
        continue;
      }
      if (part && !placeForm(part) && !NOT_NAME_WORDS.has(part)) claims.add({ start: offset, end: offset + part.length, kind: 'organisation', name: part, role: null });
      offset += part.length;
    }
  }
}

// A wire dateline opening a line: "OSLO 2004-03-15", "PORT-AU-PRINCE, Haiti 2004-03-15",
// "SEOUL, Aug 5 (Reuters) -", "WASHINGTON (AP) —": the place (and its country) the story was
// filed from, in capitals, before a date or an agency.
const DATELINE_WORD = String.raw`\p{Lu}[\p{Lu}.'’-]*\p{Lu}\.?`;
const DATELINE_PLACE = String.raw`\p{Lu}[\p{L}.'’-]*`;
const DATELINE = new RegExp(
  String.raw`^[ \t]*(${DATELINE_WORD}(?:[ \t]+${DATELINE_WORD}){0,3})(?:[ \t]*,[ \t]*(${DATELINE_PLACE}(?:[ \t]+${DATELINE_PLACE}){0,3}))?[ \t]*,?[ \t]+(?=\d{4}-\d{2}-\d{2}(?!\S)|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?[ \t]+\d{1,2}\b|\((?:Reuters|AP|AFP|Bloomberg|Yonhap|Xinhua|Kyodo)\)|[—–](?=[ \t]))`,
  'gmu',
);

/** Places of a dateline ("OSLO 2004-03-15"): the city in capitals, and the region or country after it. */
function datelinePlaces(text: string, claims: Claims): void {
  for (const m of text.matchAll(DATELINE)) {
    for (const group of [1, 2]) {
      const name = m[group];
      if (!name) continue;
      const start = m.index! + m[0].indexOf(name, group === 2 ? m[0].indexOf(m[1]!) + m[1]!.length : 0);
      const end = start + name.length;
      const known = gazetteerPlace(name, text, start, end);
      // Before a bare dash ("BEIJING — China's government…") only a place we know, or one with its country, is a dateline.
      if (!known && !m[2] && /[—–]/.test(text[m.index! + m[0].length] ?? '')) continue;
      // The dateline's city is the city the story was filed from, not the government its capital stands for.
      const place: PlaceMatch = known?.viaCapital && group === 1 ? { ...known, name: titleCase(name), type: 'city', viaCapital: false } : (known ?? { name: titleCase(name), code: null, type: 'city', viaCapital: false, viaDemonym: false });
      claims.add({ start, end, kind: 'place', name, role: null, place });
    }
  }
}

// A line of sports results or standings: a team is a name followed by its score ("Rosenborg 3
// Viking Stavanger 1", "Peru 2 Chile 1 ( halftime 1-0 )") or by a row of six or more numbers
// ("Lillestrom 4 3 1 0 12 3 10"). People's results carry a country, a time or a "=" total
// ("Ana Ruiz ( Spain ) 66 67 70", "Ana Ruiz 66 67 = 133") and match neither shape.
const TEAM_NAME = String.raw`\p{Lu}[\p{L}.'’&-]*(?:[ \t]+(?:\p{Lu}[\p{L}.'’&-]*|de|del|la|of|am|upon)){0,4}`;
const RESULT_LINE = new RegExp(String.raw`^[ \t]*(${TEAM_NAME})[ \t]+\d{1,3}[ \t]+(${TEAM_NAME})[ \t]+\d{1,3}[ \t]*(?:\([^)\n]*\)[ \t]*)?$`, 'gmu');
const STANDINGS_LINE = new RegExp(String.raw`^[ \t]*(${TEAM_NAME})(?:[ \t]+\d{1,3}){6,}[ \t]*$`, 'gmu');

/** Teams of a results or standings line: a country's name is the place, anything else an organisation (the club). */
function resultTeams(text: string, claims: Claims): Map<string, Span> {
  const teams = new Map<string, Span>();
  for (const pattern of [RESULT_LINE, STANDINGS_LINE]) {
    for (const m of text.matchAll(pattern)) {
      let from = m.index!;
      for (const name of m.slice(1)) {
        if (!name) continue;
        const start = text.indexOf(name, from);
        const end = start + name.length;
        from = end;
        const place = gazetteerPlace(name, text, start, end);
        const span: Span = place && place.type === 'country' && !place.viaDemonym ? { start, end, kind: 'place', name, role: null, place } : { start, end, kind: 'organisation', name, role: null };
        if (claims.add(span) && !teams.has(name)) teams.set(name, span);
      }
    }
  }
  return teams;
}

/** A club a results line names is that club in the report's prose too ("Rosenborg beat Viking"), whatever the model said of the words. */
function sameTeamEverywhere(text: string, claims: Claims, teams: Map<string, Span>): void {
  if (!teams.size) return;
  const clubs = new Map([...teams].filter(([, span]) => span.kind === 'organisation'));
  // "KENT" in the headline in capitals is the club "Kent" of the standings too.
  const shouted = on('shouted-teams') ? new Map([...clubs].map(([name, span]) => [name.toUpperCase(), span])) : new Map<string, Span>();
  claims.spans.forEach((span, i) => {
    const surface = text.slice(span.start, span.end);
    const club = clubs.get(surface) ?? shouted.get(surface);
    if (club && span.kind !== 'organisation' && !span.ignore) claims.spans[i] = { ...span, kind: 'organisation', name: club.name, role: null, place: undefined, trusted: undefined };
  });
  // In the report's headline in capitals too ("FEYENOORD HOLD ON").
  for (const [name, club] of clubs) {
    for (const form of new Set([name, name.toUpperCase()]))
      for (let at = text.indexOf(form); at >= 0; at = text.indexOf(form, at + form.length)) {
        const end = at + form.length;
        if (/[\p{L}\p{N}]/u.test(text[at - 1] ?? '') || /[\p{L}\p{N}]/u.test(text[end] ?? '')) continue;
        if (claims.free(at, end)) claims.add({ ...club, start: at, end });
      }
  }
}

/** Places from the gazetteer, where nothing longer claimed the words. */
function gazetteerPlaces(text: string, claims: Claims, matches: Iterable<RegExpMatchArray> = text.matchAll(PLACE_PATTERN), phrases?: readonly Phrase[]): void {
  for (const m of matches) {
    const form = placeForm(m[0]);
    if (!form) continue;
    const start = m.index!;
    if (on('shouted-us') && pronounUs(text, start, start + m[0].length)) continue;
    // "Reykjavik Energy" the model left untagged: the place is part of the organisation, as where the model tags the place.
    const joined = phrases ? organisationAround(text, phrases, start, start + m[0].length, 'place') : null;
    if (joined && claims.add({ ...joined, kind: 'organisation', role: null })) continue;
    const place = form.resolve({ before: text.slice(Math.max(0, start - 30), start), after: text.slice(start + m[0].length, start + m[0].length + 30) });
    if (!place) continue;
    // "the Indians 8-7": a team the model left untagged, named like a people, before its score is the team.
    if (on('score-team') && place.viaDemonym && SCORE_AFTER.test(text.slice(start + m[0].length, start + m[0].length + 12))) {
      claims.add({ start, end: start + m[0].length, kind: 'organisation', name: m[0], role: null });
      continue;
    }
    claims.add({ start, end: start + m[0].length, kind: 'place', name: m[0], role: null, place });
  }
}

// A score or record right after a name: " 8-7", " 3–1".
const SCORE_AFTER = /^[ \t]+\d{1,3}[-–]\d{1,3}(?![\p{N}.,]\p{N}|[\p{L}\p{N}])/u;

/** Rules: towns, counties and streets the gazetteer does not know: "Marrow County", "Alder Springs". */
function headedPlaces(phrases: Phrase[], claims: Claims): void {
  for (const phrase of phrases) {
    const tokens = phrase.text.split(/\s+/);
    const last = tokens[tokens.length - 1]!;
    if (tokens.length < 2 || tokens.length > 4 || !PLACE_HEADS.has(last) || !tokens.every((t) => /^\p{Lu}/u.test(t))) continue;
    if (tokens.some((t) => NOT_NAME_WORDS.has(t) || ORG_HEADS.has(t))) continue;
    claims.add({
      start: phrase.start,
      end: phrase.start + phrase.text.length,
      kind: 'place',
      name: phrase.text,
      role: null,
      place: { name: phrase.text, code: null, type: 'city', viaCapital: false, viaDemonym: false },
    });
  }
}

/** Rules: people without a title: capitalised phrases that compromise calls people, or that a
 * role or a verb of speech stands beside. */
function untitledPeople(text: string, phrases: Phrase[], claims: Claims): void {
  for (const phrase of phrases) {
    let name = stripPossessive(phrase.text);
    let tokens = name.split(/\s+/);
    let start = phrase.start;
    let leadingRole: string | null = null;
    // "Mediator Gordon Lisle", "Dockworker Faye Okonkwo": a role word opening the sentence.
    if (tokens.length >= 3 && leadingRoleWord(tokens[0]!)) {
      leadingRole = tokens[0]!;
      start += tokens[0]!.length + 1;
      tokens = tokens.slice(1);
      name = tokens.join(' ');
    }
    // "Ming Eng Managing Partner": a name runs into a heading's role words; keep the name.
    const roleAt = tokens.findIndex((t) => ROLE_NOUNS.has(t.toLowerCase()) || /^(?:Managing|Senior|Executive|Deputy)$/.test(t));
    if (roleAt >= 2) {
      tokens = tokens.slice(0, roleAt);
      name = tokens.join(' ');
    } else if (roleAt >= 0) continue;
    if (!isNameLike(tokens) || tokens.length > 4) continue;
    const end = start + name.length;
    if (!claims.free(start, end)) continue;
    const role = appositionRole(text, end) ?? lowercaseRole(text, start, end) ?? (leadingRole ? leadingRole.toLowerCase() : null);
    const near = text.slice(Math.max(0, start - 25), Math.min(text.length, end + 25));
    if (tokens.length >= 2 && (role || SPEECH_NEAR.test(near) || looksLikePerson(name))) {
      claims.add({ start, end, kind: 'person', name, role });
    } else if (tokens.length === 1) {
      // A lone surname counts when it is a person's elsewhere in the text (merged below).
      claims.add({ start, end, kind: 'person', name, role: null });
    }
  }
}

/** A capitalised role word that opens a sentence before a name ("Mediator Gordon Lisle", "Coach Dennis Albright"). */
function leadingRoleWord(word: string): boolean {
  return (
    ROLE_NOUNS.has(word.toLowerCase().replace(/s$/, '')) ||
    /^(?:Mediator|Dockworker|Analyst|Economist|Lawyer|Striker|Resident|Farmer|Driver|Teacher|Nurse|Worker|Owner|Activist|Hydrologist|Meteorologist|Forecaster|Researcher|Scientist|Engineer|Historian|Pastor|Coach|Officer|Firefighter|Volunteer|Shopkeeper|Spokesperson)$/.test(
      word,
    )
  );
}

// A named weather system before a name ("Tropical Storm Delphine", "Hurricane Ida"): an event, not a person.
const STORM_BEFORE = /(?:^|[^\p{L}])(?:Storm|Hurricane|Typhoon|Cyclone|Depression)[ \t]+$/u;
// A sign-off after a dash at the end of a paragraph ("… the writer's own. — Ed."): not a mention of anyone.
const DASH_BEFORE = /[—–]\s*$|--\s*$/u;
const LINE_END_AFTER = /^\.?[ \t]*(?:\n|$)/u;
// A connector right before a name inside a capitalised phrase ("Secretary of State", "Ministry of Oceans and Fisheries").
const CONNECTOR_BEFORE = /(?:^|[ \t])(?:of|for|and)(?:[ \t]+the)?[ \t]+$/u;

/**
 * Is the person span at [start, end) the tail of an organisation's or an office's name, joined to
 * its head word by "of"/"for" (and "and"): "Secretary of State", "Ministry of Oceans and Fisheries",
 * "Port of Sandhaven"? The span must follow the connector directly, and the phrase must reach back
 * from it over "of"/"for" to an organisation word or a title.
 */
function officeNameTail(text: string, phrases: readonly Phrase[], start: number): boolean {
  if (!CONNECTOR_BEFORE.test(text.slice(Math.max(0, start - 12), start))) return false;
  const phrase = phrases.find((p) => p.start < start && p.start + p.text.length >= start);
  if (!phrase) return false;
  const words = text.slice(phrase.start, start).trim().split(/\s+/);
  for (let i = 1; i < words.length; i++) {
    if (words[i] !== 'of' && words[i] !== 'for') continue;
    const head = words[i - 1]!;
    if (ORG_HEADS.has(head) || ROLE_NOUNS.has(head.toLowerCase()) || /^(?:Secretary|Minister|Ministry|Port|Office|Bureau|Board|Court|Chamber|Duke|Prince|Princess|Earl)$/.test(head)) return true;
  }
  return false;
}

// A hyphenated given name after a family name: "Tae-young", "Ji-pyo" (romanised Korean and Chinese names).
const GIVEN_NAME_AFTER = /^ \p{Lu}\p{Ll}{1,6}-\p{Ll}{2,7}(?![\p{L}\p{N}-])/u;
const HYPHENATED_NAME = /(?<![\p{L}\p{N}-])(\p{Lu}\p{Ll}{1,4}) \p{Lu}\p{Ll}{1,6}-\p{Ll}{2,7}(?![\p{L}\p{N}-])/gu;
// A capitalised word right after a given name, not followed by another capitalised word: "Joshua Freed said".
const SURNAME_AFTER = /^ ((?:Mc|Mac|O['’])?\p{Lu}\p{Ll}+(?:-\p{Lu}?\p{Ll}+)?)(?![\p{L}\p{N}'’-]|\s+[\p{Lu}\p{N}])/u;

/**
 * The surname after a given name the model took alone ("Airline spokesman Joshua Freed said": "Freed"
 * is also an English word, so the model stops at "Joshua"): the word right after a lone first name of
 * the lexicon, when it is capitalised inside the sentence, no other capitalised word follows it (not a
 * headline in title case) and no list calls it a place, an organisation word, a role, a month or a day.
 * Returns the end of the surname, or null.
 */
function surnameAfterGivenName(text: string, name: string, end: number): number | null {
  if (!(lexiconClasses().get(name.toLowerCase()) ?? []).includes('first')) return null;
  const m = SURNAME_AFTER.exec(text.slice(end, end + 30));
  if (!m) return null;
  const word = m[1]!;
  const classes = lexiconClasses().get(word.toLowerCase()) ?? [];
  if (NOT_NAME_WORDS.has(word) || ORG_HEADS.has(word) || PLACE_HEADS.has(word) || TRADE_WORDS.has(word) || KNOWN_ORGS.has(word) || isRoleWord(word) || placeForm(word)) return null;
  if (classes.some((c) => c === 'place' || c === 'org' || c === 'demonym' || c === 'month' || c === 'weekday' || c === 'honorific')) return null;
  return end + m[0].length;
}

// "press secretary Karoline Leavitt": a lower-case role word, then two or three capitalised name words.
const ROLE_WORD_NAME = new RegExp(String.raw`(?<![\p{L}-])([a-z][a-z-]+)\s+(${NAME_TOKEN}(?:\s+${NAME_TOKEN}){1,2})(?![\p{L}\p{N}'’-])`, 'gu');

/** People the model left right after a lower-case role word, with the role. */
function roleNamedPeople(text: string, claims: Claims): void {
  for (const m of text.matchAll(ROLE_WORD_NAME)) {
    const start = m.index! + m[0].length - m[2]!.length;
    const end = start + m[2]!.length;
    if (!isRoleWord(m[1]!) || !isNameLike(m[2]!.split(/\s+/)) || !claims.free(start, end)) continue;
    const [role = null, ...moreRoles] = rolesAt(text, start, end);
    if (claims.add({ start, end, kind: 'person', name: m[2]!, role, moreRoles, trusted: true }) && role) blockRole(claims, text, end, role);
  }
}

/** People the model left whose name has the shape of a family name and a hyphenated given name
 * ("Hong Ji-pyo, director general …"), with the role beside them. */
function hyphenatedNames(text: string, claims: Claims): void {
  for (const m of text.matchAll(HYPHENATED_NAME)) {
    const family = m[1]!;
    if (NOT_NAME_WORDS.has(family) || ORG_HEADS.has(family) || placeForm(family) || MODIFIER_COMPOUND.test(m[0])) continue;
    const start = m.index!;
    const end = start + m[0].length;
    if (!claims.free(start, end)) continue;
    const [role = null, ...moreRoles] = rolesAt(text, start, end);
    if (claims.add({ start, end, kind: 'person', name: m[0], role, moreRoles, trusted: true }) && role) blockRole(claims, text, end, role);
  }
}

const KIND_OF_TYPE = { PER: 'person', ORG: 'organisation', LOC: 'place' } as const;

const titleCase = (name: string) => (/^[\p{Lu}\s.-]+$/u.test(name) ? name.toLowerCase().replace(/(^|[\s-])\p{Ll}/gu, (c) => c.toUpperCase()) : name);

/** The gazetteer's place for a name as written, or in title case when written in capitals ("SINGAPORE"). */
function gazetteerPlace(name: string, text: string, start: number, end: number): PlaceMatch | null {
  const form = placeForm(name) ?? (/^[\p{Lu}\s.-]+$/u.test(name) ? placeForm(name.toLowerCase().replace(/(^|\s)\p{Ll}/gu, (c) => c.toUpperCase())) : undefined);
  return form?.resolve({ before: text.slice(Math.max(0, start - 30), start), after: text.slice(end, end + 30) }) ?? null;
}

// Words that mark a sports club's name (never a place's or a person's).
const CLUB_MARKS = new Set(['FC', 'AFC', 'CF', 'SC', 'AC', 'BSC', 'SV', 'FK', 'NK', 'SK', 'VfB', 'VfL', 'TSV', 'SpVgg', 'PSV']);
// Particles that may open a name in lower case ("de Gaulle", "van Gogh", "al-Assad").
const LOWER_NAME_OPENERS = /^(?:de|da|di|del|van|von|der|den|du|la|le|al|el|bin|ibn)\b/;
// A given name and a name particle right before a surname: "Paulino do ", "Ludwig van ", "Rafael dos ".
const PARTICLE_BEFORE = /(?<![\p{L}\p{N}.'’-])(\p{Lu}\p{Ll}+)[ \t]+(?:de|da|do|dos|das|di|del|della|van|von|der|den|du|ter|ten)[ \t]+$/u;

/**
 * The trained tagger's names, where a title rule or a context pattern has not claimed the words
 * first (so "President Lee" gives the person "Lee" with the role). Post-rules:
 * - a leading "the" and a trailing "'s" go; a name that starts (bar a particle) or ends in a
 *   lower-case word is dropped ("bank", "Trump administration"): news names are capitalised;
 * - a name inside a longer gazetteer form takes the form ("Democratic People" → DPRK's name), and
 *   a place written "South Korea-US" is the places it joins;
 * - a place gets its country code from the gazetteer, and an organisation or person that is
 *   exactly a country's name is the country;
 * - a known acronym gets its full name, and market indices are no organisations.
 */
function taggedSpans(text: string, claims: Claims, phrases: readonly Phrase[], places: readonly RegExpMatchArray[]): void {
  const before = claims.spans.length;
  addTaggedSpans(text, claims, phrases, places);
  if (!on('propagate')) return;
  // People named by a title ("Mayor-elect Elena Voss") carry their surname too, not only the model's finds.
  propagateNames(
    text,
    claims,
    claims.spans.filter((span, i) => i >= before || span.kind === 'person'),
  );
}

/**
 * The model decides each mention from its sentence, so "Ardern" after "Jacinda Ardern" can go
 * unseen: a name found once is a name wherever the same words stand capitalised and unclaimed
 * (a person's surname alone too).
 */
function propagateNames(text: string, claims: Claims, found: Span[]): void {
  const forms = new Map<string, Span>();
  const lowerSeen = new Map<string, boolean>();
  for (const span of found) {
    if (span.ignore) continue;
    const surface = text.slice(span.start, span.end);
    // Only names that look like names: a number or a lone letter repeats for other reasons.
    if (!/^\p{Lu}.*\p{L}/u.test(surface)) continue;
    // A single word the text also uses in lower case ("this Agreement" … "the agreement") is a
    // common word dressed up, not a name to repeat.
    const single = !/\s/.test(surface);
    if (single && span.kind !== 'person' && standsInLowerCase(text, surface.toLowerCase(), lowerSeen)) continue;
    if (!forms.has(surface)) forms.set(surface, span);
    const tokens = surface.split(/\s+/);
    const last = tokens[tokens.length - 1]!;
    if (span.kind === 'person' && tokens.length > 1 && /^\p{Lu}\p{Ll}/u.test(last) && !forms.has(last)) forms.set(last, { ...span, name: last });
    // "Oh Sang-min", "Lee Jae-myung": a hyphenated given name follows the family name, which stands alone later ("Oh said").
    if (span.kind === 'person' && tokens.length === 2 && /^\p{Lu}\p{Ll}+-\p{Ll}+$/u.test(last) && !forms.has(tokens[0]!)) forms.set(tokens[0]!, { ...span, name: tokens[0]! });
  }
  if (on('shouted-minority') || on('minority-mixed')) dropMinorityForms(text, forms, found);
  // "RUGBY - PERU EDGE CHILE" above "Peru began …": a place or an organisation the text names in mixed
  // case is the same name written in a line in capitals.
  const shoutedCopies = new Set<string>();
  for (const [form, span] of on('shouted-copy') ? [...forms] : []) {
    const upper = form.toUpperCase();
    if (span.kind === 'person' || form.length < 3 || upper === form || forms.has(upper)) continue;
    forms.set(upper, span);
    shoutedCopies.add(upper);
  }
  if (!forms.size) return;
  const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}])(?:${[...forms.keys()]
      .sort((a, b) => b.length - a.length)
      .map(escapeRegex)
      .join('|')})(?![\\p{L}\\p{N}])`,
    'gu',
  );
  for (const m of text.matchAll(pattern)) {
    const span = forms.get(m[0])!;
    const start = m.index!;
    const end = start + m[0].length;
    if (!claims.free(start, end) || (on('shouted-us') && pronounUs(text, start, end))) continue;
    if (shoutedCopies.has(m[0]) && !inShoutedLine(text, start)) continue;
    // A name found in running text ("The WHO said") is not carried into a line in capitals where the
    // word is an ordinary one ("THE MAN WHO SAVED THE DAY"); a text all in capitals keeps its names.
    if (commonWordInCapitals(text, start, end) && !inShoutedLine(text, span.start)) continue;
    claims.add({ ...span, start, end, name: span.kind === 'person' ? m[0] : span.name, role: span.kind === 'person' ? appositionRole(text, end) : null, moreRoles: [] });
  }
}

/**
 * "OZONE" tagged a person at 5 of its 16 mentions in a text written in capitals, "LANGEJANS" an
 * organisation at 1 of 9: where a word's case says nothing the model's few tags are the outliers, and
 * repeating them makes a wrong name of every mention. A single word written in capitals that the model
 * tagged at fewer than a third of its mentions is not repeated (in mixed case a missed mention is more
 * likely the model's miss: words with a lower-case letter are left alone; an acronym is a word in capitals
 * wherever it stands, so sec_filings' "HKIAC" as written is one). Dev: 32 wrong spans gone
 * (gum news, wikigold, ecbplus in capitals; sec_filings as written), 2 right lost (btc/H in capitals).
 * (With "fewer than half" it also dropped right names the model tagged at a third of their mentions:
 * "ISIL", "BLACKBERRY", "OSSOFF".)
 * In mixed case the same holds for a single word the model tagged an organisation or a place at fewer
 * than half of its mentions ("the 2020 Sentra", a car the model called a company at 4 of its 10
 * mentions; "Hajj" a place at 1 of 6): the dev parts' propagated copies of such words were right 3 times
 * and wrong 20, in 2 and 6 documents (people are left alone: a surname alone after the full name is the
 * model's miss). The cost: a company the model finds at one of four mentions keeps only that one.
 */
function dropMinorityForms(text: string, forms: Map<string, Span>, found: readonly Span[]): void {
  const tagged = new Map<string, number>();
  for (const span of found) {
    if (span.ignore) continue;
    const surface = text.slice(span.start, span.end);
    tagged.set(surface, (tagged.get(surface) ?? 0) + 1);
  }
  for (const [form, span] of forms) {
    if (/\s/.test(form)) continue;
    const mixed = /\p{Ll}/u.test(form);
    if (mixed ? !on('minority-mixed') || span.kind === 'person' : !on('shouted-minority')) continue;
    let mentions = 0;
    for (let at = text.indexOf(form); at >= 0; at = text.indexOf(form, at + form.length)) {
      const after = text.codePointAt(at + form.length);
      if (!LETTER.test(codePointBefore(text, at)) && (after === undefined || !LETTER.test(String.fromCodePoint(after)))) mentions++;
    }
    if ((tagged.get(form) ?? 0) * (mixed ? 2 : 3) < mentions) forms.delete(form);
  }
}

const LETTER = /^\p{L}$/u;

/** The code point ending right before `at` (a surrogate pair whole), or '' at the start. */
function codePointBefore(text: string, at: number): string {
  if (at <= 0) return '';
  const unit = text.charCodeAt(at - 1);
  if (unit >= 0xdc00 && unit <= 0xdfff && at >= 2) {
    const high = text.charCodeAt(at - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.slice(at - 2, at);
  }
  return text.slice(at - 1, at);
}

/**
 * "according to The Hollywood Reporter", "told The Associated Press", "Copyright 2017 The Associated
 * Press": a capitalised "The" inside a sentence right before an organisation is part of its name as
 * written, so the mention takes it (the entity's name, which merges the mentions, does not). In the
 * news annotations' and the corpora's train and dev parts such a "The" is inside the organisation's span
 * 60 times, outside it 15 (GUM 11 and re3d 1, whose spans drop a leading "the" by convention; BTC 2, the
 * news annotations 1). At a sentence's start, or in a headline in title case, the capital says nothing.
 */
function articleInName(text: string, claims: Claims): void {
  for (const span of claims.spans) {
    if (span.ignore || span.kind !== 'organisation') continue;
    const the = /(?<![\p{L}\p{N}])The[ \t]+$/u.exec(text.slice(Math.max(0, span.start - 8), span.start));
    if (!the || !insideSentence(text, span.start - the[0].length) || !claims.free(span.start - the[0].length, span.start)) continue;
    span.start -= the[0].length;
  }
}

/**
 * Whether the word at `at` stands inside a sentence: after a word or a comma on its line, not at the
 * line's or a sentence's start, not after an opening quote or bracket, and not in a headline in title
 * case (where every word is capitalised).
 */
function insideSentence(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 40), at);
  return /[\p{L}\p{N},][ \t]+$/u.test(before) && !inTitleCaseLine(text, at);
}

/**
 * Whether `lower` stands in the text with no letter either side (as the case-sensitive
 * /(?<!\p{L})lower(?!\p{L})/u would find it), remembered per word in `seen` for one text: a
 * search for the word instead of a pattern built and run per span.
 */
function standsInLowerCase(text: string, lower: string, seen: Map<string, boolean>): boolean {
  const known = seen.get(lower);
  if (known !== undefined) return known;
  let found = false;
  for (let at = text.indexOf(lower); at >= 0 && !found; at = text.indexOf(lower, at + 1)) {
    const after = text.codePointAt(at + lower.length);
    found = !LETTER.test(codePointBefore(text, at)) && (after === undefined || !LETTER.test(String.fromCodePoint(after)));
  }
  seen.set(lower, found);
  return found;
}

/**
 * One name, one type in a document: where the model gives the same words different types at
 * different mentions, every mention takes the organisation or place type most of them got (a tie
 * changes nothing). No mention is made a person this way: "fly to Paris" stays a place beside
 * three mentions of Paris Okafor (a lone person word the document names otherwise is
 * addTaggedSpans' to judge).
 */
export function sameTypeEverywhere<T extends { text: string; type: 'PER' | 'ORG' | 'LOC' }>(tagged: readonly T[]): readonly T[] {
  if (tagged.length < 2) return tagged;
  const votes = new Map<string, { PER: number; ORG: number; LOC: number }>();
  const keyOf = (s: T) => stripPossessive(s.text).replace(/^(?:The|the)\s+/, '');
  for (const s of tagged) {
    const k = keyOf(s);
    let v = votes.get(k);
    if (!v) votes.set(k, (v = { PER: 0, ORG: 0, LOC: 0 }));
    v[s.type]++;
  }
  return tagged.map((s) => {
    const v = votes.get(keyOf(s))!;
    let best = s.type;
    for (const t of ['ORG', 'LOC'] as const) if (v[t] > v[best]) best = t;
    return best === s.type ? s : { ...s, type: best };
  });
}

/**
 * Two words, a town or country of the lexicon (no given name or surname there) and a plural noun that is no
 * name either and no place word ("Islands", "Springs"): in the corpora's and the news annotations' train and
 * dev parts, 47 such names are organisations, 2 people.
 */
function townPluralName(name: string): boolean {
  const words = name.split(/\s+/);
  if (words.length !== 2 || !words.every((w) => /^\p{Lu}\p{Ll}/u.test(w)) || !/[^s]s$/.test(words[1]!) || PLACE_HEADS.has(words[1]!)) return false;
  const classes = words.map((w) => lexiconClasses().get(w.toLowerCase()) ?? []);
  return classes[0]!.some((c) => c === 'city' || c === 'place') && classes.every((c) => !c.includes('first') && !c.includes('last'));
}

// A company's people and bodies after a possessive: "Brightline’s CEO", "Acme's board of directors".
const COMPANY_SHARES = /^(?:['’]s)?[ \t]+(?:shares|stock|stocks)\b/u;
const MOTION_TO =
  /\b(?:fly|flies|flew|flown|flying|travel|travels|travelled|traveled|travelling|traveling|return|returns|returned|returning|head|heads|headed|heading|move|moves|moved|moving|drive|drives|drove|driving|sail|sails|sailed|go|goes|went|going)[ \t]+(?:back[ \t]+)?to[ \t]+$/u;
const COMPANY_POSSESSIVE = /^['’]s\s+(?:CEO|CFO|chief executive|chief financial officer|board of directors|shareholders|stockholders)\b/u;
// A name ending in an airfield's word: "Dallas-Fort Worth International Airport", "Andrews Air Force Base".
const AIRFIELD_TAIL = /(?:^|\s)(?:Airport|Airfield|Aerodrome|Air(?:\s+Force)?\s+(?:Base|Station))$/u;
// The agency's name in a photo credit: capitals, then capitalised words, up to the credit's end.
const CREDIT_AGENCY = /^\p{Lu}{2,}(?:[ \t]+\p{Lu}[\p{L}]*)*(?=\s*(?:[)\n]|$))/u;
const SITE_DOMAIN = /^\.(?:com|ca|org|net|co\.uk|com\.au)(?![\p{L}\p{N}])/u;
// A hyphenated participle after a name makes it a modifier ("Hong Kong-flagged", "Seoul-based",
// "U.S.-led"): the name is the entity, the compound is not, nor what the compound modifies.
const MODIFIER_COMPOUND = /-(?:flagged|based|born|bred|led|backed|owned|registered|controlled|run|made|funded|sponsored|brokered|bound|linked|allied|headquartered|listed|area)(?=\s|$)/;

function addTaggedSpans(text: string, claims: Claims, phrases: readonly Phrase[], places: readonly RegExpMatchArray[]): void {
  const gazetteer = places.map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
  const majority = on('doc-majority') ? sameTypeEverywhere(claims.model) : claims.model;
  // "Pittsburgh Steelers", "Marlow Robotics": a town and a plural noun name a team or a company, not a person.
  const tagged = on('town-plural-org') ? majority.map((s) => (s.type === 'PER' && townPluralName(stripPossessive(s.text)) ? { ...s, type: 'ORG' as const } : s)) : majority;
  // Surnames of the people named in full (by a title or by the model): "Lavrov" alone is Sergey Lavrov.
  const surnames = new Set(
    [...claims.spans.filter((s) => s.kind === 'person' && !s.ignore).map((s) => s.name), ...tagged.filter((s) => s.type === 'PER').map((s) => s.text)]
      .map((n) => n.split(/\s+/))
      .filter((t) => t.length > 1)
      .map((t) => t[t.length - 1]!),
  );
  // What the document names as organisations and places (the model's spans, the claims so far,
  // phrases with an organisation word): a lone name the model calls a person elsewhere is one of them
  // ("Kestrel" after "Kestrel Labs", "Ottawa said" beside "in Ottawa", "Gale Well" of "Gale Well Group").
  // (Only names elsewhere: a phrase around the span itself is organisationAround's to judge.)
  const otherNames: { words: string[]; kind: EntityKind; name: string; start: number; end: number }[] = [
    ...tagged.filter((s) => s.type !== 'PER').map((s) => ({ name: stripPossessive(s.text).replace(/^(?:The|the)\s+/, ''), kind: KIND_OF_TYPE[s.type] as EntityKind, start: s.start, end: s.end })),
    ...claims.spans.filter((s) => !s.ignore && (s.kind === 'organisation' || s.kind === 'place')).map((s) => ({ name: s.name, kind: s.kind, start: s.start, end: s.end })),
    ...phrases.filter((p) => isOrganisation(p.text)).map((p) => ({ name: p.text, kind: 'organisation' as EntityKind, start: p.start, end: p.start + p.text.length })),
  ].map((o) => ({ ...o, words: o.name.split(/\s+/) }));
  for (const span of tagged) {
    let { start, end } = span;
    if (on('shouted-us') && pronounUs(text, start, end)) continue;
    let name = stripPossessive(span.text);
    // "MARTA OLSEN’S BUDGET": a person's name ends at a possessive inside the span (the model ran on
    // into what the person owns); an organisation may hold one ("McDonald's Corp").
    if (span.type === 'PER' && on('shouted-possessive')) name = name.replace(/['’][sS]\s[\s\S]*$/u, '');
    // "a Hong Kong-flagged ship", "the Seoul-based firm": the place stands only before the modifier.
    const modified = MODIFIER_COMPOUND.exec(name);
    if (modified && modified.index > 0) name = name.slice(0, modified.index);
    end = start + name.length;
    let kind: EntityKind = KIND_OF_TYPE[span.type];
    let orgName: string | null = null;
    if (kind === 'person') {
      const before = text.slice(Math.max(0, start - 24), start);
      if (on('storm') && (STORM_BEFORE.test(before) || /^(?:Storm|Hurricane|Typhoon|Cyclone)\s/u.test(name))) continue;
      if (on('sign-off') && !/\s/.test(name) && DASH_BEFORE.test(before) && LINE_END_AFTER.test(text.slice(end, end + 4))) continue;
      if (on('office-tail') && officeNameTail(text, phrases, start)) continue;
      const words = name.split(/\s+/);
      if (on('person-elsewhere') && words.length <= 2 && !surnames.has(name)) {
        const same = (o: (typeof otherNames)[number]) => (o.kind === 'organisation' ? o.words.length >= words.length : o.words.length === words.length) && words.every((w, i) => o.words[i] === w);
        const other = otherNames.find((o) => (o.end <= start || o.start >= end) && same(o));
        // A longer name it opens ("Marlow" of "Marlow Robotics") settles it; the same name under another type
        // goes by the document's majority: one place tag of "Gloria" does not turn her eight person mentions into places.
        const shortForm = other !== undefined && other.words.length > words.length;
        const asPerson = other && !shortForm ? tagged.filter((s) => s.type === 'PER' && stripPossessive(s.text) === name).length : 0;
        const asOther = other && !shortForm ? new Set(otherNames.filter((o) => o.words.length === words.length && same(o)).map((o) => o.start)).size : 0;
        if (other && (shortForm || asOther >= asPerson)) {
          kind = other.kind;
          if (kind === 'organisation') orgName = other.name;
        }
      }
    }
    const article = /^(?:The|the)\s+/.exec(name);
    if (article && kind !== 'person') {
      start += article[0].length;
      name = name.slice(article[0].length);
    }
    if (!name || NOT_ORGS.has(name)) continue;
    // "the Indians 8-7": a score the model ran into the team's name is not part of it.
    const scoreTail = on('score-tail') && /^[-–]\d/u.test(text.slice(end, end + 2)) ? /\s+\d+$/u.exec(name) : null;
    if (scoreTail) name = name.slice(0, scoreTail.index);
    // "(Photo: Ken Blaze-USA TODAY Sports)": a credit's hyphen ends the photographer's name; the agency's name follows.
    // Not in a name written in capitals ("KIM JONG-UN MEETS PUTIN"): there the hyphen is the name's.
    const creditHyphen = on('credit-hyphen') && kind === 'person' && /\p{Ll}/u.test(name) ? /-\p{Lu}{2,}$/u.exec(name) : null;
    if (creditHyphen) {
      name = name.slice(0, creditHyphen.index);
      const agencyStart = start + name.length + 1;
      const agency = CREDIT_AGENCY.exec(text.slice(agencyStart, agencyStart + 60));
      if (agency) claims.add({ start: agencyStart, end: agencyStart + agency[0].length, kind: 'organisation', name: agency[0], role: null });
    }
    end = start + name.length;
    const airfield = on('airport-place') && kind !== 'person' ? airfieldAround(text, { start, end, name }) : null;
    if (airfield) [end, name] = [airfield.end, airfield.name];
    // "Daksha Rangan, CTVNews.ca": a news site's name runs on over its domain.
    const domain = on('site-domain') && kind === 'organisation' ? SITE_DOMAIN.exec(text.slice(end, end + 8)) : null;
    if (domain) [end, name] = [end + domain[0].length, text.slice(start, end + domain[0].length)];
    let words = name.split(/\s+/);
    // "Haojun Li Managing Partner": a heading's role words after a person's name are not the name.
    if (kind === 'person' && on('role-tail')) {
      let keep = words.length;
      while (keep > 1 && (ROLE_NOUNS.has(words[keep - 1]!.toLowerCase()) || /^(?:Managing|Senior|Executive|Deputy|Chief|General)$/.test(words[keep - 1]!))) keep--;
      if (keep < words.length) {
        words = words.slice(0, keep);
        name = words.join(' ');
        end = start + text.slice(start).indexOf(words[keep - 1]!) + words[keep - 1]!.length;
      }
    }

    // "Kwon Tae-young": a family name the model took alone keeps the hyphenated given name after it.
    if (kind === 'person' && words.length === 1) {
      const given = GIVEN_NAME_AFTER.exec(text.slice(end, end + 24));
      if (given && claims.free(end, end + given[0].length)) {
        end += given[0].length;
        name = text.slice(start, end);
        words = name.split(/\s+/);
      }
    }
    if (kind === 'person' && words.length === 1 && on('given-name-surname')) {
      const surnameEnd = surnameAfterGivenName(text, name, end);
      if (surnameEnd !== null && claims.free(end, surnameEnd) && !tagged.some((s) => s.start < surnameEnd && s.end > end)) {
        end = surnameEnd;
        name = text.slice(start, end);
        words = name.split(/\s+/);
      }
    }
    // "Paulino do Rego Barros": the model began the name after its particle; the given name and the particle join it.
    const particle = kind === 'person' && on('name-particle') ? PARTICLE_BEFORE.exec(text.slice(Math.max(0, start - 40), start)) : null;
    if (particle && !isRoleWord(particle[1]!) && !NOT_NAME_WORDS.has(particle[1]!) && claims.free(start - particle[0].length, start) && !tagged.some((s) => s.end > start - particle[0].length && s.start < start)) {
      start -= particle[0].length;
      name = text.slice(start, end);
      words = name.split(/\s+/);
    }
    // "librarian Olivia Tran": the model may take the role word before a name into the name.
    if (kind === 'person') {
      let drop = 0;
      while (drop < words.length - 1 && /^\p{Ll}/u.test(words[drop]!) && !LOWER_NAME_OPENERS.test(words[drop]!)) drop++;
      // "ian connor", "aleena Padikall": a name written in lower case keeps its given name; only
      // ordinary words before a capitalised name are a role.
      if (drop > 0 && on('lowercase-head') && (!/^\p{Lu}/u.test(words[drop]!) || !words.slice(0, drop).every(ordinaryLowerWord))) drop = 0;
      // "Coach Dennis Albright": a capitalised role word opening the sentence, likewise.
      if (drop === 0 && words.length >= 3 && leadingRoleWord(words[0]!)) drop = 1;
      if (drop > 0 && on('role-head')) {
        start += text.slice(start).indexOf(words[drop]!);
        words = words.slice(drop);
        name = words.join(' ');
      }
      // "Brightline’s CEO": whose chief executive, board or shareholders they are is a company.
      if (on('company-possessive') && COMPANY_POSSESSIVE.test(text.slice(end, end + 40))) kind = 'organisation';
      // "Blue Heron Café", "Reykjavik Energy": a name that ends in an organisation or trade word is not a person.
      if (on('org-head-person') && words.length > 1 && (ORG_HEADS.has(words[words.length - 1]!) || TRADE_WORDS.has(words[words.length - 1]!))) kind = 'organisation';
    }
    // "FC Basel", "AC Milan", "Hertha BSC", "VfB Stuttgart": a club's mark makes the name a club, not its town,
    // and a mark the model left out before the name joins it.
    const markBefore = /(?:^|[^\p{L}\p{N}])(\p{L}{2,5})[ \t]+$/u.exec(text.slice(Math.max(0, start - 8), start));
    if (on('club-marks') && markBefore && CLUB_MARKS.has(markBefore[1]!)) {
      const markStart = start - (markBefore[0].length - markBefore[0].indexOf(markBefore[1]!));
      if (claims.free(markStart, start)) {
        start = markStart;
        name = text.slice(start, end);
        words = name.split(/\s+/);
      }
    }
    if (on('club-marks') && words.length > 1 && words.some((w) => CLUB_MARKS.has(w))) kind = 'organisation';
    if (on('lowercase-drop') && ((/^\p{Ll}/u.test(words[0]!) && !LOWER_NAME_OPENERS.test(words[0]!) && ordinaryLowerWord(words[0]!)) || (/^\p{Ll}/u.test(words[words.length - 1]!) && ordinaryLowerWord(words[words.length - 1]!)))) continue;
    // "BANK OF CANADA KEEPS RATES ON HOLD": in capitals no phrase joins across "OF"; the organisation word before it does.
    const headBefore = on('shouted-org-of') && kind !== 'person' ? shoutedOrganisationHead(text, start) : null;
    if (headBefore !== null && claims.free(headBefore, start) && claims.add({ start: headBefore, end, kind: 'organisation', name: text.slice(headBefore, end), role: null })) continue;
    // "Center" of "Center for Strategic and International Studies", "Reykjavik" of "Reykjavik Energy".
    const joined = on('org-around') ? organisationAround(text, phrases, start, end, kind) : null;
    const joinedAirfield = joined && on('airport-place') ? airfieldAround(text, joined) : null;
    if (joinedAirfield && claims.add({ ...joinedAirfield, kind: 'place', role: null, place: { name: joinedAirfield.name, code: null, type: 'city', viaCapital: false, viaDemonym: false } })) continue;
    if (joined && claims.add({ ...joined, kind: 'organisation', role: null })) continue;
    const around = gazetteer.find((g) => g.start <= start && g.end >= end && g.end - g.start > end - start);
    if (around && on('gazetteer-around')) {
      [start, end, name] = [around.start, around.end, text.slice(around.start, around.end)];
      // "the Netherlands", "The Gambia": the gazetteer's form keeps its article; the name does not.
      const lead = /^(?:the|The)\s+/.exec(name);
      if (lead && on('gazetteer-article')) [start, name] = [start + lead[0].length, name.slice(lead[0].length)];
    }
    const parts = name.split('-');
    if (parts.length > 1 && kind !== 'person' && parts.every((p) => placeForm(p))) {
      let at = start;
      for (const part of parts) {
        const place = gazetteerPlace(part, text, at, at + part.length)!;
        claims.add({ start: at, end: at + part.length, kind: 'place', name: part, role: null, place });
        at += part.length + 1;
      }
      continue;
    }
    const resolved = gazetteerPlace(name, text, start, end);
    if (!resolved && kind !== 'person' && on('surname-person')) {
      // A person's surname, or a name that a role follows ("Hong Ji-pyo, director general for …",
      // "Wang Son-taek is an adjunct professor"), is a person; a name that ends in an organisation
      // word ("Peking University") is an organisation.
      // ("in Slavyansk, interior minister says": after a preposition of place the phrase is the next clause's subject.)
      // ("West Bank", "South Bank": a compass word before it makes the organisation word a place's; the model's place stays one.)
      const compassPlace = on('compass-place') && kind === 'place' && words.length === 2 && COMPASS_NAMES.has(words[0]!);
      const orgHeaded = ORG_HEADS.has(words[words.length - 1]!) && words.length > 1 && !compassPlace;
      // ("Minneapolis Police Department, Attorney General …", "McConnell of Kentucky, the majority leader":
      // an organisation word or a place of the lexicon settles the name; the apposition is someone else's.
      // Dev: 4 wrong people become the right organisation or place in news-ner, btc and wikigold; nothing lost.)
      const settled = on('apposition-settled') && (orgHeaded || lexiconPlace(name));
      // "SoftBank, its largest investor,": an apposition that "its" opens is about a thing, not a person.
      const apposition = appositionRole(text, end);
      const ofThing = (on('its-apposition') && apposition !== null && /^its\s/.test(apposition)) || (on('apposition-descriptor') && apposition !== null && APPOSITION_DESCRIPTOR.test(text.slice(end, end + 80)));
      // "cited by Haaretz, the prime minister told …": a name the model calls an organisation or a place at
      // another mention, and a person at none, is not made a person by the phrase after one of them.
      const typedElsewhere =
        on('apposition-model-org') && apposition !== null && tagged.some((s) => s.start !== span.start && s.type !== 'PER' && stripPossessive(s.text) === name) && !tagged.some((s) => s.type === 'PER' && stripPossessive(s.text) === name);
      if (surnames.has(name) || (!settled && apposition && !ofThing && !typedElsewhere && !(on('place-apposition') && PLACE_PREPOSITION_BEFORE.test(text.slice(Math.max(0, start - 8), start))))) kind = 'person';
      else if (orgHeaded) kind = 'organisation';
    }
    // "Dallas-Fort Worth International Airport", "Andrews Air Force Base": a place, whatever the organisation word says.
    if (on('airport-place') && kind === 'organisation' && AIRFIELD_TAIL.test(name)) kind = 'place';
    let place: PlaceMatch | undefined;
    // A team before its score ("the Indians 8-7") stays a team, not the nation its name sounds like.
    if (on('score-team') && resolved?.viaDemonym && SCORE_AFTER.test(text.slice(end, end + 12))) kind = 'organisation';
    else if (resolved && (kind === 'place' || (on('country-place') && kind === 'organisation' && !(scoreTail && resolved.viaDemonym)) || around || (resolved.type === 'country' && !resolved.viaCapital && !resolved.viaDemonym))) {
      kind = 'place';
      place = resolved;
    }
    // "Kestrel shares jumped 14%": a name whose shares or stock trade is a company, unless it is a place we
    // know ("Tokyo shares", "London stocks").
    if (on('company-shares') && kind === 'place' && !place && !lexiconPlace(name) && COMPANY_SHARES.test(text.slice(end, end + 16))) kind = 'organisation';
    // "She will fly to Paris": a one-word name the gazetteer knows, where someone travels to, is the place,
    // also in a text that names a person by the same word.
    if (on('motion-place') && kind === 'person' && words.length === 1 && resolved && MOTION_TO.test(text.slice(Math.max(0, start - 32), start))) {
      kind = 'place';
      place = resolved;
    }
    if (kind === 'place') {
      // A place the gazetteer does not know, in a headline in capitals: "VLADIVOSTOK" is Vladivostok.
      place ??= { name: inShoutedLine(text, start) ? titleCase(name) : name, code: null, type: 'city', viaCapital: false, viaDemonym: false };
      claims.add({ start, end, kind, name, role: null, place });
    } else if (kind === 'organisation') {
      const expanded = name in KNOWN_ACRONYMS ? KNOWN_ACRONYMS[name] : undefined;
      claims.add({ start, end, kind, name: orgName ?? name, role: null, expanded });
    } else {
      let [role = null, ...moreRoles] = rolesAt(text, start, end);
      // "Alan Pardew, chairman Steve Parish, …", "Vincent, general manager A.J. Butler said": a phrase after
      // the name that holds a name the model found is that person's title, not this one's role.
      if (role && on('role-holds-name') && roleHoldsName(text, end, role, tagged)) [role, moreRoles] = [null, []];
      if (claims.add({ start, end, kind, name, role, moreRoles, trusted: true })) {
        if (role) blockRole(claims, text, end, role);
      } else {
        // "Mr. Dole", "Dr. Harthoorn": a title rule took the name first; the model's finding it too vouches for it.
        for (const claim of claims.spans) if (claim.kind === 'person' && !claim.ignore && claim.start >= start && claim.end <= end) claim.trusted = true;
      }
    }
  }
}

// An organisation word and "of" right before a name, all in capitals: "BANK OF ", "ARMY OF THE ".
// ("FOR" is left out: "SUPER LEAGUE FOR FC BASEL".)
const SHOUTED_HEAD_BEFORE = /(?<![\p{L}\p{N}.'’-])(\p{Lu}{2,})[ \t]+OF[ \t]+(?:THE[ \t]+)?$/u;
// Organisation words that before "of" and a place mostly name a part of the place: "THE CAPITAL OF GUADELOUPE".
const PLACE_PART_HEADS = new Set(['Capital', 'Center', 'Centre']);

/**
 * Where an organisation opens in a line written in capitals ("BANK OF CANADA", "CHURCH OF SCIENTOLOGY",
 * "UNIVERSITY OF SHEFFIELD"): the offset of the organisation word (an organisation head or opener, in
 * title case) that "OF" joins to the name at `start`, or null. In mixed case the capitalised
 * phrase does this (organisationAround); in capitals every word is capitalised and no phrase stops.
 * Dev in capitals: 8 organisations right that were a wrong place or part (gum news .640 -> .680, btc G,
 * wikigold), 3 still wrong at a new boundary ("WATSON [SCHOOL OF BIOLOGICAL SCIENCES]"), nothing lost.
 */
function shoutedOrganisationHead(text: string, start: number): number | null {
  if (!/OF[ \t]+(?:THE[ \t]+)?$/.test(text.slice(Math.max(0, start - 40), start))) return null;
  const m = SHOUTED_HEAD_BEFORE.exec(text.slice(Math.max(0, start - 40), start));
  if (!m) return null;
  const head = titleCase(m[1]!);
  if ((!ORG_HEADS.has(head) && !ORG_OPENERS.has(head)) || PLACE_PART_HEADS.has(head)) return null;
  return inShoutedLine(text, start) ? start - m[0].length : null;
}

/** "Cape Canaveral Air" before "Force Station": an organisation that a trade word ended is an airfield's name, a place. */
function airfieldAround(text: string, org: { start: number; end: number; name: string }): { start: number; end: number; name: string } | null {
  // "Vandenberg Air" or "Vandenberg Air Force" (the model's span) before "Force Base" or "Base".
  const force = /(?:^|\s)Air\s+Force$/u.test(org.name);
  if (!force && !/(?:^|\s)Air$/u.test(org.name)) return null;
  const rest = (force ? /^[ \t]+(?:Base|Station)(?![\p{L}\p{N}])/u : /^[ \t]+(?:Force[ \t]+)?(?:Base|Station)(?![\p{L}\p{N}])/u).exec(text.slice(org.end, org.end + 20));
  return rest ? { start: org.start, end: org.end + rest[0].length, name: text.slice(org.start, org.end + rest[0].length) } : null;
}

/** Trade words that make a place before them a company's name ("Reykjavik Energy"). */
const TRADE_WORDS = new Set('Energy Power Electric Airways Air Telecom Steel Chemical Chemicals Petroleum Oil Gas Mining Shipbuilding Construction'.split(' '));

/**
 * The organisation a tagged name is part of: the capitalised phrase around the span (joined across
 * of/for/and/de/&, cut before a role word or a sentence word after the span) when the phrase opens
 * with an organisation word ("Center for Strategic and International Studies", "University of
 * Tokyo": the whole phrase) or has one after the span ("Reykjavik Energy": up to that word), and
 * the result passes isOrganisation. A person's name joins only an organisation word right after it
 * ("Johns Hopkins University"). Null when there is no such phrase or it is the span itself.
 */
function organisationAround(text: string, phrases: readonly Phrase[], start: number, end: number, kind: EntityKind): { start: number; end: number; name: string } | null {
  const phrase = phrases.find((p) => p.start <= start && p.start + p.text.length >= end);
  if (!phrase || phrase.text.length <= end - start) return null;
  const part = splitOrganisation(phrase.text).find((q) => phrase.start + q.offset <= start && phrase.start + q.offset + q.text.length >= end);
  if (!part) return null;
  const base = phrase.start + part.offset;
  let words = [...part.text.matchAll(/\S+/g)].map((m) => ({ text: m[0], start: base + m.index!, end: base + m.index! + m[0].length }));
  // In a headline in title case a word news writes in lower case ends the name too ("Texas Police Kill …").
  const headline = () => on('title-case-headline') && inTitleCaseLine(text, start);
  const cut = words.findIndex((w) => w.start >= end && (ROLE_NOUNS.has(w.text.toLowerCase()) || NOT_NAME_WORDS.has(w.text) || (writtenLower(w.text) && headline())));
  if (cut >= 0) words = words.slice(0, cut);
  while (words.length && /^\p{Ll}|^&$/u.test(words[words.length - 1]!.text)) words.pop();
  if (!words.length) return null;
  let from = start;
  let to = end;
  if (kind !== 'person' && ORG_OPENERS.has(words[0]!.text)) {
    from = words[0]!.start;
    to = words[words.length - 1]!.end;
  } else {
    const after = words.findIndex((w) => w.start >= end);
    // "Reykjavik Energy", "Tokyo Electric": a place right before a trade word is a company.
    if (kind === 'place' && after > 0 && TRADE_WORDS.has(words[after]!.text) && words[after - 1]!.end === end) {
      return { start, end: words[after]!.end, name: text.slice(start, words[after]!.end) };
    }
    let head = -1;
    for (let k = Math.max(after, 0); k < words.length && after >= 0; k++) if (ORG_HEADS.has(words[k]!.text)) head = k;
    // "Democratic Party of Korea": an organisation word before the span, joined to it by a connector.
    const first = words.findIndex((w) => w.end > start);
    const lead = kind === 'person' || first < 2 || !/^\p{Ll}|^&$/u.test(words[first - 1]!.text) ? -1 : words.slice(0, first).findIndex((w) => ORG_HEADS.has(w.text));
    if (head < 0 && lead >= 0) {
      let opening = 0;
      while (opening < lead && ROLE_NOUNS.has(words[opening]!.text.toLowerCase())) opening++;
      from = words[opening]!.start;
      to = end;
    } else {
      if (head < 0 || (kind === 'person' && head !== after)) return null;
      from = start;
      to = words[head]!.end;
    }
  }
  if (from > start || to < end || (from === start && to === end)) return null;
  const name = text.slice(from, to);
  return isOrganisation(name) ? { start: from, end: to, name } : null;
}

/**
 * Whether the role phrase right after a name (at most 12 characters on) ends in a person the model tagged,
 * after a role word: "chairman [Steve Parish]" (not "@ [Wonga] founder": there the name is the employer).
 * Dev: +2 tp ecbplus, +2 ecbplus CAPS, +1 news-cluster CAPS, +1 wikigold CAPS; gold dev roles 4 -> 3 wrong.
 */
function roleHoldsName(text: string, from: number, role: string, tagged: readonly { start: number; end: number; type: string }[]): boolean {
  const at = text.indexOf(role, from);
  if (at < 0 || at - from > 12) return false;
  const end = at + role.length;
  return tagged.some((s) => s.type === 'PER' && s.start > at && s.start < end && s.end >= end && text.slice(at, s.start).split(/\s+/).some(isRoleWord));
}

/** Claims the words of a role phrase after a name, so "Senior Managing Partner" is no person. */
function blockRole(claims: Claims, text: string, from: number, role: string): void {
  const at = text.indexOf(role, from);
  if (at < 0 || at - from > 12) return;
  // Organisations inside the role ("… at Granite Asia") stay findable: block only up to " at|of|for ".
  const head = /^(.*?)(?:\s+(?:at|of|for|in)\s+|$)/.exec(role)![1]!;
  const end = at + head.length;
  // "Lucas Paganini, a NASA planetary scientist", "Chris Tang, Hong Kong's new police commissioner": an
  // organisation or a place the model found inside the role stays findable too (not in a line in capitals,
  // where the model's places and organisations inside roles were mostly the wrong type: news-ner dev in
  // capitals, 1 right and 5 wrong).
  let from2 = at;
  if (on('names-in-role') && !inShoutedLine(text, at)) {
    for (const s of claims.model) {
      if (s.type === 'PER' || s.start < from2 || s.end > end) continue;
      if (s.start > from2) claims.add({ start: from2, end: s.start, kind: 'person', name: text.slice(from2, s.start), role: null, ignore: true });
      from2 = s.end;
    }
  }
  if (end > from2) claims.add({ start: from2, end, kind: 'person', name: text.slice(from2, end), role: null, ignore: true });
}

/** Splits "Seoul and Washington" but keeps "Center for Strategic and International Studies". */
function splitOrganisation(phrase: string): { text: string; offset: number }[] {
  const first = phrase.split(/\s+/)[0]!;
  if (ORG_OPENERS.has(first) || !/ and /.test(phrase)) return [{ text: phrase, offset: 0 }];
  const parts: { text: string; offset: number }[] = [];
  let offset = 0;
  for (const part of phrase.split(' and ')) {
    parts.push({ text: part, offset });
    offset += part.length + 5;
  }
  return parts;
}

function isOrganisation(phrase: string): boolean {
  const tokens = phrase.split(/\s+/);
  if (tokens.length < 2) return false;
  if (NOT_ORGS.has(phrase)) return false;
  const capital = tokens.filter((t) => /^\p{Lu}/u.test(t));
  if (!capital.some((t) => ORG_HEADS.has(t))) return false;
  // "Ministry of …" must carry on with a name; a lone head with a place ("Korea Herald") is fine.
  return capital.length >= 2;
}

// compromise on the whole text costs ~100 ms an article; asked about one short phrase at a time
// (only the phrases nothing else decided) it costs a few, and names repeat, so answers are kept.
const personCache = new Map<string, boolean>();

/** Forgets the remembered answers (for benchmarks that must measure a cold start). */
export function clearNameCache(): void {
  personCache.clear();
}

function looksLikePerson(phrase: string): boolean {
  let answer = personCache.get(phrase);
  if (answer === undefined) {
    answer = nlp(phrase).has('#Person');
    if (personCache.size >= 20_000) personCache.clear();
    personCache.set(phrase, answer);
  }
  return answer;
}

/** Generational suffixes after a surname, normalised ("Jr." → "jr"). */
const GENERATION = new Set(['jr', 'sr', 'ii', 'iii', 'iv']);

function mergeSpans(all: Span[], text: string, knownPeople: ReadonlySet<string>): FoundEntity[] {
  const kept = all.filter((s) => !s.ignore);
  // Acronyms join the organisation their initials spell (below), also one the model called a person.
  const orgNames: string[] = kept.filter((s) => s.kind === 'organisation' && !s.expanded && s.name.includes(' ')).map((s) => s.name);
  const spans = on('acronym-of-org') ? acronymsOfOrganisations(kept, orgNames) : kept;
  spans.sort((a, b) => a.start - b.start);
  const entities = new Map<string, FoundEntity>();
  const add = (key: string, span: Span, kind: EntityKind, name: string, code: string | null) => {
    let entity = entities.get(key);
    if (!entity) {
      entity = { key, kind, name, code, aliases: [], roles: [], mentions: [] };
      entities.set(key, entity);
    }
    const surface = text.slice(span.start, span.end);
    if (!entity.aliases.includes(surface)) entity.aliases.push(surface);
    for (const role of [span.role, ...(span.moreRoles ?? [])]) if (role && !entity.roles.includes(role)) entity.roles.push(role);
    entity.mentions.push({ start: span.start, end: span.end, text: surface, role: span.role });
  };

  // Places and organisations first; acronyms join the organisation their initials spell.
  for (const span of spans) {
    if (span.kind === 'place') {
      const place = span.place!;
      add(entityKey('place', place.name, place.code, place.type), span, 'place', place.name, place.code);
    } else if (span.kind === 'organisation') {
      let name = span.expanded ?? span.name;
      if (!span.expanded && !span.name.includes(' ')) name = orgNames.find((n) => initials(n) === span.name) ?? name;
      add(entityKey('organisation', name, null), span, 'organisation', name, null);
    }
  }

  mergeOrganisationPrefixes(entities, text);

  // People: full names first, then short forms attached to the full name they abbreviate.
  const people = spans.filter((s) => s.kind === 'person');
  const full = people.filter((s) => nameTokens(s.name).length >= 2);
  const fullNames = [...new Set(full.map((s) => s.name))];
  // A name's normalised tokens, worked out once per name (names repeat across spans and entities).
  const tokenKeys = new Map<string, string[]>();
  const keysOf = (name: string): string[] => {
    let keys = tokenKeys.get(name);
    if (!keys) tokenKeys.set(name, (keys = nameTokens(name).map(normaliseKey)));
    return keys;
  };
  // "John Caine" inside "John Daniel Caine": the longer name is the person.
  const canonicalNames = new Map<string, string>();
  const canonical = (name: string): string => {
    const known = canonicalNames.get(name);
    if (known !== undefined) return known;
    const tokens = keysOf(name);
    const longer = fullNames
      .filter((n) => n !== name && nameTokens(n).length > tokens.length)
      .find((n) => {
        const other = keysOf(n);
        return tokens.every((t) => other.includes(t)) && other[0] === tokens[0];
      });
    canonicalNames.set(name, longer ?? name);
    return longer ?? name;
  };
  for (const span of full) {
    const name = canonical(span.name);
    add(entityKey('person', name, null), span, 'person', name, null);
  }
  const personEntities = () => [...entities.values()].filter((e) => e.kind === 'person');
  for (const span of people.filter((s) => nameTokens(s.name).length === 1)) {
    const token = normaliseKey(span.name);
    const candidates = personEntities().filter((e) => {
      const tokens = keysOf(e.name);
      // "Barros" of "Paulino do Rego Barros Jr.": the surname stands before a generational suffix.
      const last = tokens.length > 2 && on('name-suffix') && GENERATION.has(tokens[tokens.length - 1]!) ? tokens[tokens.length - 2] : tokens[tokens.length - 1];
      return e.key !== `person:${token}` && (tokens[0] === token || last === token);
    });
    let target: FoundEntity | undefined;
    if (candidates.length === 1) target = candidates[0];
    else if (candidates.length > 1) {
      // Several people share the name: the one mentioned most recently before, else most often.
      const before = candidates.map((e) => ({ e, last: Math.max(-1, ...e.mentions.filter((m) => m.start < span.start).map((m) => m.start)) })).sort((a, b) => b.last - a.last || b.e.mentions.length - a.e.mentions.length);
      target = before[0]!.e;
    }
    if (target) add(target.key, span, 'person', target.name, null);
    else if (span.trusted || knownPeople.has(token) || ((span.role || isLikelySurname(span, text)) && looksLikePerson(span.name))) add(entityKey('person', span.name, null), span, 'person', span.name, null);
  }
  for (const entity of entities.values()) {
    // Canonical person name: the longest form the text gives.
    if (entity.kind === 'person') {
      // A form written in capitals (a headline's "KIM JONG-UN") only when the text gives no other.
      const shouted = (a: string) => (/\p{Ll}/u.test(a) ? 0 : 1);
      const longest = entity.aliases
        .map(stripPossessive)
        .filter((a) => /\s/.test(a))
        .sort((a, b) => shouted(a) - shouted(b) || b.length - a.length)[0];
      if (longest && nameTokens(longest).length >= nameTokens(entity.name).length) entity.name = longest;
    }
    // "PUTIN" in a headline, "Putin" in the story: the name as the story writes it.
    if (entity.kind === 'person' && !/\p{Ll}/u.test(entity.name)) {
      const key = normaliseKey(entity.name);
      const written = entity.aliases.map(stripPossessive).find((a) => /\p{Ll}/u.test(a) && normaliseKey(a) === key);
      if (written) entity.name = written;
    }
  }
  addPronounRoles(text, [...entities.values()]);
  addDescribedRoles(text, [...entities.values()]);
  return [...entities.values()];
}

// "the US president doubled …", "The singer posted …", "the veteran head coach on Monday": a
// definite description ending on a role word, then a verb in -ed/-s, a modal, a preposition that
// opens no employer, or the clause's end (not "the executive level", not "the CEO, Marc Benioff").
const DESCRIPTION = /(?<![\p{L}])(?:the|The)((?:\s+[\p{L}-]+){1,4}?)(?=\s*[.;:!?)"“”]|,\s+(?!\p{Lu})|\s+(?:on|in|over|after|before|during|since|and|who|will|would|has|had|is|was|said|says|[\p{Ll}]+(?:ed|s))\b)/gu;

/**
 * Roles a definite description gives the person the text is about: the first person named in the
 * same sentence before it, else in the sentence before ("Rihanna is mourning … The singer posted …").
 */
function addDescribedRoles(text: string, entities: FoundEntity[]): void {
  const people = entities.filter((e) => e.kind === 'person');
  if (!people.length) return;
  let sentences: ReturnType<typeof sentencesOf> | null = null;
  for (const m of text.matchAll(DESCRIPTION)) {
    const words = m[1]!.trim().split(/\s+/);
    if (!isRoleWord(words[words.length - 1]!) || !words.every((w) => /^[\p{Ll}-]+$/u.test(w) || placeForm(w)) || !isRolePhrase(m[1]!.trim())) continue;
    sentences ??= sentencesOf(text);
    const at = m.index!;
    const k = sentences.findIndex((x) => x.start <= at && at < x.end);
    const person = sentenceSubject(text, people, sentences[k], at) ?? sentenceSubject(text, people, sentences[k - 1], Number.POSITIVE_INFINITY);
    const head = words[words.length - 1]!.toLowerCase();
    if (person && !person.roles.some((r) => r.toLowerCase().split(/\s+/).includes(head))) person.roles.push(cleanRole(m[1]!));
  }
}

/** The person named first in the sentence (before `until`), when the name opens it (after a dateline or a quotation mark). */
function sentenceSubject(text: string, people: FoundEntity[], sentence: { start: number; end: number } | undefined, until: number): FoundEntity | null {
  if (!sentence) return null;
  let person: FoundEntity | null = null;
  let first = Math.min(sentence.end, until);
  for (const p of people) for (const mention of p.mentions) if (mention.start >= sentence.start && mention.start < first) [person, first] = [p, mention.start];
  return person && !/\p{Ll}/u.test(text.slice(sentence.start, first)) ? person : null;
}

/**
 * "Goldman Sachs Group Inc.", then "Goldman Sachs", then "Goldman": an organisation whose words open
 * a longer organisation's name in the same text is that organisation, when every longer name it opens
 * is one name ("Samsung" beside "Samsung Electronics" and "Samsung Biologics" stays apart). A lone
 * organisation word ("Bank") or an acronym opens nothing.
 */
function mergeOrganisationPrefixes(entities: Map<string, FoundEntity>, text: string): void {
  const orgs = [...entities.values()].filter((e) => e.kind === 'organisation');
  if (orgs.length < 2) return;
  const words = new Map(orgs.map((e) => [e, e.name.split(/\s+/).map(normaliseKey).filter(Boolean)]));
  const opens = (short: string[], long: string[]) => long.length > short.length && short.every((w, i) => long[i] === w);
  // "the Indians" after "the Cleveland Indians", "the Journal" after "The Wall Street Journal": the end of a name given before.
  const ends = (short: string[], long: string[]) => long.length > short.length && short.every((w, i) => long[long.length - short.length + i] === w);
  const before = (a: FoundEntity, b: FoundEntity) => (a.mentions[0]?.start ?? Infinity) < (b.mentions[0]?.start ?? -1);
  for (const e of orgs) {
    const own = words.get(e)!;
    // An acronym is its own body: "ASEAN" is not the "ASEAN Regional Forum".
    // (A word in capitals in a line written in capitals, "GOLDMAN TAKES …", is no acronym.)
    const acronym = (m: EntityMention) => /^[\p{Lu}\p{N}&.-]+$/u.test(m.text) && !(on('shouted-prefix') && inShoutedLine(text, m.start));
    if (!own.length || (own.length === 1 && ORG_HEADS.has(e.name)) || e.mentions.some(acronym)) continue;
    let longer = orgs.filter((o) => o !== e && entities.has(o.key) && opens(own, words.get(o)!)).sort((a, b) => words.get(b)!.length - words.get(a)!.length);
    if (!longer.length && on('org-suffix')) longer = orgs.filter((o) => o !== e && entities.has(o.key) && ends(own, words.get(o)!) && before(o, e));
    const target = longer[0];
    if (!target || !longer.every((o) => o === target || opens(words.get(o)!, words.get(target)!))) continue;
    for (const alias of e.aliases) if (!target.aliases.includes(alias)) target.aliases.push(alias);
    for (const role of e.roles) if (!target.roles.includes(role)) target.roles.push(role);
    target.mentions.push(...e.mentions);
    target.mentions.sort((a, b) => a.start - b.start);
    entities.delete(e.key);
  }
}

/** "He is a former diplomatic correspondent at YTN and a former research associate at …": roles
 * given in the next sentence about the person last named (as an author's note does). */
function addPronounRoles(text: string, entities: FoundEntity[]): void {
  for (const m of text.matchAll(/(?:^|[.!?]\s+)(?:He|She) (?:is|was) (?:also )?((?:a|an|the) [^.;]{3,200})\./gmu)) {
    const at = m.index! + m[0].indexOf(m[1]!);
    let person: FoundEntity | null = null;
    let last = -1;
    for (const e of entities) {
      if (e.kind !== 'person') continue;
      for (const mention of e.mentions) if (mention.start < at && mention.start > last) [person, last] = [e, mention.start];
    }
    if (!person || at - last > 300) continue;
    for (const part of m[1]!.split(/,?\s+and\s+(?=(?:a|an|the)\s)/)) {
      const role = part.replace(/^(?:a|an|the)\s+/, '');
      if (isRolePhrase(role) && !person.roles.includes(cleanRole(role))) person.roles.push(cleanRole(role));
    }
  }
}

// A lone capitalised word is a person when a verb of speech or a title is next to it.
function isLikelySurname(span: Span, text: string): boolean {
  const after = text.slice(span.end, span.end + 20);
  const before = text.slice(Math.max(0, span.start - 12), span.start);
  return /^(?:['’]s)?\s+(?:said|says|told|added|noted|wrote|argued|explained|warned|stressed|insisted)\b/.test(after) || /\bsaid\s+$/.test(before);
}

const EVENT_AFTER = /^[ \t]+(?:Open|Cup|Grand Prix|Masters|Championships?|Games|Trophy|Rally|OPEN|CUP|GRAND PRIX|MASTERS|CHAMPIONSHIPS?|GAMES|TROPHY|RALLY)(?![\p{L}\p{N}])/u;

/** "West Indian", "Bosnian Serb": a nationality word the gazetteer does not list, by the lexicon. */
function isDemonym(mention: string): boolean {
  const last = mention.split(/\s+/).pop()!.toLowerCase();
  return (lexiconClasses().get(last) ?? []).includes('demonym') && !placeForm(mention);
}

/**
 * The names in a text as typed spans, by the conventions of standard NER test sets (CoNLL):
 * every mention of a person, organisation or place, but not demonyms ("Korean steel"), which
 * those sets call miscellaneous while our entities count them as the country.
 */
export function namedEntitySpans(text: string, method: EntityMethod = defaultMethod): { start: number; end: number; type: 'PER' | 'ORG' | 'LOC' }[] {
  const TYPE = { person: 'PER', organisation: 'ORG', place: 'LOC' } as const;
  const spans: { start: number; end: number; type: 'PER' | 'ORG' | 'LOC' }[] = [];
  for (const entity of findEntities(text, new Set(), method)) {
    for (const m of entity.mentions) {
      if (on('demonym-drop') && entity.kind === 'place' && (placeForm(m.text)?.resolve({ before: '', after: '' })?.viaDemonym || isDemonym(m.text))) continue;
      // "the U.S. Open", "the Australian Open", "the Asian Cup": a place naming an event is part of the event's name (miscellaneous there).
      if (on('event-names') && entity.kind === 'place' && EVENT_AFTER.test(text.slice(m.end, m.end + 16))) continue;
      spans.push({ start: m.start, end: m.end, type: TYPE[entity.kind] });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}
