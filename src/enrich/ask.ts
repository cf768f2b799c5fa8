// Questions over a story: BM25 over the story's sentences; the answer is the best few sentences,
// each cited to its article, or "I don't know" when no sentence carries enough of the question.
import { splitSentences, terms } from './sentences.ts';
import type { StoryArticleText, SummarySentence } from './summary.ts';

export interface Answer {
  /** False when nothing relevant was found: the answer is then "I don't know". */
  found: boolean;
  text: string;
  sentences: (SummarySentence & { score: number })[];
}

export const NO_ANSWER = "I don't know: the story's articles say nothing that answers this.";

const K1 = 1.2;
const B = 0.75;
// Share of the question's weight (by IDF) the best sentence must contain to count as an answer.
const MIN_COVERAGE = 0.3;

interface Doc {
  a: StoryArticleText;
  index: number;
  text: string;
  tf: Map<string, number>;
  length: number;
}

export function answerQuestion(articles: StoryArticleText[], question: string, maxSentences = 3): Answer {
  const queryTerms = [...new Set(terms(question))];
  const docs: Doc[] = [];
  const seen = new Set<string>();
  for (const a of articles) {
    for (const s of splitSentences(`${a.text}`)) {
      const key = s.text.toLowerCase().replace(/\W+/g, ' ');
      if (seen.has(key)) continue; // wire copies repeat sentences; rank each once
      seen.add(key);
      // Fragments ("Japan gets certainty.") match a question's words without answering it.
      if (s.text.split(/\s+/).length < 6) continue;
      const ts = terms(s.text);
      const tf = new Map<string, number>();
      for (const t of ts) tf.set(t, (tf.get(t) ?? 0) + 1);
      docs.push({ a, index: s.index, text: s.text, tf, length: ts.length });
    }
  }
  if (!queryTerms.length || !docs.length) return { found: false, text: NO_ANSWER, sentences: [] };
  const avgLength = docs.reduce((sum, d) => sum + d.length, 0) / docs.length;
  const idf = new Map<string, number>();
  let totalIdf = 0;
  for (const t of queryTerms) {
    const df = docs.filter((d) => d.tf.has(t)).length;
    idf.set(t, Math.log(1 + (docs.length - df + 0.5) / (df + 0.5)));
    // A question word no sentence has ("agree" phrased differently) weighs half: it should
    // lower confidence, not veto an answer the other words find.
    totalIdf += df ? idf.get(t)! : idf.get(t)! * 0.5;
  }
  const scored = docs
    .map((d) => {
      let score = 0;
      let covered = 0;
      for (const t of queryTerms) {
        const f = d.tf.get(t) ?? 0;
        if (!f) continue;
        covered += idf.get(t)!;
        score += (idf.get(t)! * f * (K1 + 1)) / (f + K1 * (1 - B + (B * d.length) / avgLength));
      }
      const coverage = totalIdf ? covered / totalIdf : 0;
      // A sentence carrying more of the question ranks above one repeating a single word of it.
      return { d, score: score * (0.5 + coverage), coverage };
    })
    .filter((x) => x.score > 0)
    .sort((x, y) => y.score - x.score);
  const best = scored[0];
  if (!best || best.coverage < MIN_COVERAGE) return { found: false, text: NO_ANSWER, sentences: [] };
  const chosen = scored.filter((x) => x.score >= best.score * 0.5 && x.coverage >= MIN_COVERAGE).slice(0, maxSentences);
  const sentences = chosen.map((x) => ({
    text: x.d.text, articleId: x.d.a.articleId, sourceName: x.d.a.sourceName, sentenceIndex: x.d.index, score: Number(x.score.toFixed(3)),
  }));
  return { found: true, text: sentences.map((s, i) => `${s.text} [${i + 1}]`).join(' '), sentences };
}
