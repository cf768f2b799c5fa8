// Reads the hand annotations of real news (annotations/<source>.json, format in annotations/README.md):
// the article text comes from ../shared/bench/news-clustering/<source>.jsonl (title, a blank line, text),
// or for `article-extraction` from ../shared/bench/article-extraction/ground-truth.json (the gold main text),
// every listed name is marked where it stands as a whole word (case-sensitive, the longer of two
// overlapping names wins, `except` retypes or drops the n-th occurrence of a string), and the text is
// cut into sentences and tokens by the tagger's own splitter and tokeniser (tokens.ts), as the stage
// sees it at run time. Each article becomes a CorpusDoc of corpus `news-ner`, part = its source, with
// IOB2 tags, plus its text and gold character spans for scoring the stage on the text itself.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ENTITY_TYPES, type CorpusDoc, type EntityType, type Split } from './conll.ts';
import type { TypedSpan } from './score.ts';
import { tokeniseSentences } from './tokens.ts';

export const NEWS_CORPUS = 'news-ner';
export const ANNOTATION_SOURCES = ['news-cluster', 'ecbplus', 'allsides-leads', 'article-extraction'] as const;
/**
 * How many of a source's picks (in pick order) the shipped model is trained on; the rest are measured
 * (bench/entities) but not learned from. ecbplus picks 109-220 were trained on once (MODEL.md, "ECB+
 * rounds four to seven") and left the dev parts where they were over three seeds, while two sentences read
 * worse; so the shipped file stays the one built from the first 108, and `npm run train:entities` rebuilds
 * exactly that file. Raise the bound (or drop it) when a retrain on the rest measures better on dev.
 */
export const TRAINED_PICKS: Readonly<Partial<Record<string, number>>> = { ecbplus: 108 };
/** Whether an annotated article is among the picks the shipped model is trained on (train and dev splits alike). */
export const isTrainedPick = (doc: { part: string; index: number }): boolean => doc.index < (TRAINED_PICKS[doc.part] ?? Number.POSITIVE_INFINITY);
export const ANNOTATIONS_DIR = fileURLToPath(new URL('./annotations/', import.meta.url));
export const NEWS_TEXT_DIR = fileURLToPath(new URL('../../../../shared/bench/news-clustering/', import.meta.url));
/** The extraction benchmark's gold main texts (source `article-extraction`), beside news-clustering. */
export const EXTRACTION_TRUTH = fileURLToPath(new URL('../../../../shared/bench/article-extraction/ground-truth.json', import.meta.url));

export interface AnnotatedArticle {
  id: string;
  split: Split;
  names: [string, EntityType][];
  except?: [string, number, EntityType | null][];
}
export interface AnnotationFile {
  source: string;
  articles: AnnotatedArticle[];
}

/** A news article as a corpus document, with the text the stage reads and the gold spans in it. */
export interface NewsDoc extends CorpusDoc {
  id: string;
  text: string;
  spans: TypedSpan[];
  /** Character ranges of names the tokens cannot hold (a name ending inside a token): not scored. */
  unscored: [number, number][];
}

interface TextRow {
  id: string;
  title: string | null;
  text: string;
}

/** The annotated text of an article: its title (when it has one), a blank line, then its text. */
export const annotatedText = (row: { title: string | null; text: string }): string => (row.title ? `${row.title}\n\n${row.text}` : row.text);

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Start offsets of every whole-word, case-sensitive occurrence of `s` in `text`. */
export function occurrences(text: string, s: string): number[] {
  const out: number[] = [];
  if (!s) return out;
  for (let i = text.indexOf(s); i >= 0; i = text.indexOf(s, i + 1)) {
    const before = i > 0 ? text[i - 1]! : '';
    const after = text[i + s.length] ?? '';
    // A letter or digit beside the string makes it part of a longer word; surrogate pairs count by their code point.
    const prev = i > 1 && /[\uDC00-\uDFFF]/.test(before) ? text.slice(i - 2, i) : before;
    const next = /[\uD800-\uDBFF]/.test(after) ? text.slice(i + s.length, i + s.length + 2) : after;
    if ((!prev || !WORD_CHAR.test(prev)) && (!next || !WORD_CHAR.test(next))) out.push(i);
  }
  return out;
}

const isType = (t: unknown): t is EntityType => (ENTITY_TYPES as readonly string[]).includes(t as string);

