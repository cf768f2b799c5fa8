// `dateline recluster` without a round trip per decision: the same decisions as the story step
// (src/pipeline/stories.ts, clusterArticle), in the same order, with the state the store would
// hold kept in memory as the store holds it, and written in bulk. What the store rounds
// (vectors and centroids to 1e-5 in JSON, index weights to float4) is rounded here too, and the
// candidate rule is the store's (window first, then the best few), so that a rebuild gives the
// stories that ingesting the same articles one at a time gives. A story out of the candidate
// window can never be chosen again (articles come in time order): it is written and forgotten.
// Near-duplicates are decided the same way, through the in-memory LSH index the dedup step's
// store tables mirror (src/dedup/memory-index.ts): in time order no copy is older than its original.
import type { Queryable } from '../store/db.ts';
import { articleTerms, statTerms, weighTerms } from '../cluster/features.ts';
import { addToStory, decideStory, indexTerms, mergeStories, newStory, shouldMerge, similarity, storyUnit, type StoryMember, type StoryState } from '../cluster/stories.ts';
import { DEFAULT_CLUSTER, rankCandidates, type ClusterConfig } from '../cluster/online.ts';
import { vectorToJson, type TermStats, type TermVector } from '../text/tfidf.ts';
import { signatureToBytes } from '../text/minhash.ts';
import type { DedupDecision, DedupFingerprint } from '../dedup/near-duplicate.ts';

const DAY = 86_400_000;

/** An article as the story step reads it: `at` is its publication (else storage) time. */
export interface ArticleForStory {
  id: number;
  title: string;
  text: string;
  at: Date;
  duplicate_of: number | null;
  duplicate_similarity: number | null;
}

/** A vector as it comes back from the store (weights rounded to 1e-5 in JSON). */
function stored(vector: TermVector): TermVector {
  const out: TermVector = new Map();
  for (const [t, w] of vector) out.set(t, Math.round(w * 1e5) / 1e5);
  return out;
}

interface Member extends StoryMember {
  title: string;
}

interface LiveStory {
  /** As the store would load it: rounded centroid, latest members' full (rounded) vectors. */
  state: StoryState;
  members: Member[];
  headline: { articleId: number; title: string };
  /** Index terms (float4 weights) and the story time they were written with. */
  index: [string, number][];
  indexedAt: Date | null;
  articles: { id: number; similarity: number | null }[];
}

/** A story no later article can join, ready to be written. */
export interface FinishedStory {
  id: number;
  centroid: string;
  headlineArticleId: number;
  headline: string;
  index: [string, number][];
  indexedAt: Date | null;
  articles: { id: number; similarity: number | null }[];
}

export class StoryRebuild {
  private readonly df = new Map<string, number>();
  private documents = 0;
  private readonly live = new Map<number, LiveStory>();
  private readonly postings = new Map<string, Map<number, number>>();
  /** Article -> story, for near-duplicates joining their original's story. */
  private readonly storyOf = new Map<number, number>();
  /** Stories written already that a late copy joined: (story, article, similarity). */
  private lateCopies: [number, number, number | null][] = [];
  private vectors: [number, TermVector][] = [];
  /** Story ids reserved in the store, in order. */
  private ids: number[] = [];

  constructor(private readonly config: ClusterConfig = DEFAULT_CLUSTER) {}

  get stats(): TermStats {
    return { documents: this.documents, df: (t) => this.df.get(t) ?? 0 };
  }

  /** Ids from the store's sequence for the stories the next articles start. */
  provideIds(ids: number[]): void {
    this.ids.push(...ids);
  }

  get spareIds(): number {
    return this.ids.length;
  }

