// Operating commands: `dateline config` (effective settings, secrets masked), `backup`,
// `restore` and `migrate-to` (copy the embedded database into a PostgreSQL server).
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { CliError, settingsFrom, withStore } from '../runtime.ts';
import { describeSettings } from '../../config.ts';

// What backup, restore and migrate-to run is imported when one runs (see ./index.ts).
const loadBackup = () => import('../../store/backup.ts');

const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** Values longer than this do not widen the value column: their description goes on the next line. */
const VALUE_COLUMN = 40;

/**
 * `dateline config`'s table: name, value and description each in a column of its own. A value
 * too long for its column (a server URL) keeps its line; its description follows on the next
 * line, in the description column.
 */
export function settingsTable(rows: { name: string; value: string; description: string }[]): string {
  const shown = rows.map((row) => ({ ...row, value: row.value || '(unset)' }));
  const nameWidth = Math.max(...shown.map((r) => r.name.length));
  const valueWidth = Math.max(...shown.map((r) => r.value.length).filter((n) => n <= VALUE_COLUMN));
  const lines: string[] = [];
  for (const row of shown) {
    const head = `${row.name.padEnd(nameWidth)}  ${row.value.padEnd(valueWidth)}`;
    if (row.value.length <= valueWidth) lines.push(`${head}  # ${row.description}`);
    else lines.push(head, `${''.padEnd(nameWidth + valueWidth + 2)}  # ${row.description}`);
  }
  return lines.map((line) => `${line}\n`).join('');
}

export function registerOpsCommands(program: Command): void {
  program
    .command('config')
    .description('print the effective settings (environment, DATELINE_CONFIG file, defaults), secrets masked')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }, command: Command) => {
      const rows = describeSettings(settingsFrom(command));
      if (opts.json) {
        process.stdout.write(JSON.stringify(Object.fromEntries(rows.map((r) => [r.name, r.value])), null, 2) + '\n');
        return;
      }
      process.stdout.write(settingsTable(rows));
    });

  program
    .command('backup')
    .description('write a consistent, compressed dump of the database to a file (restorable into either engine)')
    .argument('<file>', 'where to write the backup (.jsonl.gz)')
    .action(async (file: string, _opts: unknown, command: Command) => {
      const settings = settingsFrom(command);
      const { writeBackup } = await loadBackup();
      const counts = await withStore(settings, (db) => writeBackup(db, file));
      process.stdout.write(`backup written to ${file}: ${total(counts)} rows in ${Object.keys(counts).length} tables\n`);
    });

  program
    .command('restore')
    .description('load a backup into an empty database (the embedded one, or DATABASE_URL)')
    .argument('<file>', 'a file written by `dateline backup`')
    .action(async (file: string, _opts: unknown, command: Command) => {
      if (!existsSync(file)) throw new CliError(`${file}: no such file`);
      const settings = settingsFrom(command);
      const { readBackup, restoreDatabase } = await loadBackup();
      const counts = await withStore(settings, (db) =>
        restoreDatabase(db, readBackup(file), file).catch((error: Error) => {
          throw new CliError(error.message);
        }),
      );
      process.stdout.write(`restored ${total(counts)} rows in ${Object.keys(counts).length} tables from ${file}\n`);
    });

  program
    .command('migrate-to')
    .description('copy the embedded database into a PostgreSQL server (which must be empty)')
    .argument('<database-url>', 'postgres://user@host:port/database')
    .action(async (databaseUrl: string, _opts: unknown, command: Command) => {
      if (!/^postgres(ql)?:\/\//.test(databaseUrl)) throw new CliError(`${databaseUrl}: expected a postgres:// URL`);
      const settings = settingsFrom(command);
      if (settings.databaseUrl) throw new CliError('DATABASE_URL is set: migrate-to copies the embedded database; unset it');
      const [{ dumpDatabase, restoreDatabase }, { openStore }, { openDb }] = await Promise.all([loadBackup(), import('../../store/index.ts'), import('../../store/db.ts')]);
      const source = await openStore({ dataDir: settings.dataDir });
      try {
        const target = await openDb({ databaseUrl }).catch((error: Error) => {
          throw new CliError(`cannot connect to ${databaseUrl.replace(/:[^:@/]*@/, ':***@')}: ${error.message}`);
        });
        try {
          const counts = await restoreDatabase(target, dumpDatabase(source), settings.dataDir).catch((error: Error) => {
            throw new CliError(error.message);
          });
          process.stdout.write(`copied ${total(counts)} rows in ${Object.keys(counts).length} tables into the server; set DATABASE_URL to use it\n`);
        } finally {
          await target.close();
        }
      } finally {
        await source.close();
      }
    });
}
