// `dateline import <file|dir|glob|url>...`: reads page dumps, saved HTML pages and single pages
// fetched by address into the store, through the one ingest (src/pipeline.ts).
import type { Command } from 'commander';
import { CliError, parseTime, settingsFrom, withStore } from '../runtime.ts';
import { progressBar } from '../progress.ts';
import type { IngestResult, PageInput } from '../../pipeline.ts';
import type { Db } from '../../store/db.ts';
import type { Fetcher } from '../../fetch/client.ts';

export interface ImportSummary {
  imported: number;
  /** Pages imported before (the same bytes): nothing to do. */
  present: number;
  /**
   * Pages new to the store that added no article: each article on them was already stored from
   * another page (a wire copy's page, an aggregator's dump listing it), in this run or an earlier one.
   */
  repeats: number;
  failed: number;
  articles: number;
  results: IngestResult[];
}

/**
 * The ingest, imported when pages are imported, not at every `dateline` start (see ./index.ts). The
 * commands load it before they open the store, as a start used to: the work follows without a pause.
 */
const loadIngest = () => Promise.all([import('../files.ts'), import('../../pipeline.ts'), import('../../store/imports.ts'), import('../../extract/clutter.ts'), import('../../extract/decode.ts'), import('../../extract/page.ts')]);