  /** One article, in time order: the decision clusterArticle makes. */
  add(article: ArticleForStory): number {
    if (article.duplicate_of !== null) {
      const storyId = this.storyOf.get(article.duplicate_of);
      if (storyId !== undefined) {
        this.storyOf.set(article.id, storyId);
        const story = this.live.get(storyId);
        if (!story) {
          this.lateCopies.push([storyId, article.id, article.duplicate_similarity]);
          return storyId;
        }
        story.articles.push({ id: article.id, similarity: article.duplicate_similarity });
        story.state = {
          ...story.state,
          firstSeenAt: !story.state.firstSeenAt || article.at < story.state.firstSeenAt ? article.at : story.state.firstSeenAt,
          lastSeenAt: !story.state.lastSeenAt || article.at > story.state.lastSeenAt ? article.at : story.state.lastSeenAt,
        };
        return storyId;
      }
    }
    const { features, story: storyConfig, candidates: candidateConfig } = this.config;
    const terms = articleTerms(article, features);
    this.documents++;
    for (const t of statTerms(terms)) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    const vector = weighTerms(terms, this.stats, features);
    const kept = stored(vector);
    this.vectors.push([article.id, kept]);
    const since = article.at.getTime() - candidateConfig.windowDays * DAY;
    const candidates = this.candidates(vector, since).map((id) => this.live.get(id)!);
    const decision = decideStory(vector, article.at, candidates.map((c) => c.state), storyConfig);
    const member: StoryMember = { articleId: article.id, vector, publishedAt: article.at };
    const full: Member = { articleId: article.id, vector: kept, publishedAt: article.at, title: article.title };

    if (decision.join === null) {
      const id = this.ids.shift();
      if (id === undefined) throw new Error('story rebuild: no story ids reserved');
      const live: LiveStory = {
        state: newStory(id, member, storyConfig), members: [], headline: { articleId: article.id, title: article.title },
        index: [], indexedAt: null, articles: [{ id: article.id, similarity: null }],
      };
      this.live.set(id, live);
      this.storyOf.set(article.id, id);
      this.write(live, live.state, [full]);
      return id;
    }

    const chosen = candidates.find((c) => c.state.id === decision.join)!;
    chosen.articles.push({ id: article.id, similarity: Math.round(decision.score * 1000) / 1000 });
    this.storyOf.set(article.id, chosen.state.id);
    // As the story step does it: the updated story against the other candidates, oldest first.
    let story = addToStory(chosen.state, member, storyConfig);
    let current = chosen;
    let pool = [...chosen.members, full];
    for (const other of candidates.slice().sort((a, b) => a.state.id - b.state.id)) {
      if (other.state.id === story.id || !this.live.has(other.state.id) || shouldMerge(story, other.state, storyConfig) === null) continue;
      const [keep, gone] = other.state.id < story.id ? [other.state, story] : [story, other.state];
      const [keepLive, goneLive] = keep === other.state ? [other, current] : [current, other];
      story = mergeStories(keep, gone, storyConfig);
      for (const a of goneLive.articles) {
        keepLive.articles.push(a);
        this.storyOf.set(a.id, keepLive.state.id);
      }
      pool = [...pool, ...other.members];
      this.unindex(goneLive.state.id);
      this.live.delete(goneLive.state.id);
      current = keepLive;
    }
    this.write(current, story, pool);
    return current.state.id;
  }

