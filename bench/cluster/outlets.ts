// Does one outlet report one event twice in a short time? (issue 16 suggests an outlet rule: "one
// outlet rarely reports one event twice in an hour".) Counts, on a dev split, every pair of
// articles from the same outlet by how far apart they were published, and whether the two report
// the same event. Dev only: it refuses test. It changes nothing.
// Usage: npx tsx bench/cluster/outlets.ts [--split dev|dev-a|dev-b]
// Finding (dev, news-cluster): within an hour 10 same-event pairs against 15 of two events, within
// 6 hours 7 against 10: an outlet's second report of an event within the hour is common here
// (updates, live pages), so a rule keeping them apart would cost recall; not built. ecbplus has
// no dates, allsides-leads no outlets.
import { FILES, haveData, inSplit, loadFile, rowTime, type Split } from './data.ts';

const HOURS = [1, 6, 24, 72, 24 * 14, Number.POSITIVE_INFINITY];

function main(): void {
  const arg = process.argv.includes('--split') ? process.argv[process.argv.indexOf('--split') + 1]! : 'dev';
  if (!['dev', 'dev-a', 'dev-b'].includes(arg)) throw new Error(`--split ${arg}: expected dev, dev-a or dev-b (never test)`);
  if (!haveData()) {
    console.error('bench/cluster/outlets: ../shared/bench/news-clustering is missing (the shared benchmark data); nothing to run');
    process.exitCode = 2;
    return;
  }
  console.log(`same-outlet article pairs (${arg}) by hours apart, same event / two events (undated pairs in the last column)`);
  console.log(`  file            ${HOURS.map((h) => `<=${h}`.padStart(12)).join('')}`);
  for (const file of FILES) {
    const rows = loadFile(file).filter((r) => r.source && inSplit(r.cluster, arg as Split));
    const same = HOURS.map(() => 0);
    const other = HOURS.map(() => 0);
    for (let i = 0; i < rows.length; i++) {
      for (let j = i + 1; j < rows.length; j++) {
        const [a, b] = [rows[i]!, rows[j]!];
        if (a.source !== b.source) continue;
        const [ta, tb] = [rowTime(a), rowTime(b)];
        const hours = ta && tb ? Math.abs(ta.getTime() - tb.getTime()) / 3_600_000 : Number.POSITIVE_INFINITY;
        (a.cluster === b.cluster ? same : other)[HOURS.findIndex((h) => hours <= h)]!++;
      }
    }
    console.log(`  ${file.padEnd(15)} ${same.map((n, k) => `${n}/${other[k]}`.padStart(12)).join('')}`);
  }
}

main();
