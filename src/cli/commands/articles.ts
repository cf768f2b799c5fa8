// `dateline articles` lists stored articles; `dateline show <id>` prints one as clean text.
import type { Command } from 'commander';
import { CliError, parseTime, settingsFrom, withStore } from '../runtime.ts';
import { formatAge } from '../../web/time.ts';

// What the commands run is imported when one runs (see ./index.ts).
const load = () => Promise.all([import('../../store/articles.ts'), import('../../server/routes/articles.ts'), import('../../web/source-label.ts')]);

export function registerArticleCommands(program: Command): void {
  program
    .command('articles')
    .description('list stored articles, latest first')
    .option('--source <name>', 'only articles from this source')
    .option('--since <time>', 'only articles published at or after this time (ISO 8601)')
    .option('--limit <n>', 'how many', '50')
    .option('--json', 'print JSON')
    .action(async (opts: { source?: string; since?: string; limit: string; json?: boolean }, command: Command) => {
      const settings = settingsFrom(command);
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new CliError(`--limit ${opts.limit}: expected a whole number from 1 to 500`);
      const since = opts.since ? parseTime(opts.since, '--since') : undefined;
      const [{ listArticles }, { articleJson }, { sourceLabel }] = await load();
      const articles = await withStore(settings, (db) => listArticles(db, { source: opts.source, since, limit }));
      if (opts.json) {
        // A listing leaves out the bodies; `dateline show --json` gives one whole.
        const listed = articles.map((article) => {
          const { text: _body, ...json } = articleJson(article);
          return json;
        });
        process.stdout.write(JSON.stringify(listed, null, 2) + '\n');
        return;
      }
      const now = settings.now ?? new Date();
      for (const a of articles) {
        process.stdout.write(
          `${String(a.id).padStart(5)}  ${sourceLabel(a.sourceName, a.canonicalUrl ?? a.url)
            .slice(0, 24)
            .padEnd(24)}  ${formatAge(a.publishedAt, now).padEnd(16)}  ${a.title}\n`,
        );
      }
      if (!articles.length) process.stdout.write('no articles\n');
    });

  program
    .command('show')
    .description('print one article as clean text')
    .argument('<id>', 'article id')
    .option('--json', 'print JSON')
    .action(async (idText: string, opts: { json?: boolean }, command: Command) => {
      const id = Number(idText);
      if (!Number.isInteger(id) || id < 1) throw new CliError(`article id ${JSON.stringify(idText)}: expected a positive whole number`);
      const settings = settingsFrom(command);
      const [{ getArticle, getArticleLinks }, { articleJson }, { sourceLabel }] = await load();
      const found = await withStore(settings, async (db) => {
        const article = await getArticle(db, id);
        return article ? { article, links: await getArticleLinks(db, id) } : null;
      });
      if (!found) throw new CliError(`article ${id} does not exist`);
      const { article, links } = found;
      if (opts.json) {
        process.stdout.write(JSON.stringify({ ...articleJson(article), links }, null, 2) + '\n');
        return;
      }
      const when = article.publishedAt ? article.publishedAt.toISOString() : 'date unknown';
      process.stdout.write(`${article.title}\n${sourceLabel(article.sourceName, article.canonicalUrl ?? article.url)}${article.byline ? ' · ' + article.byline : ''} · ${when}\n\n${article.text}\n`);
      if (links.length) {
        process.stdout.write('\nListed on its page:\n');
        for (const link of links) process.stdout.write(`  - ${link.title}${link.sourceName ? ` (${link.sourceName})` : ''}${link.relatedArticleId ? ` [#${link.relatedArticleId}]` : ''}\n`);
      }
    });
}