  /** The store's candidate query: stories indexed under the query terms within the window, best first. */
  private candidates(vector: TermVector, since: number): number[] {
    const { queryTerms, candidates } = this.config.candidates;
    const query = [...vector].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, queryTerms);
    const scores = new Map<number, number>();
    for (const [term, weight] of query) {
      const posting = this.postings.get(term);
      if (!posting) continue;
      for (const [storyId, w] of posting) {
        const at = this.live.get(storyId)!.indexedAt;
        if (at && at.getTime() < since) continue;
        scores.set(storyId, (scores.get(storyId) ?? 0) + weight * w);
      }
    }
    return rankCandidates(scores, candidates);
  }

  /**
   * What writeStory does: the headline from the members as the story step holds them (the new
   * member's vector cut to the kept terms), the index from the unrounded centroid; then the state
   * as the store gives it back.
   */
  private write(live: LiveStory, story: StoryState, members: Member[]): void {
    const { story: storyConfig, candidates: candidateConfig } = this.config;
    const centroid = storyUnit(story);
    let best: { member: StoryMember; score: number } | null = null;
    for (const m of story.members) {
      const s = similarity(m.vector, centroid, storyConfig).score;
      if (!best || s > best.score || (s === best.score && m.articleId < best.member.articleId)) best = { member: m, score: s };
    }
    const byId = new Map(members.map((m) => [m.articleId, m]));
    const title = best ? byId.get(best.member.articleId)?.title : undefined;
    if (best && title) live.headline = { articleId: best.member.articleId, title };
    const index = indexTerms(story, candidateConfig.indexTerms).map(([t, w]) => [t, Math.fround(w)] as [string, number]);
    const latest = members
      .sort((a, b) => a.publishedAt!.getTime() - b.publishedAt!.getTime() || a.articleId - b.articleId)
      .slice(-storyConfig.membersKept);
    live.state = {
      ...story,
      id: live.state.id,
      centroid: stored(story.centroid),
      unit: undefined,
      members: latest,
    };
    live.members = latest;
    this.unindex(live.state.id);
    live.index = index;
    live.indexedAt = live.state.lastSeenAt;
    for (const [term, w] of index) {
      let posting = this.postings.get(term);
      if (!posting) this.postings.set(term, (posting = new Map()));
      posting.set(live.state.id, w);
    }
  }

  private unindex(id: number): void {
    for (const [term] of this.live.get(id)?.index ?? []) {
      const posting = this.postings.get(term);
      posting?.delete(id);
      if (posting && !posting.size) this.postings.delete(term);
    }
  }

  /** Stories no later article can join (out of the window at `at`), taken out of memory. */
  takeFinished(at: Date | null): FinishedStory[] {
    const out: FinishedStory[] = [];
    const horizon = at ? at.getTime() - this.config.candidates.windowDays * DAY : null;
    for (const [id, live] of this.live) {
      if (horizon !== null && !(live.indexedAt && live.indexedAt.getTime() < horizon)) continue;
      out.push({
        id, centroid: JSON.stringify(vectorToJson(live.state.centroid)), headlineArticleId: live.headline.articleId,
        headline: live.headline.title, index: live.index, indexedAt: live.indexedAt, articles: live.articles,
      });
      this.unindex(id);
      this.live.delete(id);
    }
    return out;
  }

  takeVectors(): [number, TermVector][] {
    const out = this.vectors;
    this.vectors = [];
    return out;
  }

  takeLateCopies(): [number, number, number | null][] {
    const out = this.lateCopies;
    this.lateCopies = [];
    return out;
  }

  termStats(): { documents: number; df: Map<string, number> } {
    return { documents: this.documents, df: this.df };
  }
}

// ---- bulk writes ----

const CHUNK = 2000;

/** Story ids the store hands out, in order (so ties keep falling to the older story). */
export async function reserveStoryIds(db: Queryable, count: number): Promise<number[]> {
  if (!count) return [];
  const rows = await db.query<{ id: number }>(`SELECT nextval('stories_id_seq') AS id FROM generate_series(1, $1::int) ORDER BY 1`, [count]);
  return rows.map((r) => Number(r.id));
}

export async function writeStories(db: Queryable, stories: FinishedStory[]): Promise<void> {
  for (let i = 0; i < stories.length; i += CHUNK) {
    const slice = stories.slice(i, i + CHUNK);
    await db.query(
      `INSERT INTO stories (id, headline, headline_article_id, centroid)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::jsonb[])`,
      [slice.map((s) => s.id), slice.map((s) => s.headline), slice.map((s) => s.headlineArticleId), slice.map((s) => s.centroid)],
    );
    const members = slice.flatMap((s) => s.articles.map((a) => [s.id, a.id, a.similarity] as const));
    await insertMembers(db, members);
    const terms = slice.flatMap((s) => s.index.map(([t, w]) => [t, s.id, w, s.indexedAt] as const));
    for (let j = 0; j < terms.length; j += CHUNK * 10) {
      const part = terms.slice(j, j + CHUNK * 10);
      await db.query(
        `INSERT INTO story_terms (term, story_id, weight, last_seen_at)
         SELECT * FROM unnest($1::text[], $2::bigint[], $3::real[], $4::timestamptz[])`,
        [part.map((x) => x[0]), part.map((x) => x[1]), part.map((x) => x[2]), part.map((x) => x[3])],
      );
    }
  }
}

