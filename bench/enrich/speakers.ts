// Every gold quote and dated event of one part beside the stage's reading of it, article by
// article: for quotes the gold speaker against ours (and the phrase we read it from), for events
// the gold date against the date we gave the same expression, plus what we found that the gold
// does not hold. What to read before changing a quote or date rule (dev only while tuning; the
// test part once, at the end). Matching is the scorer's (test/fixtures/gold/score.ts).
// Run: npx tsx bench/enrich/speakers.ts [dev|test] [--wrong] [--quotes|--events]
import { normaliseKey } from '../../src/enrich/entities.ts';
import { enrichArticle } from '../../src/enrich/index.ts';
import { goldEntries, type GoldPart } from '../../test/fixtures/gold/score.ts';

const part: GoldPart = process.argv[2] === 'test' ? 'test' : 'dev';
const wrongOnly = process.argv.includes('--wrong');
const showQuotes = !process.argv.includes('--events');
const showEvents = !process.argv.includes('--quotes');
const words = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
const opening = (s: string) => words(s).slice(0, 4).join(' ');
const squash = (s: string, n: number) => s.replace(/\s+/g, ' ').slice(0, n);

const tally = { quotes: 0, speakersRight: 0, events: 0, eventsRight: 0, extraQuotes: 0, extraEvents: 0 };
for (const entry of goldEntries()) {
  if (entry.part !== part) continue;
  const result = enrichArticle(entry.article);
  const lines: string[] = [];
  if (showQuotes) {
    const used = new Set<number>();
    for (const g of entry.gold.quotes) {
      tally.quotes++;
      const i = result.quotes.findIndex((p, j) => !used.has(j) && (opening(p.text).startsWith(opening(g.start)) || words(p.text).join(' ').includes(opening(g.start))));
      if (i < 0) {
        lines.push(`  XX quote "${squash(g.start, 50)}" gold ${g.speaker ?? '-'}: not found`);
        continue;
      }
      used.add(i);
      const p = result.quotes[i]!;
      const ok = g.speaker === null ? p.speakerName === null : p.speakerName !== null && normaliseKey(p.speakerName) === normaliseKey(g.speaker);
      if (ok) tally.speakersRight++;
      if (ok && wrongOnly) continue;
      lines.push(`  ${ok ? 'ok' : 'XX'} quote "${squash(g.start, 50)}" gold ${g.speaker ?? '-'}${g.speakerText ? ` ("${g.speakerText}")` : ''}  ours ${p.speakerName ?? '-'}${p.speaker ? ` (from "${p.speaker}")` : ''}`);
      if (!ok) {
        const text = entry.article.text;
        lines.push(`       at: …${squash(text.slice(Math.max(0, p.start - 120), p.start), 120)}⟦quote⟧${squash(text.slice(p.end, p.end + 120), 120)}`);
      }
    }
    result.quotes.forEach((p, j) => {
      if (used.has(j)) return;
      tally.extraQuotes++;
      lines.push(`  ++ quote extra "${squash(p.text, 50)}" ours ${p.speakerName ?? '-'}${p.speaker ? ` (from "${p.speaker}")` : ''}`);
    });
  }
  if (showEvents) {
    const used = new Set<number>();
    for (const g of entry.gold.events) {
      tally.events++;
      const i = result.events.findIndex((p, j) => !used.has(j) && g.date === p.date && g.precision === p.precision);
      if (i >= 0) {
        used.add(i);
        tally.eventsRight++;
        if (!wrongOnly) lines.push(`  ok event "${g.text}" ${g.date} ${g.precision}`);
        continue;
      }
      // What we made of the same words, if anything.
      const same = result.events.find((p) => words(p.text).join(' ').includes(words(g.text).join(' ')) || words(g.text).join(' ').includes(words(p.text).join(' ')));
      lines.push(`  XX event "${g.text}" gold ${g.date} ${g.precision}  ours ${same ? `"${same.text}" ${same.date} ${same.precision}` : '-'}`);
      if (same) lines.push(`       in: ${squash(same.sentence, 200)}`);
    }
    result.events.forEach((p, j) => {
      if (used.has(j)) return;
      tally.extraEvents++;
      lines.push(`  ++ event extra "${p.text}" ${p.date} ${p.precision}  in: ${squash(p.sentence, 160)}`);
    });
  }
  if (lines.length) console.log(`${entry.label} (published ${entry.article.publishedAt.toISOString().slice(0, 10)})\n${lines.join('\n')}`);
}
console.log(`\n${part}: speakers right ${tally.speakersRight} of ${tally.quotes} gold quotes, ${tally.extraQuotes} quotes not in the gold; ` + `events matched ${tally.eventsRight} of ${tally.events}, ${tally.extraEvents} not in the gold`);
