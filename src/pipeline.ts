// The one place that runs the stages in order for a batch of pages:
//   extract (pure) -> store (page, articles, listed links) -> post-ingest steps
// (near-duplicates, stories, enrichment), each of which loads what it needs from the store,
// runs its pure stage and writes the decisions back. A page already read is skipped whole;
// a page that fails is reported and never stops the others.
import type { Db } from './store/db.ts';
import type { ExtractedPage } from './model/index.ts';
import { sha256 } from './text/hash.ts';
import { extractPage } from './extract/page.ts';
import { findPageByHash, saveArticle, saveArticleLinks, savePage } from './store/articles.ts';
import type { SiteProfile } from './extract/clutter.ts';
import { articlesIngested, stageDuration, timeStage } from './metrics.ts';
import { runDedupStep } from './pipeline/dedup.ts';
import { runStoryStep } from './pipeline/stories.ts';
import { runEnrichStep } from './pipeline/enrich.ts';
import { runWebhookStep } from './pipeline/webhooks.ts';

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

/** A step run after a batch is stored, with the ids of the articles the batch added or changed. */
export type PostIngestStep = (db: Db, articleIds: number[]) => Promise<void>;

/** Steps run after every ingested batch, in order. Features add theirs here. */
export const postIngestSteps: { name: string; run: PostIngestStep }[] = [
  { name: 'near-duplicates', run: runDedupStep },
  { name: 'stories', run: runStoryStep },
  { name: 'enrichment', run: runEnrichStep },
  { name: 'webhooks', run: (db, ids) => runWebhookStep(db, ids) },
];

export async function ingestPages(db: Db, inputs: Iterable<PageInput> | AsyncIterable<PageInput>, options: IngestOptions): Promise<IngestResult[]> {
  const results: IngestResult[] = [];
  const changed: number[] = [];
  let sinceCheckpoint = 0;
  for await (const input of inputs) {
    const result = await ingestOne(db, input, options);
    results.push(result);
    options.onPage?.(result);
    changed.push(...result.newArticleIds);
    sinceCheckpoint += result.newArticleIds.length;
    // The embedded engine never checkpoints by itself: keep its WAL from growing without bound.
    if (sinceCheckpoint >= 2000) {
      await db.checkpoint();
      sinceCheckpoint = 0;
    }
  }
  if (changed.length) await runPostIngestSteps(db, changed);
  return results;
}

export async function runPostIngestSteps(db: Db, articleIds: number[]): Promise<void> {
  for (const step of postIngestSteps) {
    await timeStage(step.name, () => step.run(db, articleIds));
    articlesIngested.inc({ stage: step.name }, articleIds.length);
  }
}

async function ingestOne(db: Db, input: PageInput, options: IngestOptions): Promise<IngestResult> {
  const base = { location: input.location, articleIds: [], newArticleIds: [], warnings: [] };
  const pageHash = sha256(input.bytes);
  try {
    if (await findPageByHash(db, pageHash)) return { ...base, status: 'present', message: 'already imported' };
    let page: ExtractedPage;
    try {
      const endExtract = stageDuration.startTimer({ stage: 'extract' });
      page = extractPage({
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
    } catch (error) {
      return { ...base, status: 'failed', message: (error as Error).message };
    }
    return await timeStage('store', () => db.transaction(async (tx) => {
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
      );
      return {
        ...base,
        status: fresh.length ? ('imported' as const) : ('present' as const),
        message: fresh.length ? null : 'its articles were already stored',
        articleIds: ids,
        newArticleIds: fresh,
        warnings: page.warnings,
      };
    }));
  } catch (error) {
    return { ...base, status: 'failed', message: `could not store: ${(error as Error).message}` };
  }
}
