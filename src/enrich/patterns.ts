// The word lists entity finding leans on: titles that precede a name, nouns that make an
// apposition a role ("…, chairman of …"), the last words of organisation names, acronyms we
// know, and capitalised words that are never names. Data only.

/**
 * Title words that can stand right before a person's name ("Adm. Kim", "Secretary of State Rubio").
 * "Chief" alone ("Police Chief Randy Fandal") comes last, so "Chief Executive" is tried first.
 */
export const TITLE_PATTERN =
  String.raw`(?:(?:Deputy|Vice|Assistant|Acting|Former|Senior|Chief|First|Prime|Foreign|Defen[cs]e|Trade|Finance|Economy|Unification|Interior|Justice|Commerce|Treasury|Industry|Labou?r|Health|Education|Transport|Energy|National Security|Security|Executive|Managing|Special|Supreme|Joint|Opposition|Party|Majority|Minority|House|Senate|Army|Navy)\s+)*` +
  String.raw`(?:President|President-elect|Mayor-elect|Councillor|Councilor|Alderman|Sheriff|Minister|Secretary|Adviser|Advisor|Director|Chairman|Chairwoman|Chairperson|Governor|Senator|Representative|Ambassador|Spokesperson|Spokesman|Spokeswoman|Chancellor|Premier|Leader|Mayor|Commissioner|Envoy|Undersecretary|Under Secretary|General|Admiral|Judge|Justice|King|Queen|Prince|Princess|Pope|CEO|(?:Executive|Financial|Operating|Technology|Information|Marketing) Officer|Chief Executive|Negotiator|Speaker|Lawmaker|Professor|Analyst|Economist|Trade Representative|Lt\. Gen\.|Maj\. Gen\.|Adm\.|Gen\.|Sen\.|Rep\.|Gov\.|Dr\.|Prof\.|Mr\.|Mrs\.|Ms\.|Col\.|Capt\.|Chief)` +
  String.raw`(?:\s+(?:of|for)\s+(?:the\s+)?(?:State|Defen[cs]e|Treasury|Commerce|Homeland Security|Energy|Agriculture|Labou?r|Interior|Foreign Affairs|Trade|Finance|Unification|Policy|Joint Chiefs of Staff|Economy))?`;

/** Honorifics that are not roles. */
export const HONORIFICS = new Set(['Mr.', 'Mrs.', 'Ms.']);

/** Nouns that make a phrase after a name a role: "Victor Cha, Korea chair at …". */
export const ROLE_NOUNS = new Set(
  (
    'president chairman chairwoman chair chairperson director minister secretary adviser advisor professor partner ' +
    'fellow analyst economist spokesperson spokesman spokeswoman ambassador envoy governor senator lawmaker member ' +
    'head chief ceo founder co-founder officer official leader deputy commander general admiral researcher scholar ' +
    'strategist editor correspondent reporter columnist negotiator representative mayor judge manager executive ' +
    'strategist counselor counsellor associate principal dean lecturer commissioner undersecretary vice-president ' +
    'vice-chairman spokesperson owner investor expert attorney lawyer diplomat candidate premier speaker coordinator'
  ).split(/\s+/),
);

/**
 * Occupations news puts before or after a name ("guard Marquis Teague", "X, a travel guide"): roles
 * only there (not words that end a name, as ROLE_NOUNS are: "Coast Guard" stays whole).
 */
export const OCCUPATIONS = new Set(
  (
    'coach guard forward striker midfielder defender goalkeeper quarterback pitcher captain player singer actor actress ' +
    'rapper writer author poet designer doctor surgeon nurse teacher pilot guide host anchor producer photographer ' +
    'architect engineer entrepreneur businessman businesswoman campaigner marshal model'
  ).split(/\s+/),
);

/**
 * A word that names what a person does: one of ROLE_NOUNS, or an occupation by its ending
 * ("psychologist", "ethicist", "pediatrician", "historian"); not the verbs in -sist ("insist").
 */
export function isRoleWord(word: string): boolean {
  const w = word.toLowerCase().replace(/[^a-z-]/g, '');
  return ROLE_NOUNS.has(w) || OCCUPATIONS.has(w) || (/^[a-z]{4,}ist$/.test(w) && !/sist$/.test(w)) || /^[a-z]{3,}(?:ician|orian|arian)$/.test(w);
}

