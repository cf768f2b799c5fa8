// The story engine's state held in memory (src/cluster/engine.ts, StoryStore): what the store's
// tables hold for the story step, as the store would give it back (vectors and centroids rounded
// as it rounds them, index weights as float4, the candidate rule "window first, then the best
// few" over the index time), so that a stream run here decides what the story step decides.
// `dateline recluster` runs it and writes the result in bulk (src/pipeline/stories.ts); bench/cluster,
// bench/scale and tests run it as it is. The index has two tiers: stories seen within the
// window at the last sweep, and older ones only a settling look (a return) still reaches.
import { storedWeight, type TermStats, type TermVector } from '../text/tfidf.ts';
import { centralMember, heldMemberVector, indexTerms, withSighting, type StoryState } from './stories.ts';
import { SettleQueue } from './settle.ts';
import { rankCandidates, reachDays, type ClusterConfig } from './config.ts';
import type { StoryInput, StoryStore } from './engine.ts';

const DAY = 86_400_000;

/** A whole story as it leaves memory, for a bulk write. */
export interface StoryRecord {
  id: number;
  centroid: TermVector;
  headline: { articleId: number; title: string };
  index: [string, number][];
  indexedAt: Date | null;
  articles: { id: number; similarity: number | null }[];
  /** Whether it has had its settling look. */
  settled: boolean;
}

interface LiveStory {
  state: StoryState;
  headline: { articleId: number; title: string };
  /** Titles of the kept members (they name the story). */
  titles: Map<number, string>;
  /** The terms it is indexed under (their weights sit in the index's postings). */
  index: string[];
  /** The story time its index was written with (the candidate window reads it). */
  indexedAt: Date | null;
  archived: boolean;
  /**
   * A quiet story's centroid and member vectors in arrays (its state then holds empty ones): a
   * Map of boxed weights per story is what the long reach would cost the collector. Unpacked
   * into a new state whenever a look reaches it; the next save holds it as Maps again.
   */
  packed?: { centroid: Packed; members: Packed[] };
  articles: { id: number; similarity: number | null }[];
}

const EMPTY: TermVector = new Map();

/**
 * A term's postings: story id and weight pairs, interleaved in one array of unboxed doubles (a
 * Map per term cost about 150 bytes before its first entry, and a boxed number per weight; most
 * terms index a few stories). The order is of no account: candidates sum a score per story and
 * rank by score, then id; a story re-indexed under the same term takes its own place back.
 */
type Posting = number[];

interface Packed {
  terms: string[];
  /** Unboxed doubles in the heap (a typed array costs an ArrayBuffer and a malloc'd store each). */
  weights: number[];
}

function pack(vector: TermVector): Packed {
  // Sized once and filled: an array spread from an iterator holds each double boxed, and one
  // grown by push keeps spare room.
  const terms: string[] = new Array(vector.size);
  const weights: number[] = new Array(vector.size);
  let i = 0;
  for (const [t, w] of vector) {
    terms[i] = t;
    weights[i++] = w;
  }
  return { terms, weights };
}

function unpack(p: Packed): TermVector {
  const out: TermVector = new Map();
  for (let i = 0; i < p.terms.length; i++) out.set(p.terms[i]!, p.weights[i]!);
  return out;
}

/** A story's state, unpacked when it is packed (a new object then). */
function stateOf(live: LiveStory): StoryState {
  const p = live.packed;
  if (!p) return live.state;
  return { ...live.state, centroid: unpack(p.centroid), members: live.state.members.map((m, i) => ({ ...m, vector: unpack(p.members[i]!) })) };
}

/** Packs a story's centroid and member vectors (once). */
function packLive(live: LiveStory): void {
  if (live.packed) return;
  live.packed = { centroid: pack(live.state.centroid), members: live.state.members.map((m) => pack(m.vector)) };
  live.state = { ...live.state, centroid: EMPTY, unit: undefined, members: live.state.members.map((m) => ({ ...m, vector: EMPTY })) };
}

