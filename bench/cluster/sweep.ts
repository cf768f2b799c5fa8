// Trying settings on dev: B-cubed F1 per file on dev, dev-a and dev-b for each setting given,
// beside the current configuration, in one run. Dev only: it refuses test.
// Usage: npx tsx bench/cluster/sweep.ts [--files ecbplus] "story.settleThreshold=0.12" "story.joinThreshold=0.45,story.settleThreshold=0.12" ...
import { DEFAULT_CLUSTER } from '../../src/cluster/online.ts';
import { FILES, haveData, inSplit, loadFile } from './data.ts';
import { runFile, withSettings } from './run.ts';

const SWEEP_SPLITS = ['dev', 'dev-a', 'dev-b'] as const;

async function main(): Promise<void> {
  if (!haveData()) {
    console.error('bench/cluster/sweep: ../shared/bench/news-clustering is missing; nothing to run');
    process.exitCode = 2;
    return;
  }
  const args = process.argv.slice(2);
  const filesAt = args.indexOf('--files');
  const files = filesAt >= 0 ? args[filesAt + 1]!.split(',') : [...FILES];
  const variants = ['', ...args.filter((_, i) => filesAt < 0 || (i !== filesAt && i !== filesAt + 1))];
  const data = files.map((f) => ({ file: f, rows: loadFile(f) }));
  console.log(`setting | ${data.map((d) => SWEEP_SPLITS.map((s) => `${d.file.slice(0, 8)}:${s}`).join(' ')).join(' | ')}`);
  for (const variant of variants) {
    const config = withSettings(DEFAULT_CLUSTER, variant ? variant.split(',') : []);
    const cells: string[] = [];
    for (const { rows } of data) {
      const parts: string[] = [];
      for (const split of SWEEP_SPLITS) {
        const run = await runFile(
          rows.filter((r) => inSplit(r.cluster, split)),
          config,
        );
        parts.push(`${run.scores.bcubed.f1.toFixed(3)}${split === 'dev' ? `(${(run.shape.mixedShare * 100).toFixed(0)}%)` : ''}`);
      }
      cells.push(parts.join(' '));
    }
    console.log(`${variant || 'current'} | ${cells.join(' | ')}`);
  }
}

await main();
