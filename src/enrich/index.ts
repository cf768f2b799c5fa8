// The enrichment stage for one article: entities with roles, figures, quotes with speakers,
// dated events and an extractive summary, from the article's clean text and publication time.
// Pure: no clock, no store; the pipeline step (src/pipeline/enrich.ts) does the I/O.
import { findEntities, normaliseKey, type FoundEntity } from './entities.ts';
import { findFigures, type FoundFigure } from './figures.ts';
import { figureSubjects, type FigureChange } from './figure-subjects.ts';
import { findQuotes, type FoundQuote } from './quotes.ts';
import { findEvents, type FoundEvent } from './events.ts';
import { summariseArticle } from './summary.ts';
import { sentencesOf } from './tagger/tokens.ts';

export interface ArticleInput {
  title: string;
  text: string;
  publishedAt: Date | null;
}

export interface EnrichedFigure extends FoundFigure {
  /** Key of the entity the figure is about ("place:KH" for "Cambodia at 36 percent"), when one is named. */
  subjectKey: string | null;
  /** Every entity it is about ("tariffs of 25% on Japan and South Korea"), the first being subjectKey. */
  subjectKeys: string[];
  /** What it measures, in plain words ("tariff", "defence spending", or the counted noun). */
  measure: string;
  /** The old or the new value of a change the sentence tells ("lowered from 25% to 15%"). */
  change: FigureChange | null;
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
export const ENRICHMENT_VERSION = 18;

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
  const sentences = sentencesOf(article.text);
  const entities = findEntities(article.text, context.knownPeople);
  const found = findFigures(article.text, sentences);
  const about = figureSubjects(article.text, sentences, found, entities);
  const figures = found.map((f, i) => ({ ...f, ...about[i]!, subjectKey: about[i]!.subjectKeys[0] ?? null }));
  const quotes = findQuotes(article.text, entities);
  const events = findEvents(article.text, sentences, article.publishedAt);
  const summary = summariseArticle(article.title, article.text, 3, sentences).map((s) => ({ text: s.text, sentenceIndex: s.index }));
  return { entities, figures, quotes, events, summary };
}

export type { FoundEntity, FoundFigure, FoundQuote, FoundEvent };