/**
 * The terms memory holds, each once, with its document frequency. A term read from an article is
 * often cut from the article's text, and a cut string keeps the whole text alive; and each
 * article brings its own copy of every term. Held as they come, the terms of the stories within
 * reach were half the live heap (20k generated articles: 48 MB of copies of terms and 35 MB of
 * article texts pinned by them, in 180 MB). One Map from term to a slot; the slot's string,
 * count and last sighting sit in arrays (two Maps, one for the strings and one for the counts,
 * cost twice the entries: 1.9M distinct terms at 1M articles).
 */
class TermTable {
  private readonly slots = new Map<string, number>();
  private names: (string | undefined)[] = [];
  /** Documents that counted the term (0: only held, a headline term or one not counted). */
  private counts = new Int32Array(1024);
  /** The document count when the term was last counted or held. */
  private seen = new Int32Array(1024);
  private readonly free: number[] = [];
  documents = 0;

  /** The table's string for a term, held from now on (it counts nothing). */
  of(term: string): string {
    const slot = this.slots.get(term);
    if (slot !== undefined) {
      this.seen[slot] = this.documents;
      return this.names[slot]!;
    }
    return this.names[this.add(term)]!;
  }

  /** One more document with these terms. */
  count(terms: string[]): void {
    const at = ++this.documents;
    for (const t of terms) {
      const slot = this.slots.get(t) ?? this.add(t);
      this.counts[slot]!++;
      this.seen[slot] = at;
    }
  }

  df(term: string): number {
    const slot = this.slots.get(term);
    return slot === undefined ? 0 : this.counts[slot]!;
  }

  /**
   * Forgets the terms counted at most once and neither counted nor held since document `before`:
   * their document frequency becomes 0, as for a term never seen, and a later sighting counts 1.
   */
  forget(before: number): number {
    let forgotten = 0;
    for (let slot = 0; slot < this.names.length; slot++) {
      const name = this.names[slot];
      if (name === undefined || this.counts[slot]! > 1 || this.seen[slot]! > before) continue;
      this.slots.delete(name);
      this.names[slot] = undefined;
      this.free.push(slot);
      forgotten++;
    }
    return forgotten;
  }

  /** Distinct terms held, and those among them with a count. */
  size(): { held: number; counted: number } {
    let counted = 0;
    for (const slot of this.slots.values()) if (this.counts[slot]! > 0) counted++;
    return { held: this.slots.size, counted };
  }

  /** The document frequencies as a Map (for a bulk write). */
  frequencies(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [term, slot] of this.slots) if (this.counts[slot]! > 0) out.set(term, this.counts[slot]!);
    return out;
  }

  private add(term: string): number {
    const own = ownCopy(term);
    let slot = this.free.pop();
    if (slot === undefined) {
      slot = this.names.length;
      this.names.push(own);
      if (slot >= this.counts.length) {
        const counts = new Int32Array(this.counts.length * 2);
        counts.set(this.counts);
        this.counts = counts;
        const seen = new Int32Array(this.seen.length * 2);
        seen.set(this.seen);
        this.seen = seen;
      }
    } else this.names[slot] = own;
    this.counts[slot] = 0;
    this.seen[slot] = this.documents;
    this.slots.set(own, slot);
    return slot;
  }

  /** A vector with its weights rounded as the store rounds them, under the table's terms. */
  rounded(vector: TermVector): TermVector {
    const out: TermVector = new Map();
    for (const [t, w] of vector) out.set(this.of(t), storedWeight(w));
    return out;
  }

  /** The same vector under the table's terms. */
  keyed(vector: TermVector): TermVector {
    const out: TermVector = new Map();
    for (const [t, w] of vector) out.set(this.of(t), w);
    return out;
  }
}

function rounded(vector: TermVector): TermVector {
  const out: TermVector = new Map();
  for (const [t, w] of vector) out.set(t, storedWeight(w));
  return out;
}

/** A fresh string with a term's characters (not a slice of, nor a rope over, another string). */
const ownCopy = (term: string): string => Buffer.from(term, 'utf8').toString('utf8');

const timeOf = (at: Date | null) => at?.getTime() ?? -Infinity;

