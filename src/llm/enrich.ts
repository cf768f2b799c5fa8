// What the model is asked to do for enrichment: write a story summary, or answer a question,
// from numbered sentences we already chose, citing them as [n]. A written text that cites no
// sentence, or one we did not give, is rejected, so a written answer always rests on sources; an
// answer must also cite the best sentence and state no number its cited sentences lack.
import { chatComplete, LlmError, type LlmConfig } from './client.ts';

export interface CitedSentence {
  text: string;
  articleId: number | null;
  sourceName: string | null;
}

export interface WrittenText {
  text: string;
  /** Which of the given sentences it cites (0-based). */
  cited: number[];
}

function numbered(sentences: CitedSentence[]): string {
  return sentences.map((s, i) => `[${i + 1}] (${s.sourceName ?? 'unknown source'}) ${s.text}`).join('\n');
}

/** Checks the citations: at least one, all within range. */
export function checkCitations(text: string, count: number): number[] {
  const cited = [...text.matchAll(/\[(\d{1,2})\]/g)].map((m) => Number(m[1]));
  if (!cited.length) throw new LlmError('the written text cites no sentence');
  const bad = cited.find((n) => n < 1 || n > count);
  if (bad !== undefined) throw new LlmError(`the written text cites [${bad}], which was not given`);
  return [...new Set(cited.map((n) => n - 1))].sort((a, b) => a - b);
}

export async function writeSummary(config: LlmConfig, headline: string, sentences: CitedSentence[]): Promise<WrittenText> {
  const text = await chatComplete(config, [
    {
      role: 'system',
      content: 'You summarise news stories for a reader. Use only the numbered sentences given. Write 3 to 5 plain sentences. ' + 'After each sentence put the numbers of the sentences it rests on, like [1] or [2][3]. Do not add facts.',
    },
    { role: 'user', content: `Story: ${headline}\n\nSentences:\n${numbered(sentences)}` },
  ]);
  return { text, cited: checkCitations(text, sentences.length) };
}

// Numbers as written ("15%", "Aug. 25", "3.5", "2030"), compared without their punctuation.
const NUMBERS = /\d+(?:[.,]\d+)*/g;

/**
 * Holds a written answer to the sentences it cites: it must cite the best one (the first given)
 * and may state no number (a rate, a day, a year) that its cited sentences do not hold, so a
 * model cannot answer with a figure from elsewhere or from memory.
 */
export function checkAnswerGrounded(text: string, cited: number[], sentences: CitedSentence[]): void {
  if (!cited.includes(0)) throw new LlmError('the written answer does not cite the best sentence [1]');
  const allowed = new Set(cited.flatMap((i) => sentences[i]!.text.match(NUMBERS) ?? []).map((n) => n.replace(/,/g, '')));
  const prose = text.replace(/\[\d{1,2}\]/g, ' ');
  const invented = (prose.match(NUMBERS) ?? []).map((n) => n.replace(/,/g, '')).find((n) => !allowed.has(n));
  if (invented !== undefined) throw new LlmError(`the written answer states ${invented}, which no sentence it cites holds`);
}

export async function writeAnswer(config: LlmConfig, question: string, sentences: CitedSentence[]): Promise<WrittenText> {
  const text = await chatComplete(config, [
    {
      role: 'system',
      content: 'You answer questions about a news story using only the numbered sentences given. Answer in at most 3 sentences, ' + "citing the sentences you rely on as [n]. If they do not answer the question, reply exactly: I don't know.",
    },
    { role: 'user', content: `Question: ${question}\n\nSentences:\n${numbered(sentences)}` },
  ]);
  if (/^i don'?t know\.?$/i.test(text.trim())) return { text: "I don't know.", cited: [] };
  const cited = checkCitations(text, sentences.length);
  checkAnswerGrounded(text, cited, sentences);
  return { text, cited };
}
