// The one ingest, whatever the source (saved pages, dumps, single URLs, feed entries): it runs
// the stages in order for a batch of pages (ingestPages) or a feed entry (ingestFeedEntry):
//   extract (pure) -> store (page, articles, listed links, the steps they owe) -> post-ingest
// steps (near-duplicates, stories, enrichment, webhooks), claimed from what the store says is
// owed, each loading what it needs, running its pure stage and writing the decisions back. A page already read is skipped whole;
// a page that fails is reported and never stops the others.
import type { Db, Queryable } from './store/db.ts';
import type { ExtractedPage } from './model/index.ts';
import { sha256 } from './text/hash.ts';
import { extractPage } from './extract/page.ts';
import { findPageByHash, saveArticle, storedPageHashes, saveArticleLinks, savePage, type PageRecord } from './store/articles.ts';
import { findArticleByUrl, findEntry, saveEntry, updateArticleText } from './store/feeds.ts';
import type { EntryIngest, FeedEntry, FeedEntryInput, FeedEntryPlan, FeedEntryResult } from './feeds/types.ts';
import { articleFromEntry, mergeEntryWithPage } from './feeds/entry-article.ts';
import type { SiteProfile } from './extract/clutter.ts';
import { articlesIngested, stageDuration, timeStage } from './metrics.ts';
import { dedupOwed } from './pipeline/dedup.ts';
import { clusterOwed, storyCache } from './pipeline/stories.ts';
import { DEFAULT_CLUSTER } from './cluster/config.ts';
import { DEDUP_LOCK, STORY_LOCK, lockForTransaction } from './store/locks.ts';
import { enrichOwed } from './pipeline/enrich.ts';
import { runWebhookStep } from './pipeline/webhooks.ts';
import { claimOwed, finishOwed, oweSteps, recordOwedFailure } from './store/progress.ts';
import { tidyStepTables } from './store/step-tables.ts';

export interface PageInput {
  /** A file path or URL, used in messages and stored with the page. */
  location: string;
  bytes: Uint8Array;
  modifiedAt: Date;
  url?: string | null;
  contentType?: string | null;
  /** This page's own reference time for relative ages, over the batch's `asOf`. */
  asOf?: Date | null;
}

export interface IngestOptions {
  /** Reference time for relative ages ("17 hours ago"); otherwise the page's own dates. */
  asOf: Date | null;
  maxPageBytes: number;
  siteProfile?: SiteProfile;
  onPage?: (result: IngestResult) => void;
  /** The shell's clock for the steps (story settling, webhook times); default the wall clock. */
  now?: Date;
  /** false: only store, and leave the owed steps to whoever drains next. */
  drain?: boolean;
}

export interface IngestResult {
  location: string;
  status: 'imported' | 'present' | 'failed';
  message: string | null;
  articleIds: number[];
  /** Of those, the ones this run inserted (not already stored). */
  newArticleIds: number[];
  warnings: string[];
}

/** The clock the shell hands every step: `now` is the reference time (settling, webhook times). */
export interface StepClock {
  now: Date;
}

/**
 * A post-ingest step. Storing an article owes it (table article_steps); `drainOwedSteps` claims
 * owed articles `batch` at a time and runs the step over them inside the claiming transaction,
 * so the step's writes and the end of the debt commit together. Steps must be idempotent: a
 * step redone over an article it already did changes nothing.
 */
export interface PostIngestStep {
  name: string;
  /** Articles claimed (and done) in one transaction. */
  batch: number;
  /** An advisory lock held while claiming and running: serialises the step across processes. */
  lock?: number;
  /** `db`: the database the transaction `tx` is on (for what a step keeps between its transactions). */
  run: (tx: Queryable, articleIds: number[], clock: StepClock, db: Db) => Promise<void>;
  /** Run once nothing more is owed to the step (say, settling stories at `now`). */
  afterDrain?: (db: Db, clock: StepClock) => Promise<void>;
}