export class MemoryStoryStore implements StoryStore {
  /** Terms and their document frequencies. */
  private readonly terms = new TermTable();
  private readonly live = new Map<number, LiveStory>();
  private readonly postings = new Map<string, Posting>();
  private readonly archive = new Map<string, Posting>();
  /** Article -> story, for near-duplicates joining their original's story. */
  private readonly storyOfArticle = new Map<number, number>();
  private readonly settleQueue = new SettleQueue();
  /** The article being clustered: its title and its vector as a member holds it. */
  private pending: { id: number; title: string; vector: TermVector } | null = null;
  private ids: number[] = [];
  private nextId = 1;
  /** Index horizon of the last sweep: archived stories were all indexed before it. */
  private archivedBefore = -Infinity;
  private vectors: [number, TermVector][] = [];
  private lateCopies: [number, number, number | null][] = [];
  /** With `forget`: the stream's clock and the document count at each sweep, oldest first. */
  private readonly sweeps: { at: number; documents: number }[] = [];
  private clock = -Infinity;
  private forgottenBefore = 0;

  /**
   * `record`: keep article vectors for a bulk write (a rebuild); a benchmark does not need them.
   * `forget`: let go of what no look can reach any more, so that memory stays bounded on an
   * endless stream: the articles of a story that leaves memory (a copy joins its original's story
   * only within the dedup window), and terms counted once and not met since the reach of every
   * look (a later sighting then counts 1, as for a term never seen). The store's term_stats keeps
   * every term, so a rebuild that writes them (`dateline recluster`) does not forget.
   */
  constructor(
    readonly config: ClusterConfig,
    private readonly record = false,
    private readonly forget = false,
  ) {}

  /** Story ids to hand out, in order (from the store's sequence); without them, 1, 2, 3... */
  provideIds(ids: number[]): void {
    this.ids.push(...ids);
  }

  get spareIds(): number {
    return this.ids.length;
  }

  get stats(): TermStats {
    return { documents: this.terms.documents, df: (t) => this.terms.df(t) };
  }

  async storyOf(articleId: number): Promise<number | null> {
    return this.storyOfArticle.get(articleId) ?? null;
  }

  async countTerms(terms: string[]): Promise<TermStats> {
    this.terms.count(terms);
    return this.stats;
  }

  async saveVector(article: StoryInput, vector: TermVector): Promise<void> {
    this.pending = { id: article.id, title: article.title, vector: this.terms.keyed(heldMemberVector(vector, this.config.story)) };
    // Written out at the end of the batch: as they come.
    if (this.record) this.vectors.push([article.id, rounded(vector)]);
  }

  async candidates(query: [string, number][], since: Date | null, limit: number): Promise<StoryState[]> {
    const scores = new Map<number, number>();
    const horizon = since ? since.getTime() : -Infinity;
    const tiers = horizon < this.archivedBefore ? [this.postings, this.archive] : [this.postings];
    for (const tier of tiers) {
      for (const [term, weight] of query) {
        const posting = tier.get(term);
        if (!posting) continue;
        for (let i = 0; i < posting.length; i += 2) {
          const storyId = posting[i]!;
          const w = posting[i + 1]!;
          const at = this.live.get(storyId)!.indexedAt;
          if (at && at.getTime() < horizon) continue;
          scores.set(storyId, (scores.get(storyId) ?? 0) + weight * w);
        }
      }
    }
    return rankCandidates(scores, limit).map((id) => stateOf(this.live.get(id)!));
  }

  async load(id: number): Promise<StoryState | null> {
    const live = this.live.get(id);
    return live ? stateOf(live) : null;
  }

  async create(article: StoryInput): Promise<number> {
    const id = this.ids.length ? this.ids.shift()! : this.nextId++;
    this.live.set(id, {
      state: { id, centroid: new Map(), members: [], articleCount: 0, firstSeenAt: null, lastSeenAt: null },
      headline: { articleId: article.id, title: article.title },
      titles: new Map(),
      index: [],
      indexedAt: null,
      archived: false,
      articles: [],
    });
    return id;
  }

