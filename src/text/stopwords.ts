// Common English words that say nothing about what a text is about: one vocabulary for every stage.
// FUNCTION_WORDS are the grammatical words (articles, pronouns, auxiliaries, prepositions, "said"):
// what the enrichment drops when it matches a question or a summary against sentences.
// STOPWORDS add the words of news boilerplate and calendar (days, "report", "percent", "photo"):
// what dedup, clustering and coverage drop when they compare articles by topic.
const FUNCTION_LIST = `a an the and or but nor of in on at to for from by with as into onto over under about against between among
through during without within via than that which who whose whom this these those it its it's he she they them
his her their our your my we you i me us is are was were be been being am do does did done has have had having
will would shall should can could may might must not no yes so if then there here what when where why how all
any both each few more most other some such only own same too very just also said says say told according
up down out off again further once while after before since amid until s t`;

const NEWS_LIST = `above ago almost although always another around away back became because become below cannot doing else even
ever every get gets getting go goes going gone got hers herself him himself however including itself last
least less like made make makes many much myself near never new next now often one ours ourselves per perhaps
rather really see seen several still theirs themselves thus toward towards upon use used well whether yourself
yourselves mr mrs ms came come comes day days don't first former later latest let likely monday tuesday
wednesday thursday friday saturday sunday today tomorrow yesterday week weeks year years month months time
times two three four five six seven eight nine ten percent cent people way asked added week's year's news
report reports reported reporting story stories article photo video image images read click share email print
subscribe newsletter advertisement copyright rights reserved yours either others though yet`;

const list = (text: string) => text.split(/\s+/).filter(Boolean);

export const FUNCTION_WORDS: ReadonlySet<string> = new Set(list(FUNCTION_LIST));

export const STOPWORDS: ReadonlySet<string> = new Set([...FUNCTION_WORDS, ...list(NEWS_LIST)]);

/**
 * Articles, coordinating conjunctions and the commonest prepositions: words an English headline or
 * sentence does not end on. The dump splitter (src/extract/dump-headline.ts) and the line rejoiner
 * (src/extract/rejoin.ts) each extend it with their own.
 */
export const JOINING_WORDS: readonly string[] = ['a', 'an', 'the', 'and', 'or', 'but', 'nor', 'of', 'in', 'on', 'at', 'to', 'for', 'from', 'by', 'with', 'as', 'into'];
