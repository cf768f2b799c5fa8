// `dateline search` (full-text search from the shell), `dateline watches …` (saved searches)
// and `dateline tokens …` (personal API tokens, and the Fever key reader apps log in with).
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { CliError, settingsFrom, withStore } from '../runtime.ts';
import type { Db } from '../../store/db.ts';
import { parseSearch, SearchInputError, type SearchParams } from '../../search/options.ts';
import { formatQuery } from '../../search/query.ts';
import { createWatch, deleteWatch, getWatch, listWatches, watchSearch } from '../../store/watches.ts';
import { createApiToken, listApiTokens, revokeApiToken, setFeverPassword } from '../../store/api-tokens.ts';
import { getUserByName } from '../../store/users.ts';
import { formatAge } from '../../web/time.ts';
import type { SearchResult } from '../../store/search.ts';

// The search itself and the source labels (which read page addresses with the extraction code) are
// imported when a search runs: `dateline --help` and the other commands skip them (see ./index.ts).
const searchArticles: typeof import('../../store/search.ts').searchArticles = async (...args) => (await import('../../store/search.ts')).searchArticles(...args);

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Snippets carry <mark>; on a terminal the matches are shown between ‹ ›. */
const plain = (html: string) =>
  html
    .replace(/<mark>/g, '‹')
    .replace(/<\/mark>/g, '›')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

async function printResult(result: SearchResult, now: Date): Promise<void> {
  const { sourceLabel } = await import('../../web/source-label.ts');
  if (result.total !== null) process.stdout.write(`${result.total} match${result.total === 1 ? '' : 'es'}\n`);
  for (const hit of result.hits) {
    process.stdout.write(`${String(hit.id).padStart(7)}  ${sourceLabel(hit.sourceName).slice(0, 22).padEnd(22)}  ${formatAge(hit.publishedAt, now).padEnd(14)}  ${plain(hit.titleHtml)}\n`);
    process.stdout.write(`         ${plain(hit.snippetHtml).replace(/\s+/g, ' ').slice(0, 200)}\n`);
  }
  for (const [facet, counts] of Object.entries(result.facets)) {
    if (!counts?.length) continue;
    process.stdout.write(`\nby ${facet}: ${counts.map((c) => `${c.label} (${c.count})`).join(', ')}\n`);
  }
  if (!result.hits.length) process.stdout.write('no matches\n');
  if (result.nextCursor) process.stdout.write(`\nmore: --cursor ${result.nextCursor}\n`);
}

async function userNamed(db: Db, username: string) {
  const user = await getUserByName(db, username);
  if (!user) throw new CliError(`no user named ${JSON.stringify(username)} (create one with dateline users create)`);
  return user;
}

async function readSecret(prompt: string): Promise<string> {
  // A password on the command line would stay in the shell's history: read it from stdin.
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: false });
  if (process.stdin.isTTY) process.stderr.write(prompt);
  const line = await new Promise<string>((resolve) => rl.once('line', resolve).once('close', () => resolve('')));
  rl.close();
  return line.trim();
}

/** A search input error named as the reader typed it: the query itself, or the --option (the API's field names are q, from, …). */
const asCliError = (error: unknown, query?: string) => {
  if (!(error instanceof SearchInputError)) return error;
  const what = error.message.slice(error.field.length + 2);
  if (error.field === 'q') return new CliError(query === undefined ? `query: ${what}` : `query ${JSON.stringify(query)}: ${what}`);
  return new CliError(`--${error.field}${what.startsWith(' ') ? '' : ': '}${what}`);
};