/** Imports the named files into an open store; shared by `import` and `demo`. */
export async function importPaths(
  db: Db,
  paths: string[],
  options: {
    asOf: Date | null;
    maxPageBytes: number;
    quiet?: boolean;
    print?: (line: string) => void;
    /** A reference time for one file's relative ages, over `asOf` (the demo's dumps each have theirs). */
    asOfFor?: (file: string) => Date | null | undefined;
    /** The shell's clock for the post-ingest steps (story settling); default `asOf`, else the wall clock. */
    now?: Date;
    /** Fetches the http(s) addresses among `paths` (single pages); without it they are refused. */
    fetcher?: Fetcher;
  },
): Promise<ImportSummary> {
  const print = options.print ?? ((line: string) => process.stderr.write(line + '\n'));
  const [{ expandPaths, readPageFile }, { ingestPages }, { finishImport, recordImportItem, startImport }, { buildSiteProfile }, { decodePage }, { looksLikeHtml }] = await loadIngest();
  const addresses = paths.filter((p) => /^https?:\/\//i.test(p));
  const { files, problems } = await expandPaths(paths.filter((p) => !addresses.includes(p)));
  const importId = await startImport(db);
  const results: IngestResult[] = problems.map((p) => ({
    location: p.location,
    status: 'failed',
    message: p.message,
    articleIds: [],
    newArticleIds: [],
    warnings: [],
  }));
  const inputs: PageInput[] = [];
  // Single pages by address: fetched here, then the same ingest as a saved page.
  for (const address of addresses) {
    try {
      if (!options.fetcher) throw new Error('cannot fetch pages here');
      const response = await options.fetcher.fetch(address, { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5', maxBytes: options.maxPageBytes });
      inputs.push({ location: address, bytes: response.bytes, modifiedAt: options.now ?? new Date(), url: response.url, contentType: response.contentType ?? null });
    } catch (error) {
      results.push({ location: address, status: 'failed', message: (error as Error).message, articleIds: [], newArticleIds: [], warnings: [] });
    }
  }
  for (const file of files) {
    try {
      const input = await readPageFile(file, options.maxPageBytes);
      const own = options.asOfFor?.(file);
      inputs.push(own === undefined ? input : { ...input, asOf: own });
    } catch (error) {
      results.push({ location: file, status: 'failed', message: (error as Error).message, articleIds: [], newArticleIds: [], warnings: [] });
    }
  }
  // Lines that recur across the text dumps of this batch are the aggregator's clutter.
  const dumpTexts = inputs
    .map((input) => {
      try {
        return { text: decodePage(input.bytes).text, location: input.location };
      } catch {
        return null; // extraction reports the reason for this file
      }
    })
    .filter((page): page is { text: string; location: string } => page !== null && !looksLikeHtml(page.text, page.location))
    .map((page) => page.text);
  const siteProfile = dumpTexts.length > 1 ? buildSiteProfile(dumpTexts) : undefined;
  const progress = options.quiet ? null : progressBar(inputs.length);
  const ingested = await ingestPages(db, inputs, {
    asOf: options.asOf,
    maxPageBytes: options.maxPageBytes,
    siteProfile,
    now: options.now ?? options.asOf ?? new Date(),
    onPage: (result) => progress?.tick(result.location),
  });
  progress?.done();
  results.push(...ingested);
  for (const result of results) {
    await recordImportItem(db, importId, {
      location: result.location,
      status: result.status,
      message: result.message,
      articleCount: result.newArticleIds.length,
    });
    if (result.status === 'failed') print(`${result.location}: ${result.message}`);
    for (const warning of result.warnings) print(`${result.location}: warning: ${warning}`);
  }
  const count = (status: IngestResult['status']) => results.filter((r) => r.status === status).length;
  // A page whose bytes were stored before names no article; a new page whose articles were all stored already names them.
  const repeats = results.filter((r) => r.status === 'present' && r.articleIds.length > 0).length;
  const summary = {
    imported: count('imported'),
    present: count('present') - repeats,
    repeats,
    failed: count('failed'),
    articles: results.reduce((n, r) => n + r.newArticleIds.length, 0),
    results,
  };
  // The import log counts each file by its status, as its rows (import_items) record it.
  await finishImport(db, importId, { ...summary, present: summary.present + summary.repeats });
  await db.checkpoint();
  return summary;
}

/** "3 pages whose articles were already stored from other pages". */
export function repeatsText(repeats: number): string {
  return `${repeats} ${repeats === 1 ? 'page' : 'pages'} whose articles were already stored from other pages`;
}

/** The demo's summary of one import: only the counts that happened, besides the imported and the failed. */
export function importSummaryLine(summary: Pick<ImportSummary, 'imported' | 'present' | 'repeats' | 'failed' | 'articles'>): string {
  const parts = [`${summary.imported} ${summary.imported === 1 ? 'page' : 'pages'} imported`];
  if (summary.present) parts.push(`${summary.present} already imported before`);
  if (summary.repeats) parts.push(repeatsText(summary.repeats));
  parts.push(`${summary.failed} failed`, `${summary.articles} articles added or updated`);
  return parts.join(', ');
}

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('import page dumps (.txt) and saved HTML pages from files, directories or globs, and single pages by http(s) address')
    .argument('<paths...>', 'files, directories, glob patterns or http(s) addresses')
    .option('--as-of <time>', 'reference time for relative ages such as "17 hours ago" (ISO 8601)')
    .option('--json', 'print the summary as JSON')
    .action(async (paths: string[], opts: { asOf?: string; json?: boolean }, command: Command) => {
      const settings = settingsFrom(command);
      const asOf = opts.asOf ? parseTime(opts.asOf, '--as-of') : null;
      await loadIngest();
      const fetcher = paths.some((p) => /^https?:\/\//i.test(p)) ? (await import('../../worker.ts')).fetcherFromSettings(settings) : undefined;
      const summary = await withStore(settings, (db) => importPaths(db, paths, { asOf, maxPageBytes: settings.maxPageBytes, now: asOf ?? settings.now ?? new Date(), fetcher })).finally(() => fetcher?.close());
      if (opts.json) {
        process.stdout.write(JSON.stringify({ ...summary, results: summary.results.map(({ location, status, message, articleIds }) => ({ location, status, message, articleIds })) }, null, 2) + '\n');
      } else {
        process.stdout.write(`imported ${summary.imported}, already present ${summary.present}, failed ${summary.failed}${summary.repeats ? `, ${repeatsText(summary.repeats)}` : ''} (${summary.articles} articles added or updated)\n`);
      }
      if (summary.failed) throw new CliError(`${summary.failed} of ${summary.results.length} inputs failed`, 2);
    });
}