  async addArticle(storyId: number, articleId: number, similarity: number | null): Promise<void> {
    this.live.get(storyId)!.articles.push({ id: articleId, similarity });
    this.storyOfArticle.set(articleId, storyId);
  }

  async attachCopy(storyId: number, article: StoryInput): Promise<void> {
    this.storyOfArticle.set(article.id, storyId);
    const live = this.live.get(storyId);
    if (!live) {
      this.lateCopies.push([storyId, article.id, article.duplicateSimilarity ?? null]);
      return;
    }
    live.articles.push({ id: article.id, similarity: article.duplicateSimilarity ?? null });
    live.state = withSighting(live.state, article.at);
    this.settleQueue.push(storyId, live.state.lastSeenAt);
  }

  async merge(keepId: number, goneId: number): Promise<void> {
    const keep = this.live.get(keepId)!;
    const gone = this.live.get(goneId)!;
    for (const a of gone.articles) {
      keep.articles.push(a);
      this.storyOfArticle.set(a.id, keepId);
    }
    for (const [id, title] of gone.titles) keep.titles.set(id, title);
    this.unindex(gone);
    this.live.delete(goneId);
    this.settleQueue.forget(goneId);
  }

  async save(story: StoryState): Promise<void> {
    const live = this.live.get(story.id)!;
    const { story: storyConfig, candidates: candidateConfig } = this.config;
    const pending = this.pending;
    if (pending && story.members.some((m) => m.articleId === pending.id)) live.titles.set(pending.id, pending.title);
    // The headline from the members as the engine holds them, the index from the unrounded centroid...
    const central = centralMember(story, storyConfig);
    const title = central ? live.titles.get(central.articleId) : undefined;
    if (central && title !== undefined) live.headline = { articleId: central.articleId, title };
    const index = indexTerms(story, candidateConfig.indexTerms);
    // ...then the state as the store gives it back: rounded, its latest members in time order.
    const members = story.members
      .map((m) => (m.articleId === pending?.id ? { ...m, vector: pending.vector } : m))
      .sort((a, b) => timeOf(a.publishedAt) - timeOf(b.publishedAt) || a.articleId - b.articleId)
      .slice(-storyConfig.membersKept);
    // Kept members are the pending one (under the table's terms) and members saved before.
    live.state = { ...story, centroid: this.terms.rounded(story.centroid), unit: undefined, members };
    live.packed = undefined;
    for (const id of live.titles.keys()) if (!members.some((m) => m.articleId === id)) live.titles.delete(id);
    this.unindex(live);
    live.index = index.map(([t]) => this.terms.of(t));
    live.indexedAt = story.lastSeenAt;
    live.archived = false;
    this.addToIndex(story.id, live, index);
    this.settleQueue.push(story.id, story.lastSeenAt);
  }

  async dueForSettling(cutoff: Date | null, maxArticles: number): Promise<number[]> {
    const due = this.settleQueue.due(cutoff, (id) => this.live.get(id)?.state.lastSeenAt);
    return due.filter((id) => this.live.get(id)!.state.articleCount <= maxArticles);
  }

  /** Indexes a story under its terms with these weights (float4, as the store keeps them). */
  private addToIndex(id: number, live: LiveStory, weighted: [string, number][]): void {
    const tier = live.archived ? this.archive : this.postings;
    for (let i = 0; i < live.index.length; i++) {
      const term = live.index[i]!;
      const w = Math.fround(weighted[i]![1]);
      const posting = tier.get(term);
      if (posting) posting.push(id, w);
      else tier.set(term, [id, w]);
    }
  }

  /** A story's index as the postings hold it. */
  private indexOf(live: LiveStory): [string, number][] {
    const tier = live.archived ? this.archive : this.postings;
    const id = live.state.id;
    return live.index.map((term) => {
      const posting = tier.get(term)!;
      for (let i = 0; i < posting.length; i += 2) if (posting[i] === id) return [term, posting[i + 1]!];
      throw new Error(`story ${id} is not in the postings of "${term}"`);
    });
  }

