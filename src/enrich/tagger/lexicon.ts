// Word lists from compromise's English lexicon (first names, surnames, cities, countries,
// companies, demonyms, and the common words of the language) and the world's towns (cities.ts) as coarse classes per lower-cased
// word: evidence for the tagger about words our annotated corpora never showed it. Changing
// compromise's version can change these classes: retrain the model after such an upgrade.
import nlp from 'compromise';
import { FUNCTION_WORDS } from '../../text/stopwords.ts';
import { cityNames } from './cities.ts';

const CLASS_OF_TAG: Record<string, string> = {
  FemaleName: 'first',
  MaleName: 'first',
  FirstName: 'first',
  LastName: 'last',
  Person: 'person',
  Actor: 'common',
  City: 'place',
  Country: 'place',
  Place: 'place',
  Region: 'place',
  Organization: 'org',
  SportsTeam: 'org',
  Demonym: 'demonym',
  Month: 'month',
  WeekDay: 'weekday',
  Honorific: 'honorific',
  Adjective: 'common',
  Gerund: 'common',
  PastTense: 'common',
  PresentTense: 'common',
  Infinitive: 'common',
  Plural: 'common',
  Singular: 'common',
  Comparative: 'common',
  Superlative: 'common',
  Adverb: 'common',
  Preposition: 'common',
  Determiner: 'common',
  Conjunction: 'common',
  Pronoun: 'common',
  Uncountable: 'common',
  Noun: 'common',
  Modal: 'common',
  Participle: 'common',
};

let classes: Map<string, string[]> | null = null;

/** Lower-cased word → its classes ("first", "place", "common", "org:part" for a word inside a multi-word name…). */
export function lexiconClasses(): Map<string, string[]> {
  if (classes) return classes;
  const map = new Map<string, Set<string>>();
  const add = (word: string, cls: string) => {
    let set = map.get(word);
    if (!set) map.set(word, (set = new Set()));
    set.add(cls);
  };
  const model = nlp.model() as { one: { lexicon: Record<string, string | string[]> }; two: { orgWords: Record<string, unknown>; placeWords: Record<string, unknown> } };
  for (const [entry, tags] of Object.entries(model.one.lexicon)) {
    const found = (Array.isArray(tags) ? tags : [tags]).map((t) => CLASS_OF_TAG[t]).filter((c): c is string => !!c);
    const words = entry.split(' ');
    for (const cls of found) {
      if (words.length === 1) add(entry, cls);
      else if (cls !== 'common') for (const w of words) add(w, `${cls}:part`);
    }
  }
  for (const w of Object.keys(model.two.orgWords)) add(w, 'orgword');
  for (const w of Object.keys(model.two.placeWords)) add(w, 'placeword');
  // The world's towns and cities (cities.ts): "city" for a one-word name, "city:part" for a word of a longer one.
  for (const name of cityNames()) {
    const words = name.split(/\s+/);
    if (words.length === 1) {
      if (!FUNCTION_WORDS.has(name)) add(name, 'city');
    } else for (const w of words) if (!FUNCTION_WORDS.has(w) && /\p{L}{2}/u.test(w)) add(w, 'city:part');
  }
  classes = new Map([...map].map(([w, set]) => [w, [...set].sort()]));
  return classes;
}