/** Steps owed by every stored article, in order (a step waits for the earlier ones). Features add theirs here. */
export const postIngestSteps: PostIngestStep[] = [
  // Batch sizes: each batch costs a lock, a claim, its loads, its writes and a commit, whatever its
  // size; the decisions are those of one article at a time (test/pipeline/batch-parity.test.ts).
  { name: 'near-duplicates', batch: 100, lock: DEDUP_LOCK, run: (tx, ids) => dedupOwed(tx, ids) },
  // No settling after a drain: the step settles by the stream's own clock (src/pipeline/stories.ts).
  { name: 'stories', batch: 50, lock: STORY_LOCK, run: (tx, ids, _clock, db) => clusterOwed(tx, ids, DEFAULT_CLUSTER, storyCache(db)) },
  { name: 'enrichment', batch: 50, run: (tx, ids) => enrichOwed(tx, ids) },
  { name: 'webhooks', batch: 500, run: (tx, ids, clock) => runWebhookStep(tx, ids, clock.now) },
];

/** Failed attempts after which an article's step is left with its error rather than retried. */
export const MAX_STEP_ATTEMPTS = 3;

export interface DrainReport {
  /** Articles each step was done for. */
  done: Record<string, number>;
  /** Steps that failed, one line each (the article keeps owing them until MAX_STEP_ATTEMPTS). */
  failures: string[];
}

/**
 * Does all post-ingest work owed in the store, whoever stored the articles (this process, or one
 * killed before it got there): step by step, claimed with FOR UPDATE SKIP LOCKED, oldest first.
 */
export async function drainOwedSteps(db: Db, clock: StepClock, options: { steps?: PostIngestStep[] } = {}): Promise<DrainReport> {
  const steps = options.steps ?? postIngestSteps;
  const report: DrainReport = { done: {}, failures: [] };
  let sinceCheckpoint = 0;
  for (const [index, step] of steps.entries()) {
    const before = steps.slice(0, index).map((s) => s.name);
    report.done[step.name] = 0;
    for (;;) {
      const claim = (tx: Queryable, only?: number) => claimOwed(tx, step.name, { before, limit: only === undefined ? step.batch : 1, maxAttempts: MAX_STEP_ATTEMPTS, only });
      let ids: number[] = [];
      try {
        ids = await timeStage(step.name, () => runClaimed(db, step, clock, (tx) => claim(tx)));
      } catch {
        // Something in the batch failed: redo it one article at a time, so one costs only itself.
        ids = await redoOneByOne(db, step, clock, before, report);
        if (!ids.length) break;
        continue;
      }
      if (!ids.length) break;
      report.done[step.name] += ids.length;
      articlesIngested.inc({ stage: step.name }, ids.length);
      sinceCheckpoint += ids.length;
      // The embedded engine never checkpoints by itself: keep its WAL from growing without bound.
      if (sinceCheckpoint >= 1000) {
        await db.checkpoint();
        sinceCheckpoint = 0;
      }
    }
    await step.afterDrain?.(db, clock);
    // Every TIDY_EVERY articles of step work, the step tables' statistics and dead rows (src/store/step-tables.ts).
    const done = (workSinceTidy.get(db) ?? 0) + report.done[step.name]!;
    workSinceTidy.set(db, done >= TIDY_EVERY ? 0 : done);
    if (done >= TIDY_EVERY) {
      try {
        await tidyStepTables(db);
      } catch (error) {
        report.failures.push(`tidying the step tables: ${(error as Error).message}`);
      }
    }
  }
  return report;
}

/** Articles of step work (summed over steps) between two looks at the step tables' statistics. */
const TIDY_EVERY = 500;
const workSinceTidy = new WeakMap<Db, number>();

/** One transaction: the step's lock, a claim, the step, the debt paid. Returns the ids done. */
async function runClaimed(db: Db, step: PostIngestStep, clock: StepClock, claim: (tx: Queryable) => Promise<number[]>): Promise<number[]> {
  return db.transaction(async (tx) => {
    if (step.lock !== undefined) await lockForTransaction(tx, step.lock);
    const ids = await claim(tx);
    if (!ids.length) return ids;
    await step.run(tx, ids, clock, db);
    await finishOwed(tx, step.name, ids);
    return ids;
  });
}

