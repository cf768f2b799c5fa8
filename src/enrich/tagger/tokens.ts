// Cuts an article's text into the tokens the tagger was trained on, with character offsets:
// the corpora are tokenised in the Penn Treebank manner (punctuation apart, "'s" and "n't" split
// off, "U.S." and "Mr." whole), so raw text is cut the same way before tagging.
import { splitSentences, type Sentence } from '../../text/sentences.ts';

export interface Token {
  text: string;
  start: number;
  end: number;
}

// Abbreviations that keep their full stop as one token ("Mr.", "Gen.", "Inc.", "Aug.").
const DOTTED = 'Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Adm|Lt|Col|Maj|Capt|Cmdr|Sgt|St|Jr|Sr|Inc|Corp|Co|Ltd|No|vs|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mt|Ft|Rev|Hon|Bros|Dept|Univ';
const TOKEN = new RegExp(
  [
    String.raw`https?://\S+`,
    String.raw`[@#][\p{L}\p{N}_]+`,
    String.raw`(?:\p{L}\.){2,}`, // U.S., U.K., a.m.
    String.raw`(?:${DOTTED})\.(?=\s|$)`,
    String.raw`\p{Lu}\.(?=\s)`, // an initial: "George W. Bush"
    String.raw`\p{N}+(?:[.,:/]\p{N}+)*(?:%|\p{L}+)?`,
    String.raw`\p{L}+(?=n['’]t\b)`, // "do" of "don't"
    String.raw`n['’]t\b`,
    String.raw`['’](?:s|re|ve|ll|d|m)\b`,
    String.raw`[\p{L}\p{M}][\p{L}\p{M}\p{N}_]*(?:(?:[-&]|['’](?=\p{Lu}))[\p{L}\p{M}\p{N}_]+)*`, // words, "Jae-myung", "O'Brien", "AT&T"
    String.raw`\S`,
  ].join('|'),
  'gu',
);

/** The tokens of one stretch of text (no sentence split), offsets relative to `base`. */
export function tokenise(text: string, base = 0): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN)) tokens.push({ text: m[0], start: base + m.index!, end: base + m.index! + m[0].length });
  return tokens;
}

// The enrichment stage splits an article into sentences and then tags it: the split of the last
// text asked about is kept so it is made once (its sentences are read, never changed).
let lastSplit: { text: string; sentences: Sentence[] } | null = null;

/** splitSentences, remembered for the last text. */
export function sentencesOf(text: string): Sentence[] {
  if (lastSplit?.text !== text) lastSplit = { text, sentences: splitSentences(text) };
  return lastSplit.sentences;
}

/** The text's sentences as token lists (the tagger's unit), offsets into the whole text. */
export function tokeniseSentences(text: string): Token[][] {
  const out: Token[][] = [];
  for (const sentence of sentencesOf(text)) {
    const tokens = tokenise(sentence.text, sentence.start);
    // Very long "sentences" (lists, tables) are cut so the features' context stays local.
    for (let i = 0; i < tokens.length; i += 200) out.push(tokens.slice(i, i + 200));
  }
  return out;
}
