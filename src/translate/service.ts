// Translations as the server and CLI ask for them: the original (an article, or a story's
// extractive summary), the cached translation when it was made from the same original, else a
// new one from the model, stored. Without a configured model there is none (null config).
import type { Queryable } from '../store/db.ts';
import type { LlmConfig } from '../llm/client.ts';
import { getArticle } from '../store/articles.ts';
import { loadStoryMaterial } from '../store/enrich.ts';
import { storyHeadline } from '../store/stories.ts';
import { summariseStory } from '../enrich/summary.ts';
import { sha256 } from '../text/hash.ts';
import { getTranslation, saveTranslation, type StoredTranslation, type TranslationSubject } from '../store/translations.ts';
import { targetLanguage, translate } from './translate.ts';

export interface Original {
  title: string | null;
  text: string;
  /** The original's language, when known. */
  language: string | null;
}

export interface TranslationResult {
  original: Original;
  translation: StoredTranslation;
  /** True when it came from the cache, without a model call. */
  cached: boolean;
}

export async function originalOf(db: Queryable, subject: TranslationSubject, id: number): Promise<Original | null> {
  if (subject === 'article') {
    const article = await getArticle(db, id);
    return article ? { title: article.title, text: article.text, language: article.language } : null;
  }
  const material = await loadStoryMaterial(db, id);
  if (!material) return null;
  const headline = await storyHeadline(db, id);
  return {
    title: headline,
    text: summariseStory(material.texts, 5)
      .map((s) => s.text)
      .join('\n\n'),
    language: null,
  };
}

/** The translation of a subject into `lang` (checked; a TranslateInputError when bad); null when the subject does not exist. */
export async function translationOf(db: Queryable, config: LlmConfig, subject: TranslationSubject, id: number, lang: string): Promise<TranslationResult | null> {
  const language = targetLanguage(lang);
  const original = await originalOf(db, subject, id);
  if (!original) return null;
  const sourceHash = sha256(`${original.title ?? ''}\n${original.text}`);
  const cached = await getTranslation(db, subject, id, language.code);
  if (cached && cached.sourceHash === sourceHash) return { original, translation: cached, cached: true };
  const made = await translate(config, language.name, original);
  const translation = await saveTranslation(db, { subject, subjectId: id, language: language.code, sourceHash, title: made.title, text: made.text, model: config.model });
  return { original, translation, cached: false };
}
