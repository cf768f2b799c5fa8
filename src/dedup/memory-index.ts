// The dedup candidate index held in memory: LSH band key -> articles, with a time window, the
// same lookup the store's dedup_buckets table answers. Used by benchmarks and by `recluster`
// (the rebuild in src/pipeline/stories.ts); checking an article costs its band lookups, never a scan of the corpus.
import { decideDuplicate, fingerprint, DEFAULT_DEDUP, type DedupCandidate, type DedupConfig, type DedupDecision, type DedupFingerprint } from './near-duplicate.ts';

export interface DedupInput {
  id: number;
  text: string;
  publishedAt: Date | null;
}

export class MemoryDedupIndex {
  private buckets = new Map<number, number[]>();
  private entries = new Map<number, DedupCandidate & { keys: number[]; seenAt: number }>();
  private order: number[] = [];
  private head = 0;

  constructor(
    private config: DedupConfig = DEFAULT_DEDUP,
    /** Copies are looked for among articles this recent (ms); older ones leave the index. */
    private windowMs = 14 * 86_400_000,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  check(article: DedupInput): DedupDecision | null {
    return this.add(article.id, fingerprint(article.text, this.config), article.publishedAt);
  }

  /** Decides an article whose fingerprint is already made, and indexes it. */
  add(id: number, fp: DedupFingerprint, publishedAt: Date | null): DedupDecision | null {
    const article = { id, publishedAt };
    const seenAt = publishedAt?.getTime() ?? 0;
    this.evict(seenAt);
    const seen = new Set<number>();
    const candidates: DedupCandidate[] = [];
    for (const key of fp.bandKeys) {
      for (const id of this.buckets.get(key) ?? []) {
        if (seen.has(id)) continue;
        seen.add(id);
        const entry = this.entries.get(id);
        if (entry) candidates.push(entry);
      }
    }
    const decision = decideDuplicate(fp, candidates, this.config);
    this.entries.set(article.id, {
      articleId: article.id,
      signature: fp.signature,
      shingleCount: fp.shingleCount,
      publishedAt: article.publishedAt,
      duplicateOf: decision?.duplicateOf ?? null,
      keys: fp.bandKeys,
      seenAt,
    });
    this.order.push(article.id);
    for (const key of fp.bandKeys) {
      const list = this.buckets.get(key);
      if (list) list.push(article.id);
      else this.buckets.set(key, [article.id]);
    }
    return decision;
  }

  /** Drops articles older than the window (the stream is in time order, so from the front). */
  private evict(now: number): void {
    while (this.head < this.order.length) {
      const id = this.order[this.head]!;
      const entry = this.entries.get(id);
      if (entry && entry.seenAt >= now - this.windowMs) break;
      this.head++;
      if (!entry) continue;
      this.entries.delete(id);
      for (const key of entry.keys) {
        const list = this.buckets.get(key);
        if (!list) continue;
        const at = list.indexOf(id);
        if (at >= 0) list.splice(at, 1);
        if (!list.length) this.buckets.delete(key);
      }
    }
    if (this.head > 4096 && this.head * 2 > this.order.length) {
      this.order = this.order.slice(this.head);
      this.head = 0;
    }
  }
}
