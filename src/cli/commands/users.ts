// `dateline users`: make the first admin and manage accounts from the shell.
//   dateline users create [--admin|--moderator] <name>   (password from stdin, or a hidden prompt)
//   dateline users list | role <name> <role> | password <name>
// Passwords never come from arguments: those end up in shell history and `ps`.
import type { Command } from 'commander';
import { CliError, settingsFrom, withStore } from '../runtime.ts';
import { AccountError, createUser, listUsers, setDisabled, setPassword, setUserRole, validatePassword, validateRole, validateUsername } from '../../store/users.ts';
import { deleteUserSessions } from '../../store/sessions.ts';
import { getUserByName } from '../../store/users.ts';

/** Reads a password typed at the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  return new Promise((resolve, reject) => {
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let value = '';
    const finish = (error: Error | null) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return finish(null);
        if (ch === '\u0003' || ch === '\u0004') return finish(new CliError('cancelled', 130));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** The first line of stdin when it is piped (`echo secret | dateline users create …`). */
async function readPipedLine(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new CliError('stdin: more than 64 KB; expected the password on one line');
  }
  const line = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  if (!line) throw new CliError('stdin: empty; pipe the password on one line, or run in a terminal to be asked for it');
  return line;
}

async function readNewPassword(): Promise<string> {
  if (!process.stdin.isTTY) return readPipedLine();
  const first = await promptHidden('Password: ');
  const second = await promptHidden('Repeat password: ');
  if (first !== second) throw new CliError('the two passwords differ; nothing changed');
  return first;
}

const asCliError = (error: unknown) => (error instanceof AccountError ? new CliError(error.message) : error);

export function registerUserCommands(program: Command): void {
  const users = program.command('users').description('manage reader, moderator and admin accounts');

  users
    .command('create')
    .description('create an account; the password is read from stdin or asked for')
    .argument('<name>', 'username (3 to 32 letters, digits, dots, dashes or underscores)')
    .option('--admin', 'make the account an admin')
    .option('--moderator', 'make the account a moderator')
    .action(async (name: string, opts: { admin?: boolean; moderator?: boolean }, command: Command) => {
      if (opts.admin && opts.moderator) throw new CliError('--admin and --moderator: choose one');
      const role = opts.admin ? 'admin' : opts.moderator ? 'moderator' : 'reader';
      const settings = settingsFrom(command);
      const password = await readNewPassword();
      // Bad input is refused before the database is opened (seconds on a large one).
      try {
        validateUsername(name);
        validatePassword(password);
      } catch (error) {
        throw asCliError(error);
      }
      const user = await withStore(settings, (db) => createUser(db, { username: name, password, role })).catch((e) => {
        throw asCliError(e);
      });
      process.stdout.write(`created ${user.role} ${user.username} (id ${user.id})\n`);
    });

  users
    .command('list')
    .description('list accounts')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, command: Command) => {
      const list = await withStore(settingsFrom(command), (db) => listUsers(db));
      if (opts.json) {
        process.stdout.write(JSON.stringify(list, null, 2) + '\n');
        return;
      }
      for (const u of list) {
        process.stdout.write(`${String(u.id).padStart(5)}  ${u.username.padEnd(32)}  ${u.role.padEnd(9)}  last login ${u.lastLoginAt?.toISOString() ?? 'never'}\n`);
      }
      if (!list.length) process.stdout.write('no users\n');
    });

  users
    .command('role')
    .description("change an account's role")
    .argument('<name>', 'username')
    .argument('<role>', 'reader, moderator or admin')
    .action(async (name: string, role: string, _opts: unknown, command: Command) => {
      let newRole: ReturnType<typeof validateRole>;
      try {
        newRole = validateRole(role);
      } catch (error) {
        throw asCliError(error);
      }
      const user = await withStore(settingsFrom(command), async (db) => {
        const changed = await setUserRole(db, name, newRole);
        // A demoted moderator must not keep acting with powers in a session opened before.
        await deleteUserSessions(db, changed.id);
        return changed;
      }).catch((e) => {
        throw asCliError(e);
      });
      process.stdout.write(`${user.username} is now ${user.role} (signed out everywhere)\n`);
    });

  users
    .command('password')
    .description("set an account's password (read from stdin or asked for); ends its sessions and revokes its tokens and Fever key")
    .argument('<name>', 'username')
    .action(async (name: string, _opts: unknown, command: Command) => {
      const settings = settingsFrom(command);
      const password = await readNewPassword();
      try {
        validatePassword(password);
      } catch (error) {
        throw asCliError(error);
      }
      await withStore(settings, async (db) => {
        if (!(await getUserByName(db, name))) throw new CliError(`no user named ${JSON.stringify(name)}`);
        await setPassword(db, name, password);
      }).catch((e) => {
        throw asCliError(e);
      });
      process.stdout.write(`password changed for ${name}\n`);
    });

  for (const [verb, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    users
      .command(verb)
      .description(disabled ? 'disable an account: it cannot log in, its sessions end and its tokens and Fever key are revoked' : 'enable a disabled account again (its old tokens stay revoked)')
      .argument('<name>', 'username')
      .action(async (name: string, _opts: unknown, command: Command) => {
        const user = await withStore(settingsFrom(command), (db) => setDisabled(db, name, disabled)).catch((e) => {
          throw asCliError(e);
        });
        process.stdout.write(disabled ? `${user.username} is disabled (${user.ended.sessions} session(s) ended, ${user.ended.tokens} token(s) revoked)\n` : `${user.username} is enabled\n`);
      });
  }
}