  private unindex(live: LiveStory): void {
    const tier = live.archived ? this.archive : this.postings;
    for (const term of live.index) {
      const posting = tier.get(term);
      if (!posting) continue;
      // The last pair takes the place of the story's pair.
      for (let i = 0; i < posting.length; i += 2) {
        if (posting[i] !== live.state.id) continue;
        const last = posting.length - 2;
        posting[i] = posting[last]!;
        posting[i + 1] = posting[last + 1]!;
        posting.length = last;
        break;
      }
      if (!posting.length) tier.delete(term);
    }
  }

  /**
   * The stream's clock is at `at` (null: the end). Stories no later article or settling look can
   * reach (out of the window, and of a settling story's return reach) leave memory, returned
   * whole (all of them at the end); those past the window move to the archive tier of the index.
   */
  sweep(at: Date | null): StoryRecord[] {
    const out: StoryRecord[] = [];
    const gone = at ? at.getTime() - (reachDays(this.config) + this.config.story.settleQuietDays) * DAY : Infinity;
    const quiet = at ? at.getTime() - this.config.candidates.windowDays * DAY : -Infinity;
    const idle = at ? at.getTime() - this.config.story.settleQuietDays * DAY : -Infinity;
    for (const [id, live] of this.live) {
      const seen = live.indexedAt?.getTime();
      if (at && seen === undefined) continue;
      if (!at || seen! < gone) {
        out.push({
          id,
          centroid: stateOf(live).centroid,
          headline: live.headline,
          index: this.indexOf(live),
          indexedAt: live.indexedAt,
          articles: live.articles,
          settled: this.settleQueue.isSettled(id),
        });
        this.unindex(live);
        this.live.delete(id);
        this.settleQueue.forget(id);
        if (this.forget) for (const a of live.articles) this.storyOfArticle.delete(a.id);
      } else if (seen! < quiet && !live.archived) {
        const index = this.indexOf(live);
        this.unindex(live);
        live.archived = true;
        this.addToIndex(id, live, index);
        // Only a settling look still reaches it: packed, and unpacked if one does.
        packLive(live);
      } else if (seen! < idle) {
        // Quiet since the last sweep: most such stories are never met again.
        packLive(live);
      }
    }
    this.archivedBefore = Math.max(this.archivedBefore, quiet);
    if (at && this.forget) this.forgetTerms(at.getTime(), gone);
    return out;
  }

  /**
   * Forgets the terms counted once and last met before `gone` (the reach of every look). Every
   * document counted before a sweep is dated at or before that sweep's clock, so the documents
   * counted by the last sweep whose clock was before `gone` are all out of reach.
   */
  private forgetTerms(at: number, gone: number): void {
    this.clock = Math.max(this.clock, at);
    this.sweeps.push({ at: this.clock, documents: this.terms.documents });
    while (this.sweeps.length > 1 && this.sweeps[1]!.at < gone) this.sweeps.shift();
    const oldest = this.sweeps[0]!;
    if (oldest.at >= gone || oldest.documents <= this.forgottenBefore) return;
    this.terms.forget(oldest.documents);
    this.forgottenBefore = oldest.documents;
  }

  /** Article vectors kept since the last call (with `record`). */
  takeVectors(): [number, TermVector][] {
    const out = this.vectors;
    this.vectors = [];
    return out;
  }

  /** Copies that joined a story already swept out: (story, article, similarity). */
  takeLateCopies(): [number, number, number | null][] {
    const out = this.lateCopies;
    this.lateCopies = [];
    return out;
  }

  termStats(): { documents: number; df: Map<string, number> } {
    return { documents: this.terms.documents, df: this.terms.frequencies() };
  }

  /** Live state size, for the scale benchmark. */
  size(): { stories: number; postings: number; archived: number; terms: number; termsHeld: number; articles: number } {
    let postings = 0;
    for (const p of this.postings.values()) postings += p.length / 2;
    let archived = 0;
    for (const p of this.archive.values()) archived += p.length / 2;
    const terms = this.terms.size();
    return { stories: this.live.size, postings, archived, terms: terms.counted, termsHeld: terms.held, articles: this.storyOfArticle.size };
  }
}
