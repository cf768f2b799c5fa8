// Every gold figure of one part beside the stage's reading of it: value, gold subject, the stage's
// subject words, subject entity and measure, and whether the scorer counts it right. What to read
// before changing a figure-subject rule (dev only while tuning; the test part once, at the end).
// Run: npx tsx bench/enrich/subjects.ts [dev|test] [--wrong]
import { normaliseKey } from '../../src/enrich/entities.ts';
import { enrichArticle } from '../../src/enrich/index.ts';
import { goldEntries, type GoldPart, sameRole } from '../../test/fixtures/gold/score.ts';

const part: GoldPart = process.argv[2] === 'test' ? 'test' : 'dev';
const wrongOnly = process.argv.includes('--wrong');
let right = 0;
let all = 0;
for (const entry of goldEntries()) {
  if (entry.part !== part) continue;
  const result = enrichArticle(entry.article);
  const used = new Set<number>();
  const lines: string[] = [];
  for (const g of entry.gold.figures) {
    const i = result.figures.findIndex((p, j) => !used.has(j) && Math.abs(g.value - p.value) <= Math.abs(g.value) * 1e-6 && (g.unit ?? null) === (p.unit ?? null));
    if (i < 0) {
      lines.push(`  -- ${g.text}: not found`);
      continue;
    }
    used.add(i);
    const p = result.figures[i]!;
    if (!g.subject) continue;
    const e = result.entities.find((x) => x.key === p.subjectKey);
    const names = e ? [e.name, ...e.aliases] : p.subjectKey?.startsWith('place:') ? [p.subjectKey.slice(6)] : [];
    const ok = (!!p.subject && sameRole(g.subject, p.subject)) || names.some((n) => normaliseKey(n) === normaliseKey(g.subject!) || sameRole(g.subject!, n));
    all++;
    if (ok) right++;
    if (ok && wrongOnly) continue;
    lines.push(`  ${ok ? 'ok' : 'XX'} ${g.text.padEnd(18)} gold "${g.subject}"  ours "${p.subject}" [${e?.name ?? p.subjectKey ?? '-'}] measure ${p.measure}${p.change ? ` (${p.change})` : ''}`);
    if (!ok) lines.push(`       in: ${p.context.replace(/\s+/g, ' ').slice(0, 200)}`);
  }
  if (lines.length) console.log(`${entry.label}\n${lines.join('\n')}`);
}
console.log(`\n${part}: ${right} of ${all} gold subjects right (${all ? (right / all).toFixed(3) : '-'})`);