async function redoOneByOne(db: Db, step: PostIngestStep, clock: StepClock, before: string[], report: DrainReport): Promise<number[]> {
  const batch = await db.transaction((tx) => claimOwed(tx, step.name, { before, limit: step.batch, maxAttempts: MAX_STEP_ATTEMPTS }));
  for (const id of batch) {
    try {
      const done = await runClaimed(db, step, clock, (tx) => claimOwed(tx, step.name, { before, limit: 1, maxAttempts: MAX_STEP_ATTEMPTS, only: id }));
      report.done[step.name] = (report.done[step.name] ?? 0) + done.length;
    } catch (error) {
      const message = (error as Error).message;
      report.failures.push(`article ${id}: ${step.name}: ${message}`);
      await recordOwedFailure(db, step.name, id, message);
    }
  }
  return batch;
}

/** Owes every step for these articles and does all work owed (for sources that store articles themselves). */
export async function runPostIngestSteps(db: Db, articleIds: number[], clock: StepClock = { now: new Date() }): Promise<DrainReport> {
  await oweSteps(
    db,
    articleIds,
    postIngestSteps.map((s) => s.name),
  );
  return drainOwedSteps(db, clock);
}

/**
 * Pages stored in one transaction: each transaction costs a BEGIN, a COMMIT (a WAL flush) and the
 * steps' owing statement whatever its size. Inside it the pages are stored one after another with
 * the same statements as one page a transaction, so every identity decision sees what the pages
 * before it stored; a batch that fails is redone one page a transaction, so one bad page costs
 * only itself (test/pipeline/store-batch-parity.test.ts).
 */
export const STORE_BATCH = 50;

export async function ingestPages(db: Db, inputs: Iterable<PageInput> | AsyncIterable<PageInput>, options: IngestOptions & { storeBatch?: number }): Promise<IngestResult[]> {
  const results: IngestResult[] = [];
  const size = options.storeBatch ?? STORE_BATCH;
  if (!Number.isInteger(size) || size < 1) throw new Error(`storeBatch ${size}: expected a positive whole number`);
  let sinceCheckpoint = 0;
  let batch: PageInput[] = [];
  const flush = async () => {
    const done = batch.length === 1 ? [await ingestOne(db, batch[0]!, options)] : await ingestBatch(db, batch, options);
    batch = [];
    for (const result of done) {
      results.push(result);
      options.onPage?.(result);
      sinceCheckpoint += result.newArticleIds.length;
    }
    // The embedded engine never checkpoints by itself: keep its WAL from growing without bound.
    if (sinceCheckpoint >= 2000) {
      await db.checkpoint();
      sinceCheckpoint = 0;
    }
  };
  for await (const input of inputs) {
    batch.push(input);
    if (batch.length >= size) await flush();
  }
  if (batch.length) await flush();
  // Whatever is owed (by this batch, or left by a run that was killed) is done now.
  if (options.drain !== false) await drainOwedSteps(db, { now: options.now ?? new Date() });
  return results;
}

/** A page read and extracted, ready to store (its hash is the page's identity). */
interface Extracted {
  input: PageInput;
  pageHash: string;
  page: ExtractedPage;
}

/** Reads a page's bytes into its articles, or says why it cannot. */
function extractInput(input: PageInput, pageHash: string, options: IngestOptions): Extracted | string {
  try {
    const endExtract = stageDuration.startTimer({ stage: 'extract' });
    const page = extractPage({
      bytes: input.bytes,
      location: input.location,
      modifiedAt: input.modifiedAt,
      asOf: input.asOf !== undefined ? input.asOf : options.asOf,
      url: input.url ?? null,
      contentType: input.contentType ?? undefined,
      siteProfile: options.siteProfile,
      maxBytes: options.maxPageBytes,
    });
    endExtract();
    articlesIngested.inc({ stage: 'extract' }, 1 + page.related.length);
    return { input, pageHash, page };
  } catch (error) {
    return (error as Error).message;
  }
}

const baseResult = (input: PageInput): IngestResult => ({ location: input.location, status: 'failed', message: null, articleIds: [], newArticleIds: [], warnings: [] });

/**
 * Several pages: the pages already read found in one statement, the others extracted, then
 * stored in one transaction in input order with the steps they owe in one statement; if that
 * transaction fails, each page is stored again in a transaction of its own (ingestOne).
 */
