// `dateline enrich [--all]` runs enrichment over stored articles (new ones, or all again);
// `dateline entities` lists people, organisations and places; `dateline ask <story> <question>`
// answers a question over a story, citing its articles.
import { clip } from '../../text/clip.ts';
import type { Command } from 'commander';
import { CliError, settingsFrom, withStore } from '../runtime.ts';
import { progressBar } from '../progress.ts';
import { QUESTION_MAX_CHARS } from '../../web/pages/enrich-panels.ts';

function positive(value: string, flag: string, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new CliError(`${flag} ${JSON.stringify(value)}: expected a whole number from 1 to ${max}`);
  return n;
}

export function registerEnrichCommands(program: Command): void {
  program
    .command('enrich')
    .description('find entities, figures, quotes, dated events and summaries in stored articles not yet enriched')
    .option('--all', 'enrich every article again')
    .option('--article <id>', 'enrich this one article')
    .action(async (opts: { all?: boolean; article?: string }, command: Command) => {
      const settings = settingsFrom(command);
      const started = Date.now();
      // What the commands run is imported when one runs (see ./index.ts).
      const [{ enrichArticles, enrichPending }, { getArticle }] = await Promise.all([import('../../pipeline/enrich.ts'), import('../../store/articles.ts')]);
      const report = await withStore(settings, async (db) => {
        if (opts.article !== undefined) {
          const id = positive(opts.article, '--article');
          if (!(await getArticle(db, id))) throw new CliError(`article ${id} does not exist`);
          return { ...(await enrichArticles(db, [id])), total: 1 };
        }
        let bar: ReturnType<typeof progressBar> | null = null;
        const result = await enrichPending(db, {
          all: opts.all,
          onArticle: (done, total) => {
            bar ??= progressBar(total);
            bar.tick(`article ${done}`);
          },
        });
        (bar as ReturnType<typeof progressBar> | null)?.done();
        return result;
      });
      const seconds = (Date.now() - started) / 1000;
      process.stdout.write(`enriched ${report.enriched} of ${report.total} article(s) in ${seconds.toFixed(1)} s${report.failed.length ? `, ${report.failed.length} failed` : ''}\n`);
      for (const f of report.failed) process.stdout.write(`  article ${f.articleId}: ${f.message}\n`);
      if (report.failed.length && !report.enriched) throw new CliError('no article could be enriched');
    });

  program
    .command('entities')
    .description('list entities (people, organisations, places), most written-about first, or show one with --id')
    .option('--kind <kind>', 'person, organisation or place')
    .option('--name <text>', 'only names containing this')
    .option('--id <id>', 'show this entity')
    .option('--limit <n>', 'how many', '30')
    .option('--json', 'print JSON')
    .action(async (opts: { kind?: string; name?: string; id?: string; limit: string; json?: boolean }, command: Command) => {
      const settings = settingsFrom(command);
      if (opts.kind && !['person', 'organisation', 'place'].includes(opts.kind)) {
        throw new CliError(`--kind ${JSON.stringify(opts.kind)}: expected person, organisation or place`);
      }
      const limit = positive(opts.limit, '--limit', 500);
      const [{ getEntity, getEntityDetail, listEntities }, { entityJson }] = await Promise.all([import('../../store/enrich.ts'), import('../../server/routes/enrich.ts')]);
      if (opts.id !== undefined) {
        const id = positive(opts.id, '--id');
        const found = await withStore(settings, async (db) => {
          const entity = await getEntity(db, id);
          return entity ? { entity, detail: await getEntityDetail(db, id) } : null;
        });
        if (!found) throw new CliError(`entity ${id} does not exist`);
        if (opts.json) {
          process.stdout.write(JSON.stringify({ entity: entityJson(found.entity), ...found.detail }, null, 2) + '\n');
          return;
        }
        const { entity, detail } = found;
        process.stdout.write(`${entity.name} (${entity.kind}${entity.code ? `, ${entity.code}` : ''}) · ${entity.articleCount} articles\n`);
        if (entity.aliases.length) process.stdout.write(`also written: ${entity.aliases.join('; ')}\n`);
        if (detail.roles.length) process.stdout.write(`roles: ${detail.roles.map((r) => `${r.role} (${r.count})`).join('; ')}\n`);
        if (detail.cooccurring.length)
          process.stdout.write(
            `seen with: ${detail.cooccurring
              .slice(0, 8)
              .map((c) => c.name)
              .join(', ')}\n`,
          );
        for (const t of detail.timeline.slice(0, 20)) process.stdout.write(`  ${t.date}  ${clip(t.sentence, 110)}\n`);
        return;
      }
      const entities = await withStore(settings, (db) => listEntities(db, { kind: opts.kind as 'person' | undefined, q: opts.name, limit }));
      if (opts.json) {
        process.stdout.write(JSON.stringify(entities.map(entityJson), null, 2) + '\n');
        return;
      }
      for (const e of entities) {
        const role = e.roles[0] ? `  (${clip(e.roles[0], 50)})` : '';
        process.stdout.write(`${String(e.id).padStart(6)}  ${e.kind.padEnd(12)}  ${String(e.articleCount).padStart(4)} art  ${e.name}${e.code ? ` [${e.code}]` : ''}${role}\n`);
      }
      if (!entities.length) process.stdout.write('no entities (run `dateline enrich` after importing)\n');
    });

  program
    .command('ask')
    .description("answer a question from a story's articles, citing them")
    .argument('<story>', 'story id')
    .argument('<question...>', 'the question')
    .option('--json', 'print JSON')
    .action(async (storyText: string, words: string[], opts: { json?: boolean }, command: Command) => {
      const storyId = positive(storyText, 'story id');
      const question = words.join(' ').trim();
      if (!question) throw new CliError('question: expected some words');
      if (question.length > QUESTION_MAX_CHARS) throw new CliError(`question: at most ${QUESTION_MAX_CHARS} characters, got ${question.length}`);
      const settings = settingsFrom(command);
      const [{ loadStoryMaterial, peopleNamed }, { llmConfig, storyAnswer }, { sourceLabel }] = await Promise.all([import('../../store/enrich.ts'), import('../../llm/story.ts'), import('../../web/source-label.ts')]);
      const answer = await withStore(settings, async (db) => {
        const material = await loadStoryMaterial(db, storyId);
        if (!material) throw new CliError(`story ${storyId} does not exist`);
        return storyAnswer(material.texts, question, llmConfig(settings), await peopleNamed(db, question));
      });
      if (opts.json) {
        process.stdout.write(JSON.stringify(answer, null, 2) + '\n');
        return;
      }
      if (answer.written) process.stdout.write(`${answer.written.text}\n\n`);
      if (!answer.found) process.stdout.write(`${answer.text}\n`);
      for (const [i, s] of answer.sentences.entries()) process.stdout.write(`[${i + 1}] ${s.text}\n    — ${sourceLabel(s.sourceName)}, article ${s.articleId}\n`);
      if (answer.fallback) process.stdout.write(`(${answer.fallback})\n`);
    });
}