export async function insertMembers(db: Queryable, members: readonly (readonly [number, number, number | null])[]): Promise<void> {
  for (let j = 0; j < members.length; j += CHUNK * 5) {
    const part = members.slice(j, j + CHUNK * 5);
    await db.query(
      `INSERT INTO story_articles (story_id, article_id, similarity)
       SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::real[])`,
      [part.map((m) => m[0]), part.map((m) => m[1]), part.map((m) => m[2])],
    );
  }
}

export async function writeVectors(db: Queryable, vectors: [number, TermVector][]): Promise<void> {
  for (let i = 0; i < vectors.length; i += CHUNK) {
    const part = vectors.slice(i, i + CHUNK);
    await db.query(
      `INSERT INTO article_vectors (article_id, vector) SELECT * FROM unnest($1::bigint[], $2::jsonb[])
       ON CONFLICT (article_id) DO UPDATE SET vector = EXCLUDED.vector`,
      [part.map((v) => v[0]), part.map((v) => JSON.stringify(vectorToJson(v[1])))],
    );
  }
}

export async function writeTermStats(db: Queryable, documents: number, df: Map<string, number>): Promise<void> {
  const entries = [...df];
  for (let i = 0; i < entries.length; i += CHUNK * 10) {
    const part = entries.slice(i, i + CHUNK * 10);
    await db.query(
      `INSERT INTO term_stats (term, df) SELECT * FROM unnest($1::text[], $2::int[])
       ON CONFLICT (term) DO UPDATE SET df = EXCLUDED.df`,
      [part.map((e) => e[0]), part.map((e) => e[1])],
    );
  }
  await db.query(
    `INSERT INTO cluster_stats (key, value) VALUES ('documents', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
    [documents],
  );
}

/** Times and counts of every story, from its articles (copies count once, their publishers do count). */
export async function finishStories(db: Queryable): Promise<void> {
  await db.query(
    `UPDATE stories s SET first_seen_at = x.first_at, last_seen_at = x.last_at, article_count = x.articles,
            source_count = x.sources, updated_at = now()
       FROM (SELECT sa.story_id, min(COALESCE(a.published_at, a.created_at)) AS first_at,
                    max(COALESCE(a.published_at, a.created_at)) AS last_at,
                    count(*) FILTER (WHERE a.duplicate_of IS NULL)::int AS articles,
                    count(DISTINCT a.source_id)::int AS sources
               FROM story_articles sa JOIN articles a ON a.id = sa.article_id GROUP BY sa.story_id) x
      WHERE s.id = x.story_id`,
  );
}

export interface DedupRow {
  id: number;
  at: Date;
  fp: DedupFingerprint;
  decision: DedupDecision | null;
}

/** What the dedup step writes for each article: fingerprint, band keys, and its original. */
export async function writeDedup(db: Queryable, rows: DedupRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    await db.query(
      `INSERT INTO article_fingerprints (article_id, signature, shingle_count, seen_at)
       SELECT id, decode(sig, 'hex'), n, at FROM unnest($1::bigint[], $2::text[], $3::int[], $4::timestamptz[]) AS x(id, sig, n, at)`,
      [part.map((r) => r.id), part.map((r) => Buffer.from(signatureToBytes(r.fp.signature)).toString('hex')), part.map((r) => r.fp.shingleCount), part.map((r) => r.at)],
    );
    const keys = part.flatMap((r) => [...new Set(r.fp.bandKeys)].map((k) => [k, r.id, r.at] as const));
    for (let j = 0; j < keys.length; j += CHUNK * 10) {
      const chunk = keys.slice(j, j + CHUNK * 10);
      await db.query(
        `INSERT INTO dedup_buckets (band_key, article_id, seen_at)
         SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::timestamptz[]) ON CONFLICT DO NOTHING`,
        [chunk.map((k) => k[0]), chunk.map((k) => k[1]), chunk.map((k) => k[2])],
      );
    }
    const copies = part.filter((r) => r.decision);
    if (copies.length) {
      await db.query(
        `UPDATE articles a SET duplicate_of = x.original, duplicate_similarity = x.similarity
           FROM unnest($1::bigint[], $2::bigint[], $3::real[]) AS x(id, original, similarity) WHERE a.id = x.id`,
        [copies.map((r) => r.id), copies.map((r) => r.decision!.duplicateOf), copies.map((r) => r.decision!.similarity)],
      );
    }
  }
}
