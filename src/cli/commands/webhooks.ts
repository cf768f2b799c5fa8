// `dateline webhooks list` (every webhook, its state and log counts) and `dateline webhooks
// deliver` (send what is owed now: once, or every few seconds with --watch), for deployments
// where no server process runs the sender.
import type { Command } from 'commander';
import { settingsFrom, withStore } from '../runtime.ts';

export function registerWebhookCommands(program: Command): void {
  const webhooks = program.command('webhooks').description('webhooks: list them, send owed deliveries');
  webhooks
    .command('list')
    .description('every webhook with its owner, events, target and state')
    .action(async (_opts: unknown, command: Command) => {
      // What the commands run is imported when one runs (see ./index.ts).
      const { listWebhooks } = await import('../../store/webhooks.ts');
      const rows = await withStore(settingsFrom(command), (db) => listWebhooks(db, 0, true));
      for (const w of rows) {
        const state = w.enabled ? 'on' : `off (${w.disabledReason ?? 'switched off'})`;
        process.stdout.write(`${String(w.id).padStart(5)}  user ${w.userId}  ${w.events.join(',')}  ${w.url}  ${state}\n`);
      }
      if (!rows.length) process.stdout.write('no webhooks\n');
    });
  webhooks
    .command('deliver')
    .description('send the deliveries owed now (and the retries that are due)')
    .option('--watch', 'keep sending every 5 seconds until stopped')
    .action(async (opts: { watch?: boolean }, command: Command) => {
      const settings = settingsFrom(command);
      const { createWebhookSender } = await import('../../webhooks/deliver.ts');
      const sender = createWebhookSender({ allowPrivateAddresses: settings.allowPrivateAddresses });
      try {
        await withStore(settings, async (db) => {
          do {
            const counts = await sender.runOnce(db, new Date());
            if (!opts.watch || counts.delivered + counts.retry + counts.failed > 0) {
              process.stdout.write(`delivered ${counts.delivered}, to retry ${counts.retry}, failed ${counts.failed}\n`);
            }
            if (opts.watch) await new Promise((resolve) => setTimeout(resolve, 5000));
          } while (opts.watch);
        });
      } finally {
        await sender.close();
      }
    });
}
