// The near-duplicate step's shell: for the new articles, in time order, look their LSH band keys up
// in the store, run the pure decision, and link each to its original. The original of a family is
// its earliest article: a copy read before its original hands the family over when it arrives.
import type { Db, Queryable } from '../store/db.ts';
import { decideDuplicate, fingerprint, DEFAULT_DEDUP, type DedupCandidate, type DedupConfig, type DedupFingerprint } from '../dedup/near-duplicate.ts';
import { articlesForDedup, findBatchCandidates, handOverCopies, markDuplicates, saveFingerprints, type ArticleForDedup, type BatchCandidate } from '../store/dedup.ts';
import { DEDUP_LOCK, lockForTransaction } from '../store/locks.ts';

/** Copies are looked for among articles published this close in time (days). */
export const DEDUP_WINDOW_DAYS = 14;

/**
 * One article's decision in its own transaction: the batch below with a batch of one, so one
 * article at a time and the owed step's batches run the same code (test/pipeline/dedup-batch-parity).
 */
export async function dedupArticle(tx: Queryable, article: ArticleForDedup, config: DedupConfig = DEDUP_CONFIG): Promise<void> {
  await dedupBatch(tx, [article], config);
}

export const DEDUP_CONFIG: DedupConfig = DEFAULT_DEDUP;

/** The post-ingest step: near-duplicate decisions for the articles a batch added or changed. */
export async function runDedupStep(db: Db, articleIds: number[]): Promise<void> {
  for (const article of await articlesForDedup(db, articleIds)) {
    await db.transaction(async (tx) => {
      await lockForTransaction(tx, DEDUP_LOCK);
      await dedupArticle(tx, article);
    });
  }
}

/** The owed step (src/pipeline.ts), inside the caller's transaction holding DEDUP_LOCK. */
export async function dedupOwed(tx: Queryable, articleIds: number[]): Promise<void> {
  await dedupBatch(tx, await articlesForDedup(tx, articleIds));
}

/**
 * dedupArticle over a batch in time order, with the decisions it makes one article at a time,
 * in a fixed number of statements: the candidates of the whole batch in one read, then the
 * decisions in memory, where each article sees what the ones before it wrote (their fingerprints
 * and buckets, their links and hand-overs), then the writes: fingerprints, hand-overs in order,
 * and every link changed.
 */
export async function dedupBatch(tx: Queryable, articles: ArticleForDedup[], config: DedupConfig = DEDUP_CONFIG): Promise<void> {
  if (!articles.length) return;
  const windowMs = DEDUP_WINDOW_DAYS * 86_400_000;
  const fps = articles.map((a) => fingerprint(a.text, config));
  const withKeys = articles.filter((_, i) => fps[i]!.bandKeys.length);
  const since = withKeys.length ? new Date(Math.min(...withKeys.map((a) => a.at.getTime())) - windowMs) : null;
  const stored: BatchCandidate[] = since
    ? await findBatchCandidates(
        tx,
        fps.flatMap((f) => f.bandKeys),
        since,
      )
    : [];
  // Publication times the decisions ask for: candidates, their originals, the batch.
  const times = new Map<number, Date>();
  for (const c of stored) {
    times.set(c.articleId, c.at);
    if (c.duplicateOf !== null && c.originalAt) times.set(c.duplicateOf, c.originalAt);
  }
  for (const a of articles) times.set(a.id, a.at);
  // What each known article links to now (stored, or as this batch has changed it so far).
  const linkNow = new Map<number, number | null>(stored.map((c) => [c.articleId, c.duplicateOf]));
  const changed = new Map<number, number | null>(); // article -> similarity it is written with
  const setLink = (id: number, original: number | null, similarity: number | null) => {
    linkNow.set(id, original);
    changed.set(id, similarity);
  };
  const handovers: [number, number][] = [];
  const done: { id: number; fp: DedupFingerprint; at: Date }[] = [];
  const doneIds = new Set<number>();
  for (const [i, article] of articles.entries()) {
    const fp = fps[i]!;
    const keys = new Set(fp.bandKeys);
    const from = article.at.getTime() - windowMs;
    const candidates: DedupCandidate[] = [];
    if (keys.size) {
      for (const c of stored) {
        // A batch article already decided is seen with its new fingerprint below, not its stored one.
        if (c.articleId === article.id || doneIds.has(c.articleId)) continue;
        if (!c.keys.some((k) => keys.has(k.key) && new Date(k.seenAt).getTime() >= from)) continue;
        candidates.push({ articleId: c.articleId, signature: c.signature, shingleCount: c.shingleCount, publishedAt: c.publishedAt, duplicateOf: linkNow.get(c.articleId) ?? null });
      }
      for (const d of done) {
        if (d.id === article.id || d.at.getTime() < from || !d.fp.bandKeys.some((k) => keys.has(k))) continue;
        candidates.push({ articleId: d.id, signature: d.fp.signature, shingleCount: d.fp.shingleCount, publishedAt: d.at, duplicateOf: linkNow.get(d.id) ?? null });
      }
    }
    const decision = decideDuplicate(fp, candidates, config);
    done.push({ id: article.id, fp, at: article.at });
    doneIds.add(article.id);
    if (!decision) {
      setLink(article.id, null, null);
      continue;
    }
    const originalAt = times.get(decision.duplicateOf) ?? null;
    if (originalAt && originalAt.getTime() > article.at.getTime()) {
      // This one is older than the family's original: it becomes the original of them all.
      handovers.push([article.id, decision.duplicateOf]);
      for (const [id, original] of linkNow) if (original === decision.duplicateOf) linkNow.set(id, article.id);
      setLink(decision.duplicateOf, article.id, decision.similarity);
      setLink(article.id, null, null);
      continue;
    }
    setLink(article.id, decision.duplicateOf, decision.similarity);
  }
  await saveFingerprints(
    tx,
    articles.map((a, i) => ({ articleId: a.id, fp: fps[i]!, seenAt: a.at })),
  );
  // Hand-overs reach copies this batch never read; then every link the batch set, as it ends.
  for (const [newOriginal, oldOriginal] of handovers) await handOverCopies(tx, newOriginal, oldOriginal);
  await markDuplicates(
    tx,
    [...changed].map(([id, similarity]) => ({ articleId: id, duplicateOf: linkNow.get(id) ?? null, similarity })),
  );
}