async function ingestBatch(db: Db, inputs: PageInput[], options: IngestOptions): Promise<IngestResult[]> {
  const results: (IngestResult | null)[] = inputs.map(() => null);
  const hashes = inputs.map((input) => sha256(input.bytes));
  let known: Set<string>;
  try {
    known = await storedPageHashes(db, hashes);
  } catch (error) {
    return inputs.map((input) => ({ ...baseResult(input), message: `could not store: ${(error as Error).message}` }));
  }
  const todo: { at: number; extracted: Extracted }[] = [];
  for (const [at, input] of inputs.entries()) {
    if (known.has(hashes[at]!)) {
      results[at] = { ...baseResult(input), status: 'present', message: 'already imported' };
      continue;
    }
    const extracted = extractInput(input, hashes[at]!, options);
    if (typeof extracted === 'string') results[at] = { ...baseResult(input), message: extracted };
    else todo.push({ at, extracted });
  }
  if (todo.length) {
    try {
      const stored = await timeStage('store', () =>
        db.transaction(async (tx) => {
          const done: IngestResult[] = [];
          for (const { extracted } of todo) done.push(await storeExtracted(tx, extracted));
          // The steps are owed in the same transaction that stores the articles: nothing is stored un-owed.
          await oweSteps(
            tx,
            done.flatMap((r) => r.newArticleIds),
            postIngestSteps.map((s) => s.name),
          );
          return done;
        }),
      );
      for (const [i, { at }] of todo.entries()) results[at] = stored[i]!;
    } catch {
      // Something in the batch failed: each page again in its own transaction, so one costs only itself.
      for (const { at } of todo) results[at] = await ingestOne(db, inputs[at]!, options);
    }
  }
  return results.map((r) => r!);
}

async function ingestOne(db: Db, input: PageInput, options: IngestOptions): Promise<IngestResult> {
  const base = baseResult(input);
  const pageHash = sha256(input.bytes);
  try {
    if (await findPageByHash(db, pageHash)) return { ...base, status: 'present', message: 'already imported' };
    const extracted = extractInput(input, pageHash, options);
    if (typeof extracted === 'string') return { ...base, message: extracted };
    return await timeStage('store', () =>
      db.transaction(async (tx) => {
        const result = await storeExtracted(tx, extracted);
        // The steps are owed in the same transaction that stores the articles: nothing is stored un-owed.
        await oweSteps(
          tx,
          result.newArticleIds,
          postIngestSteps.map((s) => s.name),
        );
        return result;
      }),
    );
  } catch (error) {
    return { ...base, status: 'failed', message: `could not store: ${(error as Error).message}` };
  }
}

/** Stores one extracted page and its articles and links inside the caller's transaction (the steps they owe are the caller's). */
async function storeExtracted(tx: Queryable, { input, pageHash, page }: Extracted): Promise<IngestResult> {
  const base = baseResult(input);
  const stored = await savePage(tx, {
    location: input.location,
    kind: page.kind,
    contentHash: pageHash,
    byteSize: input.bytes.byteLength,
    charset: null,
  });
  if (stored.existed) return { ...base, status: 'present' as const, message: 'already imported' };
  const ids: number[] = [];
  const fresh: number[] = [];
  const main = await saveArticle(tx, page.main, stored.id);
  ids.push(main.id);
  if (main.status !== 'present') fresh.push(main.id);
  const relatedIds: number[] = [];
  for (const related of page.related) {
    const saved = await saveArticle(tx, related, stored.id);
    relatedIds.push(saved.id);
    ids.push(saved.id);
    if (saved.status !== 'present') fresh.push(saved.id);
  }
  await saveArticleLinks(
    tx,
    main.id,
    page.links.map((link) => ({
      position: link.position,
      title: link.title,
      sourceName: link.sourceName,
      url: link.url,
      relatedArticleId: link.articleIndex === null ? null : (relatedIds[link.articleIndex] ?? null),
    })),
    main.status === 'inserted',
  );
  return {
    ...base,
    status: fresh.length ? ('imported' as const) : ('present' as const),
    message: fresh.length ? null : 'its articles were already stored',
    articleIds: ids,
    newArticleIds: fresh,
    warnings: page.warnings,
  };
}