/** Last words of organisation names. */
export const ORG_HEADS = new Set(
  (
    'Ministry Department Council Party Institute Institution University College School Agency Service Services Bank ' +
    'Exchange Commission Committee Forum Association Foundation Center Centre Corporation Corp. Company Co. Group ' +
    'Holdings Inc. Ltd. Administration Office Court Assembly Parliament Congress Senate Forces Command Army Navy ' +
    'Police Union Federation Organization Organisation Fund Authority Board Bureau Chamber League Society Times Post ' +
    'Herald Journal News Network Studies Trust Partners Securities Motors Electronics Airlines Industries Staff ' +
    'Reserve Guard Corps Cabinet Secretariat Nations Tribune Gazette Daily Telegraph Broadcasting Ventures Capital ' +
    'Cooperative Co-op Hospital Clinic Church Airport Library Museum Club Utility Utilities Lab Technologies ' +
    'Insurance Shipping Logistics Foods Pharmaceuticals Entertainment Media Studio Studios Brewery Café Cafe Restaurant ' +
    'Hotel Market Markets Fire Rescue Council Department Observer Wire Courier Dispatch Ledger'
  ).split(/\s+/),
);

/** Last words of the names of towns, counties, streets and features: "Marrow County", "Alder Springs". */
export const PLACE_HEADS = new Set(
  ('County Springs Street Avenue Road Boulevard Square City Town Village Valley River Lake Island Islands Bay ' + 'Harbour Harbor Beach Heights Falls Creek Hills Mountain Mountains Peninsula Province State Strait Coast Port').split(/\s+/),
);

/** Words that open an organisation name: "Ministry of …", "University of …", "Center for …". */
export const ORG_OPENERS = new Set('Ministry Department University Bank Center Centre Institute Council Association Office Board Bureau Federation Organization Organisation League Court Commission Committee'.split(' '));

/** Acronyms we know, with the name they stand for (null: the acronym is the name). */
export const KNOWN_ACRONYMS: Record<string, string | null> = {
  ASEAN: 'Association of Southeast Asian Nations',
  NATO: 'North Atlantic Treaty Organization',
  UN: 'United Nations',
  EU: 'European Union',
  WTO: 'World Trade Organization',
  IMF: 'International Monetary Fund',
  OPEC: 'Organization of the Petroleum Exporting Countries',
  JCS: 'Joint Chiefs of Staff',
  USFK: 'US Forces Korea',
  NIS: 'National Intelligence Service',
  BOK: 'Bank of Korea',
  BOJ: 'Bank of Japan',
  ECB: 'European Central Bank',
  FBI: 'Federal Bureau of Investigation',
  CIA: 'Central Intelligence Agency',
  CSIS: 'Center for Strategic and International Studies',
  OECD: 'Organisation for Economic Co-operation and Development',
  WHO: 'World Health Organization',
  KCNA: 'Korean Central News Agency',
  YTN: null,
  KBS: null,
  MBC: null,
  SBS: null,
  CNN: null,
  BBC: null,
  NHK: null,
  AFP: null,
  AP: 'Associated Press',
  DJI: null,
  EPA: null,
  SEC: 'Securities and Exchange Commission',
  PPP: 'People Power Party',
  DP: 'Democratic Party',
  LDP: 'Liberal Democratic Party',
  CCP: 'Chinese Communist Party',
  PLA: "People's Liberation Army",
  USTR: 'Office of the US Trade Representative',
  Fed: 'Federal Reserve',
};

/** Single words that name an organisation on their own. */
export const KNOWN_ORGS = new Set(
  (
    'Pentagon Kremlin Congress Yonhap Reuters Bloomberg Xinhua Toyota Honda Hyundai Samsung Kia Nissan Sony Apple ' +
    'Google Microsoft Amazon Meta Nvidia Tesla Boeing Airbus Huawei Alibaba Tencent Insta360 Antigravity LG SK Posco ' +
    'Kospi Kosdaq Konex Nikkei'
  ).split(/\s+/),
);
/** Multi-word organisations without a head word. */
export const KNOWN_ORG_PHRASES = ['White House', 'Blue House', 'Joint Chiefs of Staff', 'Wall Street Journal', 'Granite Asia', 'Camp David'];
/**
 * News agencies, which news cites by name ("Russia's RIA Novosti reported", "Interfax said") and
 * which look like people or places to a tagger ("Ria Novosti", "Tass"): organisations wherever
 * they stand as whole words. (Not model features: the tagger's lists are fixed by its training.)
 */
