// The enrichment stage for one article: entities with roles, figures, quotes with speakers,
// dated events and an extractive summary, from the article's clean text and publication time.
// Pure: no clock, no store; the pipeline step (src/pipeline/enrich.ts) does the I/O.
import { findEntities, normaliseKey, type FoundEntity } from './entities.ts';
import { findFigures, type FoundFigure } from './figures.ts';
import { findQuotes, type FoundQuote } from './quotes.ts';
import { findEvents, type FoundEvent } from './events.ts';
import { summariseArticle } from './summary.ts';
import { splitSentences } from './sentences.ts';

export interface ArticleInput {
  title: string;
  text: string;
  publishedAt: Date | null;
}

export interface EnrichedFigure extends FoundFigure {
  /** Key of the entity the subject names ("place:KH" for "Cambodia"), when it names one. */
  subjectKey: string | null;
}

export interface ArticleEnrichment {
  entities: FoundEntity[];
  figures: EnrichedFigure[];
  quotes: FoundQuote[];
  events: FoundEvent[];
  /** The three summary sentences, in article order. */
  summary: { text: string; sentenceIndex: number }[];
}

export const MAX_TEXT_CHARS = 200_000;

/** Bumped when the stage's output changes, so stored enrichments can be redone. */
export const ENRICHMENT_VERSION = 1;

export interface EnrichContext {
  /** Normalised first/last names of people known from other articles (see findEntities). */
  knownPeople?: ReadonlySet<string>;
}

/** Capitalised single words of a text, normalised: what to look up as known people's names. */
export function candidateNames(text: string): string[] {
  return [...new Set((text.match(/(?<![\p{L}\p{N}])\p{Lu}\p{Ll}+(?:-\p{Ll}+)?(?![\p{L}\p{N}])/gu) ?? []).map(normaliseKey))];
}

export function enrichArticle(article: ArticleInput, context: EnrichContext = {}): ArticleEnrichment {
  if (typeof article.text !== 'string') throw new TypeError('enrichArticle: article.text must be a string');
  // Articles are far shorter; a huge text is a dump gone wrong, and only its start is read
  // (a prefix, so every offset stays valid).
  const text = article.text.length > MAX_TEXT_CHARS ? article.text.slice(0, MAX_TEXT_CHARS) : article.text;
  article = { ...article, text };
  const sentences = splitSentences(article.text);
  const entities = findEntities(article.text, context.knownPeople);
  const figures = findFigures(article.text, sentences).map((f) => ({ ...f, subjectKey: subjectEntity(f.subject, entities) }));
  const quotes = findQuotes(article.text, entities);
  const events = findEvents(article.text, sentences, article.publishedAt);
  const summary = summariseArticle(article.title, article.text, 3, sentences).map((s) => ({ text: s.text, sentenceIndex: s.index }));
  return { entities, figures, quotes, events, summary };
}

/** The entity a figure's subject names: the longest alias found in it. */
function subjectEntity(subject: string | null, entities: FoundEntity[]): string | null {
  if (!subject) return null;
  let best: { key: string; length: number } | null = null;
  for (const e of entities) {
    for (const alias of e.aliases) {
      const at = subject.indexOf(alias);
      if (at < 0) continue;
      const edgeOk = !/[\p{L}]/u.test(subject[at - 1] ?? ' ') && !/[\p{L}]/u.test(subject[at + alias.length] ?? ' ');
      if (edgeOk && (!best || alias.length > best.length)) best = { key: e.key, length: alias.length };
    }
  }
  return best?.key ?? null;
}

export type { FoundEntity, FoundFigure, FoundQuote, FoundEvent };
