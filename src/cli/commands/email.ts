// `dateline email address --user <name>` (a reader's newsletter address) and `dateline email
// digests` (send the digests due now), for operators and for deployments without a server
// process running the digest loop.
import type { Command } from 'commander';
import { CliError, settingsFrom, withStore } from '../runtime.ts';

export function registerEmailCommands(program: Command): void {
  const email = program.command('email').description('newsletters in, digests out');
  email
    .command('address')
    .description("a reader's newsletter address (made on first ask)")
    .requiredOption('--user <name>', 'whose address')
    .action(async (opts: { user: string }, command: Command) => {
      const settings = settingsFrom(command);
      // What the commands run is imported when one runs (see ./index.ts).
      const [{ getUserByName }, { ensureInbox }] = await Promise.all([import('../../store/users.ts'), import('../../store/email.ts')]);
      const local = await withStore(settings, async (db) => {
        const user = await getUserByName(db, opts.user);
        if (!user) throw new CliError(`no user named ${JSON.stringify(opts.user)}`);
        return ensureInbox(db, user.id);
      });
      process.stdout.write(`${local}@${settings.emailDomain ?? settings.smtpInHost}\n`);
      if (!settings.smtpInPort) process.stderr.write('note: the SMTP receiver is off; set DATELINE_SMTP_PORT to take newsletters\n');
    });
  email
    .command('digests')
    .description('send the digests that are due now')
    .action(async (_opts: unknown, command: Command) => {
      const settings = settingsFrom(command);
      if (!settings.smtpOutUrl) throw new CliError('DATELINE_SMTP_URL is not set: there is no SMTP server to send digests through');
      const [{ createDigestSender }, { siteUrlOf }] = await Promise.all([import('../../email/send-digests.ts'), import('../../server/routes/email.ts')]);
      const sender = createDigestSender({ smtpUrl: settings.smtpOutUrl, from: settings.mailFrom, siteUrl: siteUrlOf(settings) });
      try {
        const counts = await withStore(settings, (db) => sender.runOnce(db, new Date()));
        process.stdout.write(`sent ${counts.sent}, nothing to tell ${counts.empty}, failed ${counts.failed}\n`);
      } finally {
        sender.close();
      }
    });
}