export const NEWS_AGENCIES = [
  'RIA Novosti',
  'Ria Novosti',
  'ITAR-TASS',
  'Itar-Tass',
  'TASS',
  'Tass',
  'Interfax',
  'Kyodo News',
  'Kyodo',
  'Jiji Press',
  'Agence France-Presse',
  'Associated Press',
  'Press Trust of India',
  'Korean Central News Agency',
  'KCNA',
  'Anadolu Agency',
  'Deutsche Presse-Agentur',
  'Bernama',
  'Prensa Latina',
  'Notimex',
  'Ukrinform',
  'Agerpres',
  // A broadcaster and a photo agency cited the same way ("the airline told RT", "Image copyright Getty Images",
  // "SCHOOL•GETTY"); not a bare "Getty", which is also a family name ("J. Paul Getty", "Getty Museum").
  'RT',
  'Getty Images',
  'GETTY',
  // Outlets with a coined name that no word or family name shares.
  'TechCrunch',
  'CoinDesk',
  'Coindesk',
  'ABC7',
];

/** Indices and market names that look like organisations but are not (kept out of entities). */
export const NOT_ORGS = new Set(['Kospi', 'Kosdaq', 'Konex', 'Nikkei', 'Camp David']);

/** All-caps words that are not organisations. */
export const NOT_ACRONYMS = new Set('AI CEO CFO MBA TMT APAC AUM IPO IPOs VC ESG GDP CPI EV EVs IT TV PM AM OK II III IV UTC GMT USD KRW JPY EUR CNY ID PR Q1 Q2 Q3 Q4 FY VIP LNG K-POP A B C D I X THAAD ICBM ICBMs'.split(' '));

/** Capitalised words that start sentences or phrases but are never part of a name. */
export const NOT_NAME_WORDS = new Set(
  (
    'The A An In On At For From By With As But And Or If When While After Before Since Despite During However Yet ' +
    'This That These Those It Its He She They We Our Their His Her There Here What Why How Who Whether Although ' +
    'Still Also Even Some Many Most Both Each Every No Not Under Over Among Between Through Unlike Like Meanwhile ' +
    'Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August ' +
    'September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Photo Advertisement ' +
    'First Second Third Fourth Fifth Last Next Today Yesterday Tomorrow Read More Related Comments Hashtags ' +
    'Though Because Unless Once Whereas Amid Following According Given Instead Nor So Then Thus Therefore Moreover ' +
    'Storm Tropical Hurricane Typhoon Cyclone Furthermore Nevertheless Regardless Naturally Fortunately Unfortunately Likewise Conversely Notably Earlier Later'
  ).split(/\s+/),
);

export const MONTHS = new Set('January February March April May June July August September October November December'.split(' '));

/**
 * Lower-case nouns that say what kind of organisation the name right after them is: "the left-wing
 * newspaper Haaretz", "the religious party Habayit Hayehudi", "its parent company First Energy".
 */
export const ORG_DESCRIPTORS = new Set(
  ('newspaper daily tabloid magazine broadcaster network website outlet publication weekly ' + 'party company firm airline carrier automaker carmaker retailer lender insurer brewer conglomerate startup').split(/\s+/),
);

/** Lower-case nouns that, with "of", name the place after them: "the French resort of Nice", "the village of Nabi Saleh". */
export const PLACE_DESCRIPTORS = new Set('city town village resort port suburb province region county district island'.split(/\s+/));

/** Kin a possessive names: "Tamimi's father" is a person's, not a company's. */
export const KIN_WORDS = new Set('father mother wife husband son daughter brother sister parents grandmother grandfather uncle aunt cousin girlfriend boyfriend fiancé fiancée widow'.split(/\s+/));
