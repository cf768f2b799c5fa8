// The web-page set (../shared/bench/article-extraction-web: trafilatura's evaluation pages, one
// half) and its metric: snippets the main text must hold ("with") and must not hold ("without"),
// counted over all pages. The set is split in two by page (a hash of the file name) so the
// extractor is tuned on dev and judged on test.
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { decodePage } from '../../src/extract/decode.ts';

export interface WebPage {
  id: string;
  url: string;
  html: string;
  with: string[];
  without: string[];
  split: 'dev' | 'test';
}

/** FNV-1a of the file name: a split that never changes when pages are added or reordered. */
function splitOf(file: string): 'dev' | 'test' {
  let hash = 0x811c9dc5;
  for (let i = 0; i < file.length; i++) hash = Math.imul(hash ^ file.charCodeAt(i), 0x01000193) >>> 0;
  return hash % 2 === 0 ? 'dev' : 'test';
}

export function haveWebSet(dir: string): boolean {
  return existsSync(`${dir}/evaldata.json`);
}

/** Every page of the set with its snippets; bytes decoded the way the importer decodes them. */
export function loadWebPages(dir: string): WebPage[] {
  const data = JSON.parse(readFileSync(`${dir}/evaldata.json`, 'utf8')) as Record<string, { file: string; with?: string[]; without?: string[] }>;
  const pages: WebPage[] = [];
  for (const [url, entry] of Object.entries(data)) {
    const path = `${dir}/html/${entry.file}.gz`;
    if (!existsSync(path)) continue;
    const { text } = decodePage(new Uint8Array(gunzipSync(readFileSync(path))));
    pages.push({ id: entry.file, url, html: text, with: entry.with ?? [], without: entry.without ?? [], split: splitOf(entry.file) });
  }
  return pages.sort((a, b) => a.id.localeCompare(b.id));
}

export interface SnippetCounts {
  tp: number;
  fn: number;
  fp: number;
  tn: number;
}

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The README's counting for one page: a `with` snippet found is a TP, a `without` found an FP. */
export function scoreSnippets(page: Pick<WebPage, 'with' | 'without'>, extracted: string): SnippetCounts {
  const text = collapse(extracted);
  const counts: SnippetCounts = { tp: 0, fn: 0, fp: 0, tn: 0 };
  for (const s of page.with)
    if (text.includes(collapse(s))) counts.tp++;
    else counts.fn++;
  for (const s of page.without)
    if (text.includes(collapse(s))) counts.fp++;
    else counts.tn++;
  return counts;
}

export interface SnippetSummary {
  pages: number;
  precision: number;
  recall: number;
  f1: number;
  /** Pages with `with` snippets where the extraction came back empty. */
  empty: number;
}

export function summariseSnippets(scores: SnippetCounts[], emptyPages: number): SnippetSummary {
  const sum = scores.reduce((a, s) => ({ tp: a.tp + s.tp, fn: a.fn + s.fn, fp: a.fp + s.fp, tn: a.tn + s.tn }), { tp: 0, fn: 0, fp: 0, tn: 0 });
  const precision = sum.tp + sum.fp > 0 ? sum.tp / (sum.tp + sum.fp) : 0;
  const recall = sum.tp + sum.fn > 0 ? sum.tp / (sum.tp + sum.fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { pages: scores.length, precision, recall, f1, empty: emptyPages };
}
