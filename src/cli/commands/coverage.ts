// `dateline coverage show <story>` (how outlets covered a story) and `dateline coverage import
// <file.csv>` (per-source country, language, owner and lean from an admin's CSV).
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CliError, settingsFrom, withStore } from '../runtime.ts';
import type { readMetadataCsv } from '../../coverage/metadata.ts';

export function registerCoverageCommands(program: Command): void {
  const coverage = program.command('coverage').description('how outlets covered a story; source metadata');
  coverage
    .command('show')
    .description('outlets of a story, the headline words only each used, the split by lean')
    .argument('<story>', 'story id')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }, command: Command) => {
      const storyId = Number(id);
      if (!Number.isInteger(storyId) || storyId < 1) throw new CliError(`story: ${JSON.stringify(id)} is not a story id`);
      // What the commands run is imported when one runs (see ./index.ts).
      const [{ getStory }, { storyCoverageInput }, { compareCoverage }] = await Promise.all([import('../../store/stories.ts'), import('../../store/source-metadata.ts'), import('../../coverage/compare.ts')]);
      const result = await withStore(settingsFrom(command), async (db) => {
        const story = await getStory(db, storyId);
        if (!story) throw new CliError(`story ${storyId} does not exist`);
        return { story, comparison: compareCoverage(await storyCoverageInput(db, storyId)) };
      });
      if (opts.json) return void process.stdout.write(JSON.stringify(result.comparison, null, 2) + '\n');
      const { comparison } = result;
      process.stdout.write(
        `${result.story.headline}\n${comparison.outlets.length} outlets; by lean: left ${comparison.leanSplit.left}, centre ${comparison.leanSplit.centre}, right ${comparison.leanSplit.right}, no label ${comparison.leanSplit.unlabelled}\n`,
      );
      if (comparison.oneSide) process.stdout.write(`covered by one side only: ${comparison.oneSide}\n`);
      for (const outlet of comparison.outlets) {
        process.stdout.write(`\n${outlet.name}${outlet.facts.lean ? ` [${outlet.facts.lean}]` : ''}\n`);
        for (const a of outlet.articles) process.stdout.write(`  ${a.title}\n`);
        if (outlet.uniqueWords.length) process.stdout.write(`  only here: ${outlet.uniqueWords.join(', ')}\n`);
      }
    });
  coverage
    .command('import')
    .description('set source metadata from a CSV with a header row: source,country,language,owner,lean')
    .argument('<file>', 'the CSV file')
    .action(async (file: string, _opts: unknown, command: Command) => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        throw new CliError(`${file}: ${(error as Error).message}`);
      }
      const [{ MetadataInputError, readMetadataCsv }, { importSourceFacts }] = await Promise.all([import('../../coverage/metadata.ts'), import('../../store/source-metadata.ts')]);
      let reading: ReturnType<typeof readMetadataCsv>;
      try {
        reading = readMetadataCsv(text);
      } catch (error) {
        if (error instanceof MetadataInputError) throw new CliError(`${file}: ${error.message}`);
        throw error;
      }
      const { applied, unknown } = await withStore(settingsFrom(command), (db) => importSourceFacts(db, reading.rows));
      const problems = [...reading.errors, ...unknown.map((u) => ({ line: u.line, message: `${u.source}: no such source` }))].sort((a, b) => a.line - b.line);
      for (const p of problems) process.stderr.write(`${file}:${p.line}: ${p.message}\n`);
      process.stdout.write(`applied ${applied} row${applied === 1 ? '' : 's'}, ${problems.length} not applied\n`);
      if (problems.length) throw new CliError(`${problems.length} row${problems.length === 1 ? '' : 's'} of ${file} not applied (see above)`);
    });
}
