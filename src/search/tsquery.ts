// Turns a parsed query into one SQL tsquery expression. Each word or phrase is its own bound
// parameter (websearch_to_tsquery for ordinary text, a bigram phrase cast to tsquery for CJK
// runs), combined with tsquery's && || !! operators, so user text is never spliced into SQL.
import type { QueryNode } from './query.ts';
import { runTsquery, splitCjk } from './cjk.ts';

/** Adds a parameter and returns its placeholder ($n). */
export type ParamFn = (value: unknown) => string;

/** The text-search configuration of the index (migration 006) and of every query. */
export const TS_CONFIG = 'english';

function termSql(text: string, param: ParamFn): string {
  const parts = splitCjk(text).map((segment) =>
    segment.cjk
      ? `${param(runTsquery(segment.text))}::tsquery`
      : // Quoted, so websearch reads the words as a phrase and none of them as an operator.
        `websearch_to_tsquery('${TS_CONFIG}', ${param(`"${segment.text.replace(/"/g, ' ')}"`)})`,
  );
  return parts.length === 1 ? parts[0]! : `(${parts.join(' && ')})`;
}

/** The query's operators over its terms, each term as `term` writes it; under a NOT always the exact term. */
function combineSql(node: QueryNode, param: ParamFn, term: (text: string, param: ParamFn) => string): string {
  switch (node.kind) {
    case 'term':
      return term(node.text, param);
    case 'not':
      return `(!! ${combineSql(node.child, param, termSql)})`;
    case 'and':
      return `(${node.children.map((c) => combineSql(c, param, term)).join(' && ')})`;
    case 'or':
      return `(${node.children.map((c) => combineSql(c, param, term)).join(' || ')})`;
  }
}

export function tsquerySql(node: QueryNode, param: ParamFn): string {
  return combineSql(node, param, termSql);
}

/** Whether a term's tsquery may hold a phrase operator: a non-CJK part of more than one word (or a hyphenated one), or a CJK run of three characters or more. */
function termMayBePhrase(text: string): boolean {
  return splitCjk(text).some((segment) => (segment.cjk ? [...segment.text].length >= 3 : /[^\p{L}\p{N}\p{M}]/u.test(segment.text)));
}

/** Whether a query has a phrase outside any NOT (see indexTsquerySql). */
export function hasPositivePhrase(node: QueryNode): boolean {
  switch (node.kind) {
    case 'term':
      return termMayBePhrase(node.text);
    case 'not':
      return false;
    default:
      return node.children.some(hasPositivePhrase);
  }
}

/**
 * The query with each phrase outside a NOT loosened to all of its words (AND): what the GIN index
 * is asked when the exact query is tested on the vector beside it. For a phrase GIN cannot tell
 * the order of the words, so it marks every row it returns for a recheck, and PostgreSQL rechecks
 * the whole indexed expression (the vector joined with the article's keys, migration 021): about
 * 50 us a row. Asked for the words alone, GIN answers exactly, and `ts_match_vq` on the stored
 * vector tests the phrase (a match of the phrase holds all its words, so nothing is lost). Under a
 * NOT the phrase stays as it is (loosened, it would exclude more).
 */
export function indexTsquerySql(node: QueryNode, param: ParamFn): string {
  return combineSql(node, param, wordsTermSql);
}

/** A term loosened to all of its words (AND), as indexTsquerySql asks the index. */
function wordsTermSql(text: string, param: ParamFn): string {
  const parts = splitCjk(text).map((segment) => (segment.cjk ? `${param(runTsquery(segment.text).replace(/ <-> /g, ' & '))}::tsquery` : `plainto_tsquery('${TS_CONFIG}', ${param(segment.text)})`));
  return parts.length === 1 ? parts[0]! : `(${parts.join(' && ')})`;
}
