// Entities (bench/enrich/quality.ts's entity-level score) on the gold articles written three ways:
//   as written   — the article text as published;
//   tokenised    — rewritten the way standard NER test sets write news (CoNLL-2003: Reuters 1996):
//                  a space before , . : ; ) ? ! and after (, "'s" and "n't" split off, every double
//                  quotation mark a plain " standing alone ("U.S. President Bill Clinton said on Friday ,");
//   +headline    — tokenised, after a first line in capitals (the title) and a dateline
//                  "CITY 1996-08-22" (the first place the gold names, in capitals, and the
//                  publication date), as a wire story opens.
// Same gold, same scoring (entity level: kind and name); the plain baseline (bench/enrich/baseline.ts)
// beside the stage, from the same run. Dev parts by default; --part names others (the frozen parts
// are read once, at the end). Prints a table and writes nothing.
// Run: npx tsx bench/entities/forms.ts [--part dev,news,news-dev2] [--misses <form>]
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { enrichArticle } from '../../src/enrich/index.ts';
import { emptyScores, goldEntries, NEWS_PARTS, precision, recall, scoreArticle, type GoldPart, type Scores } from '../../test/fixtures/gold/score.ts';
import { baselineEnricher } from '../enrich/baseline.ts';

// Abbreviations whose dot CoNLL keeps on the word ("Mr.", "Jan.", "Corp.").
const ABBREVIATIONS = new Set('Mr Mrs Ms Dr Prof Gov Sen Rep Gen Col Lt Capt Sgt Adm Maj Cmdr Rev St Mt Ft Jr Sr Inc Corp Co Ltd Bros Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec No vs etc approx'.split(' '));

/** The text as a CoNLL-style tokenised news text (see the header). Line breaks are kept. */
export function tokenisedText(text: string): string {
  return (
    text
      // Quotation marks: one plain " set apart; a left single quote too (a right one may be an apostrophe).
      .replace(/[“”"]/g, ' " ')
      .replace(/‘/g, " ' ")
      // Possessive and negation clitics split off: "Korea's" -> "Korea 's", "don't" -> "do n't".
      .replace(/(\p{L})['’]s(?!\p{L})/gu, "$1 's")
      .replace(/(\p{L})n['’]t(?!\p{L})/gu, "$1 n't")
      // A closing single quote after a letter (not an apostrophe inside a word) stands alone.
      .replace(/(\p{L})’(?=[\s,.;:!?)]|$)/gu, "$1 ' ")
      // Commas, colons, semicolons not inside a number ("1,000", "10:30").
      .replace(/([,:;])(?=\s|$)/g, ' $1')
      .replace(/([?!)])/g, ' $1')
      .replace(/\(/g, '( ')
      // A full stop that ends a sentence, not an abbreviation's or an initial's ("U.S.", "Mr.", "J.").
      .replace(/(\S+?)\.(?=\s|$|")/gu, (all, word: string) => (ABBREVIATIONS.has(word) || /^(?:\p{L}\.)*\p{L}$/u.test(word) || /\.\p{L}$/u.test(word) ? all : `${word} .`))
      .replace(/[ \t]+/g, ' ')
      .replace(/ ?\n ?/g, '\n')
      .trim()
  );
}

/** A wire story's opening: the title in capitals, then "CITY 1996-08-22" (the gold's first place, if any). */
export function withHeadline(text: string, title: string, place: string | null, publishedAt: Date): string {
  const date = publishedAt.toISOString().slice(0, 10);
  const dateline = place ? `${place.toUpperCase()} ${date}` : date;
  return `${tokenisedText(title).toUpperCase()}\n${dateline}\n${text}`;
}

// The bench runs when called as a script; tests and scripts may import the two transforms.
if (process.argv[1] === fileURLToPath(import.meta.url)) main();

function main(): void {
  const partAt = process.argv.indexOf('--part');
  const parts = (partAt > 0 ? process.argv[partAt + 1]! : 'dev,news,news-dev2').split(',') as GoldPart[];
  const missesAt = process.argv.indexOf('--misses');
  const missesOf = missesAt > 0 ? process.argv[missesAt + 1] : undefined;
  const forms = ['as written', 'tokenised', '+headline'] as const;
  type Form = (typeof forms)[number];

  const started = process.cpuUsage();
  const f = (x: number) => x.toFixed(3).replace(/^0/, '');
  const f1 = (c: Scores['entities']) => {
    const [p, r] = [precision(c), recall(c)];
    return p + r ? (2 * p * r) / (p + r) : 0;
  };
  console.log('entities, entity level (P R F1, tp fp fn); baseline F1 from the same run');
  for (const part of parts) {
    const entries = goldEntries({ news: NEWS_PARTS.includes(part) }).filter((e) => e.part === part);
    console.log(`\n${part} part: ${entries.length} gold articles`);
    for (const form of forms) {
      const stage = emptyScores();
      const baseline = emptyScores();
      for (const entry of entries) {
        const a = entry.article;
        const place = entry.gold.entities.find((e) => e.kind === 'place')?.name ?? null;
        const text: Record<Form, () => string> = {
          'as written': () => a.text,
          tokenised: () => tokenisedText(a.text),
          '+headline': () => withHeadline(tokenisedText(a.text), a.title, place, a.publishedAt),
        };
        const article = { ...a, text: text[form]() };
        scoreArticle(entry.gold, enrichArticle(article), stage, entry.label);
        scoreArticle(entry.gold, baselineEnricher(article), baseline, entry.label);
      }
      const c = stage.entities;
      console.log(`  ${form.padEnd(11)} P ${f(precision(c))} R ${f(recall(c))} F1 ${f(f1(c))}  (tp ${c.tp} fp ${c.fp} fn ${c.fn})   baseline F1 ${f(f1(baseline.entities))}`);
      if (missesOf === form) for (const m of stage.misses.filter((x) => / entity /.test(x))) console.log(`     ${m}`);
    }
  }
  const used = process.cpuUsage(started);
  console.log(`\nCPU ${((used.user + used.system) / 1e6).toFixed(1)} s, load average ${loadavg()[0]!.toFixed(1)}`);
}
