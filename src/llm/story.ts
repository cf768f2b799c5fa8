// A story's summary and answers to questions over it: always the extractive ones (src/enrich),
// and, when a model is configured, a written text over the same cited sentences. Any failure of
// the model (timeout, error, a reply without valid citations) leaves the extractive result,
// with the reason in `fallback` so callers and logs can tell.
import type { Settings } from '../config.ts';
import { summariseStory, type StoryArticleText, type SummarySentence } from '../enrich/summary.ts';
import { answerQuestion, type Answer, type KnownPerson } from '../enrich/ask.ts';
import { LlmError, type LlmConfig } from './client.ts';
import { writeAnswer, writeSummary } from './enrich.ts';

export interface Written {
  text: string;
  /** The sentences it cites, as indices into the extractive list. */
  cited: number[];
  model: string;
}

export interface StorySummary {
  sentences: SummarySentence[];
  written: Written | null;
  /** Why there is no written text although a model is configured. */
  fallback: string | null;
}

export interface StoryAnswer extends Answer {
  question: string;
  written: Written | null;
  fallback: string | null;
}

export function llmConfig(settings: Pick<Settings, 'llmUrl' | 'llmModel' | 'llmTimeoutMs' | 'llmApiKey'>): LlmConfig | null {
  if (!settings.llmUrl || !settings.llmModel) return null;
  return { url: settings.llmUrl, model: settings.llmModel, timeoutMs: settings.llmTimeoutMs, apiKey: settings.llmApiKey };
}

async function attempt<T>(work: () => Promise<T>): Promise<{ value: T | null; fallback: string | null }> {
  try {
    return { value: await work(), fallback: null };
  } catch (error) {
    if (error instanceof LlmError) return { value: null, fallback: `model unavailable: ${error.message}` };
    throw error;
  }
}

export async function storySummary(articles: StoryArticleText[], headline: string, config: LlmConfig | null): Promise<StorySummary> {
  const sentences = summariseStory(articles, 5);
  if (!config || !sentences.length) return { sentences, written: null, fallback: null };
  const { value, fallback } = await attempt(() => writeSummary(config, headline, sentences));
  return { sentences, written: value ? { ...value, model: config.model } : null, fallback };
}

export async function storyAnswer(articles: StoryArticleText[], question: string, config: LlmConfig | null, people: KnownPerson[] = []): Promise<StoryAnswer> {
  const answer = answerQuestion(articles, question, 3, people);
  // No relevant sentence: "I don't know", without asking the model to make something up.
  if (!config || !answer.found) return { ...answer, question, written: null, fallback: null };
  const { value, fallback } = await attempt(() => writeAnswer(config, question, answer.sentences));
  return { ...answer, question, written: value ? { ...value, model: config.model } : null, fallback };
}
