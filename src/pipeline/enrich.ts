// The enrichment step's shell: loads articles, runs the pure stage (src/enrich) on each, and
// writes its entities, figures, quotes, events and summary back, one transaction per article.
// An article the stage fails on is recorded with its error and never stops the others.
import type { Db, Queryable } from '../store/db.ts';
import { candidateNames, enrichArticle, ENRICHMENT_VERSION, type ArticleEnrichment } from '../enrich/index.ts';
import {
  articlesToEnrich,
  clearEnrichment,
  dropUnmentionedEntities,
  knownPeopleAmong,
  knownPeopleIn,
  loadArticlesToEnrich,
  peopleAnsweringTo,
  saveArticleEnrichment,
  saveEnrichmentError,
  type ArticleToEnrich,
  type PersonState,
} from '../store/enrich.ts';

export interface EnrichReport {
  enriched: number;
  failed: { articleId: number; message: string }[];
}

const BATCH = 50;

type Loaded = ArticleToEnrich;

/**
 * Enriches the given articles (all of them, replacing earlier results). A batch is written in
 * one transaction (a commit per article was a third of the time); if anything in it fails, the
 * batch is redone one article per transaction, so one bad article costs only itself.
 */
export async function enrichArticles(db: Db, articleIds: number[], onArticle?: (done: number) => void): Promise<EnrichReport> {
  const report: EnrichReport = { enriched: 0, failed: [] };
  let sinceCheckpoint = 0;
  for (let i = 0; i < articleIds.length; i += BATCH) {
    const ids = articleIds.slice(i, i + BATCH);
    const articles = await loadArticlesToEnrich(db, ids);
    let together = false;
    try {
      await db.transaction(async (tx) => {
        for (const article of articles) await enrichOne(tx, article);
      });
      together = true;
    } catch {
      // Fall through: one transaction per article, recording each failure.
    }
    for (const article of articles) {
      if (!together) {
        try {
          await db.transaction((tx) => enrichOne(tx, article));
        } catch (error) {
          const message = (error as Error).message;
          report.failed.push({ articleId: article.id, message });
          await saveEnrichmentError(db, article.id, ENRICHMENT_VERSION, message).catch(() => undefined);
          onArticle?.(report.enriched + report.failed.length);
          continue;
        }
      }
      report.enriched++;
      sinceCheckpoint++;
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

async function enrichOne(tx: Queryable, article: Loaded): Promise<void> {
  const knownPeople = await knownPeopleAmong(tx, candidateNames(article.text));
  const enrichment = enrichArticle({ title: article.title, text: article.text, publishedAt: article.published_at }, { knownPeople });
  await saveArticleEnrichment(tx, article.id, enrichment, ENRICHMENT_VERSION);
}

/**
 * Enriches what this version of the stage has not seen yet; with `all`, rebuilds everything from
 * scratch: entities keep their ids, and those a better stage no longer finds disappear.
 */
export async function enrichPending(db: Db, options: { all?: boolean; onArticle?: (done: number, total: number) => void } = {}): Promise<EnrichReport & { total: number }> {
  if (options.all) await db.transaction((tx) => clearEnrichment(tx));
  const ids = await articlesToEnrich(db, ENRICHMENT_VERSION, options.all ?? false);
  const report = await enrichArticles(db, ids, (done) => options.onArticle?.(done, ids.length));
  if (options.all) await dropUnmentionedEntities(db);
  return { ...report, total: ids.length };
}

/**
 * The owed step (src/pipeline.ts), inside the caller's transaction: an article the pure stage
 * fails on is recorded with its error (and counts as done); the others are enriched.
 */
export async function enrichOwed(tx: Queryable, articleIds: number[]): Promise<void> {
  const articles = await loadArticlesToEnrich(tx, articleIds);
  // The people the batch's names may mean, read once; each save hands back the people it changed,
  // so every article judges names against the store as the articles before it left it.
  const names = articles.map((a) => candidateNames(a.text));
  const people = new Map<number, PersonState>((await peopleAnsweringTo(tx, [...new Set(names.flat())])).map((p) => [p.id, p]));
  for (const [i, article] of articles.entries()) {
    const knownPeople = knownPeopleIn(people.values(), names[i]!);
    let enrichment: ArticleEnrichment;
    try {
      enrichment = enrichArticle({ title: article.title, text: article.text, publishedAt: article.published_at }, { knownPeople });
    } catch (error) {
      await saveEnrichmentError(tx, article.id, ENRICHMENT_VERSION, (error as Error).message);
      continue;
    }
    // Read in this transaction with nothing stored for it: its save need not read and delete first.
    const fresh = article.fresh ? { publishedAt: article.published_at } : null;
    for (const p of await saveArticleEnrichment(tx, article.id, enrichment, ENRICHMENT_VERSION, fresh)) people.set(p.id, p);
  }
}

/** The post-ingest step: enrich the articles a batch added or changed. */
export async function runEnrichStep(db: Db, articleIds: number[]): Promise<void> {
  await enrichArticles(db, articleIds);
}
