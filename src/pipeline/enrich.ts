// The enrichment step's shell: loads articles, runs the pure stage (src/enrich) on each, and
// writes its entities, figures, quotes, events and summary back, one transaction per article.
// An article the stage fails on is recorded with its error and never stops the others.
import type { Db } from '../store/db.ts';
import { candidateNames, enrichArticle, ENRICHMENT_VERSION } from '../enrich/index.ts';
import { articlesToEnrich, knownPeopleAmong, saveArticleEnrichment, saveEnrichmentError } from '../store/enrich.ts';

export interface EnrichReport {
  enriched: number;
  failed: { articleId: number; message: string }[];
}

const BATCH = 50;

/** Enriches the given articles (all of them, replacing earlier results). */
export async function enrichArticles(db: Db, articleIds: number[], onArticle?: (done: number) => void): Promise<EnrichReport> {
  const report: EnrichReport = { enriched: 0, failed: [] };
  let sinceCheckpoint = 0;
  for (let i = 0; i < articleIds.length; i += BATCH) {
    const ids = articleIds.slice(i, i + BATCH);
    const articles = await db.query<{ id: number; title: string; text: string; published_at: Date | null }>(
      'SELECT id, title, text, published_at FROM articles WHERE id = ANY($1::bigint[]) ORDER BY id',
      [ids],
    );
    for (const article of articles) {
      try {
        const knownPeople = await knownPeopleAmong(db, candidateNames(article.text));
        const enrichment = enrichArticle({ title: article.title, text: article.text, publishedAt: article.published_at }, { knownPeople });
        await db.transaction((tx) => saveArticleEnrichment(tx, article.id, enrichment, ENRICHMENT_VERSION));
        report.enriched++;
        sinceCheckpoint++;
      } catch (error) {
        const message = (error as Error).message;
        report.failed.push({ articleId: article.id, message });
        await saveEnrichmentError(db, article.id, ENRICHMENT_VERSION, message).catch(() => undefined);
      }
      onArticle?.(report.enriched + report.failed.length);
    }
    // Each article writes dozens of rows: keep the embedded engine's WAL in check.
    if (sinceCheckpoint >= 500) {
      await db.checkpoint();
      sinceCheckpoint = 0;
    }
  }
  return report;
}

/** Enriches what this version of the stage has not seen yet (or everything, with `all`). */
export async function enrichPending(db: Db, options: { all?: boolean; onArticle?: (done: number, total: number) => void } = {}): Promise<EnrichReport & { total: number }> {
  const ids = await articlesToEnrich(db, ENRICHMENT_VERSION, options.all ?? false);
  const report = await enrichArticles(db, ids, (done) => options.onArticle?.(done, ids.length));
  return { ...report, total: ids.length };
}

/** The post-ingest step: enrich the articles a batch added or changed. */
export async function runEnrichStep(db: Db, articleIds: number[]): Promise<void> {
  await enrichArticles(db, articleIds);
}
