// Translation through the optional OpenAI-compatible model (src/llm/client.ts): an article's
// title and text, or a story summary's sentences, into one language. Long texts go in chunks of
// whole paragraphs so each reply fits the model's output limit; paragraphs stay paragraphs.
import { chatComplete, LlmError, type LlmConfig } from '../llm/client.ts';

export const MAX_TRANSLATED_CHARS = 60_000;
const CHUNK_CHARS = 3_000;

export class TranslateInputError extends Error {}

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** The target language, checked: a BCP 47 code the runtime can name ("fr", "pt-BR", "zh-Hant"). */
export function targetLanguage(code: string): { code: string; name: string } {
  const trimmed = (code ?? '').trim();
  let canonical: string;
  try {
    if (!/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8}){0,2}$/.test(trimmed)) throw new RangeError();
    canonical = Intl.getCanonicalLocales(trimmed)[0]!;
  } catch {
    throw new TranslateInputError(`lang: expected a language code such as fr, de or pt-BR, got "${trimmed.slice(0, 40)}"`);
  }
  const name = languageNames.of(canonical);
  if (!name) throw new TranslateInputError(`lang: "${trimmed}" is not a language this server knows`);
  return { code: canonical, name };
}

/** Paragraph-aligned chunks of at most about CHUNK_CHARS (a longer paragraph is its own chunk). */
export function chunkParagraphs(text: string): string[] {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  const chunks: string[] = [];
  let current = '';
  for (const p of paragraphs) {
    if (current && current.length + p.length + 2 > CHUNK_CHARS) {
      chunks.push(current);
      current = '';
    }
    current = current ? `${current}\n\n${p}` : p;
  }
  if (current) chunks.push(current);
  return chunks;
}

const system = (language: string) =>
  `You translate news text into ${language}. Translate faithfully and completely: keep names, numbers and quotations exact, ` + 'keep the paragraph breaks, add nothing, explain nothing. Reply with the translation only.';

async function translateChunk(config: LlmConfig, language: string, text: string): Promise<string> {
  const reply = await chatComplete(
    config,
    [
      { role: 'system', content: system(language) },
      { role: 'user', content: text },
    ],
    {
      maxTokens: Math.max(400, Math.ceil(text.length / 2)),
    },
  );
  if (!reply.trim()) throw new LlmError('the reply is empty');
  return reply.trim();
}

export interface TranslatedText {
  title: string | null;
  text: string;
}

/** Translates a title (if any) and a text; an LlmError when the model fails. */
export async function translate(config: LlmConfig, language: string, original: { title: string | null; text: string }): Promise<TranslatedText> {
  const text = original.text.slice(0, MAX_TRANSLATED_CHARS);
  const title = original.title ? await translateChunk(config, language, original.title) : null;
  const parts: string[] = [];
  for (const chunk of chunkParagraphs(text)) parts.push(await translateChunk(config, language, chunk));
  return { title: title?.split('\n')[0]?.trim() || null, text: parts.join('\n\n') };
}