/** A fingerprint of what the feed says about an entry: an entry whose fingerprint changed is stored again. */
export const feedEntryHash = (entry: FeedEntry) => sha256(JSON.stringify([entry.title, entry.url, entry.summaryHtml, entry.contentHtml, entry.updatedAt?.toISOString() ?? null]));

/**
 * Before fetching anything: an entry stored before and unchanged needs nothing ('unchanged');
 * one whose page another feed (or an import) already brought is pointed at that article
 * ('linked'); otherwise it is to be ingested, with the article an earlier poll made of it.
 */
export async function planFeedEntry(db: Db, feedId: number, entry: FeedEntry): Promise<FeedEntryPlan> {
  const entryHash = feedEntryHash(entry);
  const existing = await findEntry(db, feedId, entry.guid);
  // Unchanged and complete: nothing to do. An entry whose page failed last time is tried again.
  if (existing && existing.entryHash === entryHash && existing.articleId !== null && existing.problem === null) {
    return { status: 'unchanged', articleId: existing.articleId, problem: null };
  }
  if (!existing && entry.url) {
    const known = await findArticleByUrl(db, entry.url);
    if (known !== null) {
      await saveEntry(db, { ...entryRecord(feedId, entry), articleId: known, problem: null });
      return { status: 'linked', articleId: known, problem: null };
    }
  }
  return { status: 'ingest', previousArticleId: existing?.articleId ?? null };
}

/**
 * The ingest of a feed entry: its article (the entry merged with its page, src/feeds/entry-article.ts),
 * the page, the entry's row and the steps the article owes, in one transaction.
 */
export async function ingestFeedEntry(db: Db, input: FeedEntryInput, options: { maxPageBytes: number; now: Date }): Promise<FeedEntryResult> {
  const { entry } = input;
  const fromEntry = articleFromEntry(entry, input.sourceName);
  let article = fromEntry;
  let page: PageRecord | null = null;
  let reason = input.pageProblem;
  if (input.page) {
    try {
      const extracted = extractPage({
        bytes: input.page.bytes,
        location: input.page.url,
        modifiedAt: options.now,
        asOf: null,
        url: input.page.url,
        contentType: input.page.contentType ?? undefined,
        maxBytes: options.maxPageBytes,
      });
      article = mergeEntryWithPage(entry, fromEntry, extracted.main);
      page = { location: input.page.url, kind: extracted.kind, contentHash: sha256(input.page.bytes), byteSize: input.page.bytes.byteLength, charset: null };
    } catch (error) {
      reason = `page ${entry.url}: ${(error as Error).message}`;
    }
  }
  // The entry is not lost when its page cannot be read: its summary is stored, with the reason.
  if (reason !== null && !fromEntry.text) throw new Error(`no text in the feed and ${reason}`);
  const problem = reason === null ? null : `stored the feed's summary: ${reason}`;
  return db.transaction(async (tx) => {
    const pageId = page ? (await savePage(tx, page)).id : null;
    const saved = input.previousArticleId ? await updateArticleText(tx, input.previousArticleId, article, pageId) : await saveArticle(tx, article, pageId);
    await saveEntry(tx, { ...entryRecord(input.feedId, entry), articleId: saved.id, problem });
    if (saved.status !== 'present')
      await oweSteps(
        tx,
        [saved.id],
        postIngestSteps.map((s) => s.name),
      );
    return { status: saved.status, articleId: saved.id, problem };
  });
}

const entryRecord = (feedId: number, entry: FeedEntry) => ({
  feedId,
  guid: entry.guid,
  url: entry.url,
  title: entry.title,
  entryHash: feedEntryHash(entry),
  publishedAt: entry.publishedAt,
  authors: entry.authors,
  categories: entry.categories,
  enclosures: entry.enclosures,
});

/** The ingest a feed poll hands its entries to; `finish` has the owed steps done (by `drain`, else at once). */
export function feedEntryIngest(db: Db, options: { maxPageBytes: number; now: () => Date; drain?: () => Promise<void> }): EntryIngest {
  return {
    plan: (feedId, entry) => planFeedEntry(db, feedId, entry),
    store: (input, now) => ingestFeedEntry(db, input, { maxPageBytes: options.maxPageBytes, now }),
    finish: async () => {
      if (options.drain) await options.drain();
      else await drainOwedSteps(db, { now: options.now() });
    },
  };
}
