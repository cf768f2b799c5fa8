// The `dateline` command line: parses arguments, runs one command, turns errors into one
// clear line and a non-zero exit status.
import { Command, CommanderError } from 'commander';
import { commandModules } from './commands/index.ts';
import { CliError } from './runtime.ts';
import { SettingError } from '../config.ts';

export function buildProgram(): Command {
  const program = new Command('dateline')
    .description('Dateline: a self-hosted news intelligence platform')
    .option('--data <dir>', 'embedded database directory (default ./data, DATELINE_DATA); ignored when DATABASE_URL is set')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');
  for (const register of commandModules) register(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit with 0; usage errors were already printed by commander.
      return error.exitCode;
    }
    if (error instanceof CliError) {
      process.stderr.write(`dateline: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof SettingError) {
      process.stderr.write(`dateline: setting ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`dateline: ${(error as Error).message ?? String(error)}\n`);
    if (process.env.DATELINE_DEBUG) console.error(error);
    return 1;
  }
}