export function registerSearchCommands(program: Command): void {
  program
    .command('search')
    .description('full-text search: words, "phrases", -excluded, OR, AND, NOT, (parentheses); put -- before a query that starts with -word')
    .argument('<query...>', 'what to look for')
    .option('--source <name>', 'only this source (repeatable)', collect)
    .option('--from <date>', 'published on or after (2025-08-12 or ISO 8601)')
    .option('--to <date>', 'published before (a date alone includes that day)')
    .option('--language <code>', 'only this language (en, zh, ja, ko, …)')
    .option('--entity <id or name>', 'only articles mentioning this entity (repeatable)', collect)
    .option('--story <id>', 'only articles of this story')
    .option('--sort <order>', 'relevance or time', 'relevance')
    .option('--limit <n>', 'how many', '20')
    .option('--cursor <cursor>', 'the next page, as printed by the previous one')
    .option('--facets', 'also count matches by source, day and entity')
    .option('--json', 'print JSON')
    .action(async (words: string[], opts: Record<string, unknown>, command: Command) => {
      const settings = settingsFrom(command);
      const params: SearchParams = {
        q: words.join(' '),
        source: opts.source as string[] | undefined,
        from: opts.from as string | undefined,
        to: opts.to as string | undefined,
        language: opts.language as string | undefined,
        entity: opts.entity as string[] | undefined,
        story: opts.story as string | undefined,
        sort: opts.sort as string,
        limit: opts.limit as string,
        cursor: opts.cursor as string | undefined,
        facets: opts.facets ? 'source,day,entity' : undefined,
      };
      let options: ReturnType<typeof parseSearch>;
      try {
        options = parseSearch(params);
      } catch (error) {
        throw asCliError(error, params.q);
      }
      const result = await withStore(settings, (db) => searchArticles(db, options).catch((e) => Promise.reject(asCliError(e, params.q))));
      if (opts.json) {
        process.stdout.write(JSON.stringify({ query: formatQuery(options.query), ...result }, null, 2) + '\n');
        return;
      }
      await printResult(result, settings.now ?? new Date());
    });

  const watches = program.command('watches').description('saved searches and their feeds');
  watches
    .command('list')
    .description("a user's watches and their feed addresses")
    .requiredOption('--user <name>', 'whose watches')
    .action(async (opts: { user: string }, command: Command) => {
      const rows = await withStore(settingsFrom(command), async (db) => listWatches(db, (await userNamed(db, opts.user)).id));
      for (const w of rows) process.stdout.write(`${String(w.id).padStart(5)}  ${w.name}  [${w.query}]  /feed/watches/${w.feedKey}.atom\n`);
      if (!rows.length) process.stdout.write('no watches\n');
    });
  watches
    .command('add')
    .description('save a search, e.g. dateline watches add --user ana "tariff AND Korea"')
    .argument('<query...>', 'the search (boolean AND/OR/NOT or web-search syntax)')
    .requiredOption('--user <name>', 'whose watch')
    .option('--name <name>', 'what to call it (default: the query)')
    .option('--source <name>', 'only this source (repeatable)', collect)
    .option('--language <code>', 'only this language')
    .action(async (words: string[], opts: { user: string; name?: string; source?: string[]; language?: string }, command: Command) => {
      const watch = await withStore(settingsFrom(command), async (db) => {
        const user = await userNamed(db, opts.user);
        return createWatch(db, user.id, { query: words.join(' '), name: opts.name, source: opts.source, language: opts.language }).catch((e) => Promise.reject(asCliError(e)));
      });
      process.stdout.write(`watch ${watch.id} saved; feeds: /feed/watches/${watch.feedKey}.atom and .json\n`);
    });
  watches
    .command('show')
    .description("a watch's latest matches")
    .argument('<id>', 'watch id')
    .requiredOption('--user <name>', 'whose watch')
    .action(async (idText: string, opts: { user: string }, command: Command) => {
      const settings = settingsFrom(command);
      const result = await withStore(settings, async (db) => {
        const watch = await getWatch(db, (await userNamed(db, opts.user)).id, Number(idText));
        if (!watch) throw new CliError(`watch ${idText} does not exist for ${opts.user}`);
        return searchArticles(db, watchSearch(watch));
      });
      await printResult(result, settings.now ?? new Date());
    });
  watches
    .command('remove')
    .argument('<id>', 'watch id')
    .requiredOption('--user <name>', 'whose watch')
    .action(async (idText: string, opts: { user: string }, command: Command) => {
      const removed = await withStore(settingsFrom(command), async (db) => deleteWatch(db, (await userNamed(db, opts.user)).id, Number(idText) || 0));
      if (!removed) throw new CliError(`watch ${idText} does not exist for ${opts.user}`);
      process.stdout.write(`watch ${idText} removed\n`);
    });

  const tokens = program.command('tokens').description('personal API tokens and the Fever key, per user');
  tokens
    .command('create')
    .description('issue a personal API token (Authorization: Bearer …; also a Google Reader app password)')
    .argument('<user>', 'username')
    .option('--name <name>', 'what the token is for', '')
    .action(async (username: string, opts: { name: string }, command: Command) => {
      const token = await withStore(settingsFrom(command), async (db) => createApiToken(db, (await userNamed(db, username)).id, { name: opts.name }));
      process.stdout.write(`${token.token}\n`);
      process.stderr.write(`token ${token.id} for ${username}: shown once, keep it safe\n`);
    });
  tokens
    .command('list')
    .argument('<user>', 'username')
    .action(async (username: string, _opts: unknown, command: Command) => {
      const rows = await withStore(settingsFrom(command), async (db) => listApiTokens(db, (await userNamed(db, username)).id));
      for (const t of rows) {
        process.stdout.write(`${String(t.id).padStart(5)}  ${t.kind.padEnd(7)}  ${(t.name || '-').padEnd(24)}  created ${t.createdAt.toISOString()}  last used ${t.lastUsedAt?.toISOString() ?? 'never'}\n`);
      }
      if (!rows.length) process.stdout.write('no tokens\n');
    });
  tokens
    .command('revoke')
    .argument('<user>', 'username')
    .argument('<id>', 'token id (from tokens list)')
    .action(async (username: string, idText: string, _opts: unknown, command: Command) => {
      const done = await withStore(settingsFrom(command), async (db) => revokeApiToken(db, (await userNamed(db, username)).id, Number(idText) || 0));
      if (!done) throw new CliError(`no live token ${idText} for ${username}`);
      process.stdout.write(`token ${idText} revoked\n`);
    });
  tokens
    .command('fever')
    .description('set the password Fever apps log in with (read from stdin); they send md5("user:password")')
    .argument('<user>', 'username')
    .action(async (username: string, _opts: unknown, command: Command) => {
      const password = await readSecret(`Fever password for ${username}: `);
      if (password.length < 8) throw new CliError('the Fever password needs at least 8 characters');
      await withStore(settingsFrom(command), async (db) => setFeverPassword(db, await userNamed(db, username), password));
      process.stdout.write(`Fever key set for ${username}: log in with username ${username} and that password at /fever/\n`);
    });
}