/**
 * The names of one article as character spans, by the README's rules. `where` names the file and
 * article in errors: a listed string that does not occur, an `except` past the last occurrence, an
 * unknown type.
 */
export function markNames(text: string, article: Pick<AnnotatedArticle, 'names' | 'except'>, where: string): TypedSpan[] {
  // Every occurrence of every listed string is a candidate; `except` retypes or drops one.
  const candidates = new Map<string, { start: number; end: number; type: EntityType | null }>();
  const key = (start: number, end: number) => `${start}:${end}`;
  if (!Array.isArray(article.names)) throw new Error(`${where}: "names" must be a list of [string, type]`);
  for (const entry of article.names) {
    const [name, type] = entry;
    if (!Array.isArray(entry) || entry.length !== 2 || typeof name !== 'string') throw new Error(`${where}: a name must be [string, type], got ${JSON.stringify(entry)}`);
    if (!isType(type)) throw new Error(`${where}: "${name}" has an unknown type ${JSON.stringify(type)} (PER, ORG or LOC)`);
    const found = occurrences(text, name);
    if (!found.length) throw new Error(`${where}: "${name}" does not occur in the text (as a whole word, case-sensitive)`);
    for (const start of found) {
      const k = key(start, start + name.length);
      const seen = candidates.get(k);
      if (seen && seen.type !== type) throw new Error(`${where}: "${name}" is listed twice with different types (${seen.type}, ${type})`);
      candidates.set(k, { start, end: start + name.length, type });
    }
  }
  for (const entry of article.except ?? []) {
    const [name, n, type] = entry;
    if (!Array.isArray(entry) || entry.length !== 3 || typeof name !== 'string' || !Number.isInteger(n) || n < 1) {
      throw new Error(`${where}: an except must be [string, occurrence from 1, type or null], got ${JSON.stringify(entry)}`);
    }
    if (type !== null && !isType(type)) throw new Error(`${where}: except "${name}" ${n} has an unknown type ${JSON.stringify(type)} (PER, ORG, LOC or null)`);
    const found = occurrences(text, name);
    if (n > found.length) throw new Error(`${where}: except "${name}" ${n}: the string occurs ${found.length} time${found.length === 1 ? '' : 's'}`);
    const start = found[n - 1]!;
    candidates.set(key(start, start + name.length), { start, end: start + name.length, type });
  }
  // The longer of two overlapping names wins (then the earlier); a dropped occurrence claims nothing.
  const ordered = [...candidates.values()].filter((c) => c.type !== null).sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: TypedSpan[] = [];
  for (const c of ordered) if (!kept.some((k) => k.start < c.end && c.start < k.end)) kept.push({ start: c.start, end: c.end, type: c.type! });
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * Sentences of IOB2 tags over the tagger's own tokens of `text`. A name whose edge falls inside a
 * token ("Washington" of "Washington-based") or that a sentence break cuts is neither learned nor
 * scored (its tokens are unknown, its characters listed in `unscored`).
 */
export function iobSentences(text: string, spans: readonly TypedSpan[]): { sentences: CorpusDoc['sentences']; unscored: [number, number][] } {
  const sentences = tokeniseSentences(text).map((tokens) => ({ tokens, tags: tokens.map(() => 'O'), known: tokens.map(() => true) }));
  const unscored: [number, number][] = [];
  for (const span of spans) {
    const hits: [number, number][] = [];
    let aligned = true;
    for (const [si, s] of sentences.entries()) {
      for (const [ti, t] of s.tokens.entries()) {
        if (t.end <= span.start || t.start >= span.end) continue;
        hits.push([si, ti]);
        if (t.start < span.start || t.end > span.end) aligned = false;
      }
    }
    if (!hits.length) continue;
    if (hits.some(([si]) => si !== hits[0]![0])) aligned = false;
    for (const [i, [si, ti]] of hits.entries()) {
      const s = sentences[si]!;
      if (aligned) s.tags[ti] = `${i ? 'I' : 'B'}-${span.type}`;
      else s.known[ti] = false;
    }
    if (aligned) continue;
    // One range per token run: "HP" and "EDS" of "HP-EDS" leave one.
    const range: [number, number] = [Math.min(span.start, ...hits.map(([si, ti]) => sentences[si]!.tokens[ti]!.start)), Math.max(span.end, ...hits.map(([si, ti]) => sentences[si]!.tokens[ti]!.end))];
    if (!unscored.some(([a, b]) => a === range[0] && b === range[1])) unscored.push(range);
  }
  return { sentences: sentences.map((s) => ({ tokens: s.tokens.map((t) => t.text), tags: s.tags, known: s.known })), unscored };
}

/** The extraction benchmark's gold texts as rows by id (no title: the annotated text is the gold main text). */
export function extractionRows(file = EXTRACTION_TRUTH): Map<string, TextRow & { url: string }> {
  let data: Record<string, { articleBody?: unknown; url?: unknown }>;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
  const rows = new Map<string, TextRow & { url: string }>();
  for (const [id, page] of Object.entries(data)) {
    if (typeof page?.articleBody === 'string') rows.set(id, { id, title: null, text: page.articleBody, url: typeof page.url === 'string' ? page.url : '' });
  }
  return rows;
}

/** The rows of a source's jsonl by id. */
function readRows(file: string): Map<string, TextRow> {
  const rows = new Map<string, TextRow>();
  for (const [i, line] of readFileSync(file, 'utf8').split('\n').entries()) {
    if (!line.trim()) continue;
    let row: TextRow;
    try {
      row = JSON.parse(line) as TextRow;
    } catch (error) {
      throw new Error(`${file}:${i + 1}: not JSON (${(error as Error).message})`);
    }
    rows.set(row.id, row);
  }
  return rows;
}

/** Parses one annotation file against its source's rows; errors name the file, the article and the string. */
export function parseAnnotations(json: string, file: string, rows: ReadonlyMap<string, { title: string | null; text: string }>, source?: string): NewsDoc[] {
  let data: AnnotationFile;
  try {
    data = JSON.parse(json) as AnnotationFile;
  } catch (error) {
    throw new Error(`${file}: not JSON (${(error as Error).message})`);
  }
  if (!data || typeof data.source !== 'string' || !Array.isArray(data.articles)) throw new Error(`${file}: expected {"source": …, "articles": [...]}`);
  if (source && data.source !== source) throw new Error(`${file}: "source" is ${JSON.stringify(data.source)}, expected ${JSON.stringify(source)}`);
  const seen = new Set<string>();
  return data.articles.map((article, index) => {
    const where = `${file}: article ${JSON.stringify(article?.id)}`;
    if (seen.has(article.id)) throw new Error(`${where}: listed twice`);
    seen.add(article.id);
    if (!['train', 'dev', 'test'].includes(article.split)) throw new Error(`${where}: split ${JSON.stringify(article.split)} is not train, dev or test`);
    const row = rows.get(article.id);
    if (!row) throw new Error(`${where}: no article with this id in the ${data.source} source file`);
    const text = annotatedText(row);
    const spans = markNames(text, article, where);
    const { sentences, unscored } = iobSentences(text, spans);
    return { corpus: NEWS_CORPUS, part: data.source, index, split: article.split, id: article.id, text, spans, unscored, sentences };
  });
}

/**
 * Where a source's text is and how its rows are read: the news-clustering files are <source>.jsonl;
 * the extraction benchmark's gold texts sit beside them, in ../article-extraction/ground-truth.json.
 */
function sourceText(source: string, textDir: string): { file: string; rows(): Map<string, TextRow> } {
  if (source === 'article-extraction') {
    const file = `${textDir}../article-extraction/ground-truth.json`;
    return { file, rows: () => extractionRows(file) };
  }
  const file = `${textDir}${source}.jsonl`;
  return { file, rows: () => readRows(file) };
}

export const newsTextPresent = (dir = NEWS_TEXT_DIR): boolean => existsSync(dir);

/**
 * Every committed annotation file, read against ../shared's text. Without ../shared (or without a
 * source's annotation file) that source gives nothing.
 */
export function loadNewsAnnotations(options: { annotationsDir?: string; textDir?: string; sources?: readonly string[] } = {}): NewsDoc[] {
  const annotationsDir = options.annotationsDir ?? ANNOTATIONS_DIR;
  const textDir = options.textDir ?? NEWS_TEXT_DIR;
  const docs: NewsDoc[] = [];
  for (const source of options.sources ?? ANNOTATION_SOURCES) {
    const file = `${annotationsDir}${source}.json`;
    const text = sourceText(source, textDir);
    if (!existsSync(file) || !existsSync(text.file)) continue;
    docs.push(...parseAnnotations(readFileSync(file, 'utf8'), file, text.rows(), source));
  }
  return docs;
}
