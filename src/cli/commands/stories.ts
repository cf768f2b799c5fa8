// `dateline stories` lists stories (or shows one with --id); `dateline recluster` rebuilds every
// story, and the near-duplicate links, from the stored articles.
import type { Command } from 'commander';
import { CliError, settingsFrom, withStore } from '../runtime.ts';
import { formatAge } from '../../web/time.ts';

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function registerStoryCommands(program: Command): void {
  program
    .command('stories')
    .description('list stories, latest first, or show one story with its articles')
    .argument('[id]', 'show this story with its articles (same as --id)')
    .option('--id <id>', 'show this story with its articles')
    .option('--min-sources <n>', 'only stories covered by at least this many sources', '1')
    .option('--limit <n>', 'how many', '30')
    .option('--json', 'print JSON')
    .action(async (idArgument: string | undefined, opts: { id?: string; minSources: string; limit: string; json?: boolean }, command: Command) => {
      const settings = settingsFrom(command);
      if (idArgument !== undefined && opts.id !== undefined && idArgument !== opts.id) {
        throw new CliError(`story ${idArgument} and --id ${opts.id}: give one story`);
      }
      opts.id ??= idArgument;
      // Read after the store is open: the database may carry the reference clock (src/clock.ts).
      const now = () => settings.now ?? new Date();
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new CliError(`--limit ${opts.limit}: expected a whole number from 1 to 500`);
      const minSources = Number(opts.minSources);
      if (!Number.isInteger(minSources) || minSources < 1) throw new CliError(`--min-sources ${opts.minSources}: expected a whole number of at least 1`);
      // What the commands run is imported when one runs (see ./index.ts).
      const [{ getStory, listStories, listStoryArticles }, { storyJson }, { sourceLabel }] = await Promise.all([import('../../store/stories.ts'), import('../../server/routes/stories.ts'), import('../../web/source-label.ts')]);
      if (opts.id !== undefined) {
        const id = Number(opts.id);
        // Named as the reader gave it: `stories abc` is the story argument, `--id abc` the option.
        const given = idArgument !== undefined ? 'story id' : '--id';
        if (!Number.isInteger(id) || id < 1) throw new CliError(`${given} ${JSON.stringify(opts.id)}: expected a positive whole number`);
        const found = await withStore(settings, async (db) => {
          const story = await getStory(db, id);
          return story ? { story, articles: await listStoryArticles(db, id) } : null;
        });
        if (!found) throw new CliError(`story ${id} does not exist`);
        if (opts.json) {
          process.stdout.write(JSON.stringify({ ...storyJson(found.story), articles: found.articles }, null, 2) + '\n');
          return;
        }
        const s = found.story;
        // The story counts its articles without their near-duplicate copies, which are listed below too.
        const copies = found.articles.filter((a) => a.duplicateOf).length;
        const counts = [plural(s.sourceCount, 'source', 'sources'), plural(s.articleCount, 'article', 'articles') + (copies ? ` and ${plural(copies, 'copy', 'copies')}` : '')];
        process.stdout.write(`${s.headline}\n${counts.join(' · ')} · ${formatAge(s.firstSeenAt, now())} to ${formatAge(s.lastSeenAt, now())}\n\n`);
        for (const a of found.articles) {
          const copy = a.duplicateOf ? `  (copy of #${a.duplicateOf}${a.similarity !== null ? `, similarity ${a.similarity}` : ''})` : '';
          process.stdout.write(`${String(a.id).padStart(6)}  ${sourceLabel(a.sourceName).slice(0, 24).padEnd(24)}  ${formatAge(a.publishedAt, now()).padEnd(16)}  ${a.title}${copy}\n`);
        }
        return;
      }
      const stories = await withStore(settings, (db) => listStories(db, { limit, minSources }));
      if (opts.json) {
        process.stdout.write(JSON.stringify(stories.map(storyJson), null, 2) + '\n');
        return;
      }
      for (const s of stories) {
        process.stdout.write(`${String(s.id).padStart(6)}  ${String(s.sourceCount).padStart(3)} src  ${String(s.articleCount).padStart(4)} art  ${formatAge(s.lastSeenAt, now()).padEnd(16)}  ${s.headline}\n`);
      }
      if (!stories.length) process.stdout.write('no stories\n');
    });

  program
    .command('recluster')
    .description('rebuild every story (and the near-duplicate links) from the stored articles, in time order')
    .option('--keep-duplicates', 'keep the near-duplicate links as they are; rebuild stories only')
    .action(async (opts: { keepDuplicates?: boolean }, command: Command) => {
      const settings = settingsFrom(command);
      const started = Date.now();
      const { rebuildStories } = await import('../../pipeline/stories.ts');
      const result = await withStore(settings, (db) =>
        rebuildStories(db, {
          dedup: !opts.keepDuplicates,
          onProgress: (done, total) => process.stderr.isTTY && process.stderr.write(`\r${done}/${total} articles`),
        }),
      );
      if (process.stderr.isTTY) process.stderr.write('\r' + ' '.repeat(40) + '\r');
      process.stdout.write(`reclustered ${result.articles} articles into ${result.stories} stories (${result.duplicates} near-duplicates) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    });
}
