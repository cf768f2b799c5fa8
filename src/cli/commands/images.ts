// `dateline images fetch` (fetch the lead images owed now, until none is due; or every few
// seconds with --watch) and `dateline images status` (how many are stored, pending, missing,
// failed), for deployments where no server process runs the image job.
import type { Command } from 'commander';
import { settingsFrom, withStore } from '../runtime.ts';

export function registerImageCommands(program: Command): void {
  const images = program.command('images').description('lead images: fetch owed thumbnails, show counts');
  images
    .command('fetch')
    .description('fetch the lead images owed now (and the retries that are due)')
    .option('--watch', 'keep fetching every 5 seconds until stopped')
    .action(async (opts: { watch?: boolean }, command: Command) => {
      const settings = settingsFrom(command);
      // What the commands run is imported when one runs (see ./index.ts).
      const { createLeadImageJob } = await import('../../images/fetch-lead-images.ts');
      const job = createLeadImageJob({ allowPrivateAddresses: settings.allowPrivateAddresses });
      try {
        await withStore(settings, async (db) => {
          const total = { stored: 0, none: 0, retry: 0, failed: 0 };
          // Work until nothing is owed; with --watch, keep looking every 5 s.
          for (;;) {
            const counts = await job.runOnce(db, new Date());
            for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += counts[key];
            const worked = counts.stored + counts.none + counts.retry + counts.failed;
            if (worked > 0) continue;
            if (!opts.watch) break;
            await new Promise((resolve) => setTimeout(resolve, 5000));
          }
          process.stdout.write(`stored ${total.stored}, no image ${total.none}, to retry ${total.retry}, failed ${total.failed}\n`);
        });
      } finally {
        await job.close();
      }
    });
  images
    .command('status')
    .description('how many lead images are stored, pending, absent and failed')
    .action(async (_opts: unknown, command: Command) => {
      const { imageCounts } = await import('../../store/article-images.ts');
      const counts = await withStore(settingsFrom(command), (db) => imageCounts(db));
      process.stdout.write(`stored ${counts.stored}, pending ${counts.pending}, no image ${counts.none}, failed ${counts.failed}\n`);
    });
}
