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

export function tsquerySql(node: QueryNode, param: ParamFn): string {
  switch (node.kind) {
    case 'term':
      return termSql(node.text, param);
    case 'not':
      return `(!! ${tsquerySql(node.child, param)})`;
    case 'and':
      return `(${node.children.map((c) => tsquerySql(c, param)).join(' && ')})`;
    case 'or':
      return `(${node.children.map((c) => tsquerySql(c, param)).join(' || ')})`;
  }
}
