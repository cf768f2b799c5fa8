// The search box's language, parsed into a tree: words, "quoted phrases", -exclusion (or NOT),
// OR, AND (also implied by a space) and parentheses. It accepts both the web-search style
// (`tariff "steel imports" -korea`) and the boolean style watches are written in
// (`tariff AND Korea AND NOT steel`). Malformed input is a QueryError naming what is wrong.

export type QueryNode = { kind: 'term'; text: string; phrase: boolean } | { kind: 'not'; child: QueryNode } | { kind: 'and'; children: QueryNode[] } | { kind: 'or'; children: QueryNode[] };

export class QueryError extends Error {}

export const QUERY_MAX_LENGTH = 500;
export const QUERY_MAX_TERMS = 32;
const MAX_DEPTH = 8;

type Token = { type: 'term'; text: string; phrase: boolean; negated: boolean } | { type: 'or' | 'and' | 'not' | 'open' | 'close'; negated: boolean };

// Characters that only separate words; tsquery's own operators among them are never passed to
// PostgreSQL as operators (terms go to websearch_to_tsquery as quoted text).
const SEPARATORS = /[\s\u3000]/u;

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    if (SEPARATORS.test(ch)) {
      i++;
      continue;
    }
    let negated = false;
    if (ch === '-' && i + 1 < input.length && !SEPARATORS.test(input[i + 1]!)) {
      negated = true;
      i++;
    }
    const c = input[i]!;
    if (c === '(' || c === ')') {
      if (c === ')' && negated) throw new QueryError('a minus sign must come before a word, a phrase or "("');
      tokens.push({ type: c === '(' ? 'open' : 'close', negated });
      i++;
      continue;
    }
    if (c === '"' || c === '\u201c' || c === '\u201d') {
      const end = input.slice(i + 1).search(/["\u201c\u201d]/);
      if (end < 0) throw new QueryError(`unclosed quote at character ${i + 1}`);
      const text = input
        .slice(i + 1, i + 1 + end)
        .trim()
        .replace(/\s+/g, ' ');
      i += end + 2;
      if (!text) continue; // "" means nothing
      tokens.push({ type: 'term', text, phrase: true, negated });
      continue;
    }
    let j = i;
    while (j < input.length && !SEPARATORS.test(input[j]!) && !'()"\u201c\u201d'.includes(input[j]!)) j++;
    const word = input.slice(i, j);
    i = j;
    if (!negated && (word === 'AND' || word === '&' || word === '&&')) tokens.push({ type: 'and', negated });
    else if (!negated && (word.toUpperCase() === 'OR' || word === '|' || word === '||')) tokens.push({ type: 'or', negated });
    else if (!negated && word === 'NOT') tokens.push({ type: 'not', negated });
    else if (word.replace(/[-_.,;:!?'’*+=/\\<>&|~^@#$%]/g, '')) tokens.push({ type: 'term', text: word, phrase: false, negated });
    // a word of punctuation alone finds nothing: dropped
  }
  return tokens;
}

/** Parses a query; throws QueryError for empty, unbalanced or dangling input. */
export function parseQuery(input: string): QueryNode {
  if (input.length > QUERY_MAX_LENGTH) throw new QueryError(`longer than ${QUERY_MAX_LENGTH} characters`);
  const tokens = tokenize(input.normalize('NFKC'));
  if (!tokens.some((t) => t.type === 'term')) throw new QueryError('no word to search for');
  if (tokens.filter((t) => t.type === 'term').length > QUERY_MAX_TERMS) {
    throw new QueryError(`more than ${QUERY_MAX_TERMS} words or phrases`);
  }
  let pos = 0;
  const peek = () => tokens[pos];

  // and := or ((AND)? or)* ; or := unary (OR unary)* ; unary := NOT unary | primary
  // OR binds tighter than AND, as in web search: `a b OR c` is a AND (b OR c).
  function parseAnd(depth: number): QueryNode {
    const children: QueryNode[] = [parseOr(depth)];
    while (pos < tokens.length && peek()!.type !== 'close') {
      if (peek()!.type === 'and') {
        pos++;
        if (pos >= tokens.length || peek()!.type === 'close') throw new QueryError('AND needs something after it');
        if (peek()!.type === 'and' || peek()!.type === 'or') throw new QueryError(`AND followed by ${peek()!.type.toUpperCase()}`);
      }
      children.push(parseOr(depth));
    }
    return children.length === 1 ? children[0]! : { kind: 'and', children };
  }
  function parseOr(depth: number): QueryNode {
    const children: QueryNode[] = [parseUnary(depth)];
    while (peek()?.type === 'or') {
      pos++;
      if (pos >= tokens.length || peek()!.type === 'close' || peek()!.type === 'and' || peek()!.type === 'or') {
        throw new QueryError('OR needs a word or phrase on each side');
      }
      children.push(parseUnary(depth));
    }
    return children.length === 1 ? children[0]! : { kind: 'or', children };
  }
  function parseUnary(depth: number): QueryNode {
    const token = peek();
    if (!token) throw new QueryError('the query ends too early');
    if (token.type === 'not') {
      pos++;
      if (!peek() || peek()!.type === 'close') throw new QueryError('NOT needs a word or phrase after it');
      return { kind: 'not', child: parseUnary(depth) };
    }
    if (token.type === 'open') {
      if (depth >= MAX_DEPTH) throw new QueryError(`parentheses nested more than ${MAX_DEPTH} deep`);
      pos++;
      if (peek()?.type === 'close') throw new QueryError('empty parentheses');
      const inner = parseAnd(depth + 1);
      if (peek()?.type !== 'close') throw new QueryError('unclosed parenthesis');
      pos++;
      return token.negated ? { kind: 'not', child: inner } : inner;
    }
    if (token.type === 'term') {
      pos++;
      const term: QueryNode = { kind: 'term', text: token.text, phrase: token.phrase };
      return token.negated ? { kind: 'not', child: term } : term;
    }
    if (token.type === 'close') throw new QueryError('a closing parenthesis without an opening one');
    throw new QueryError(`${token.type.toUpperCase()} needs a word or phrase before it`);
  }

  const tree = parseAnd(0);
  if (pos < tokens.length) throw new QueryError('a closing parenthesis without an opening one');
  if (!findable(tree)) throw new QueryError('only excluded words: say what to look for as well');
  return tree;
}

/** True when the query names something that must be present (an index can find it). */
export function findable(node: QueryNode): boolean {
  switch (node.kind) {
    case 'term':
      return true;
    case 'not':
      return false;
    case 'and':
      return node.children.some(findable);
    case 'or':
      return node.children.every(findable);
  }
}

/** The words and phrases a query looks for (not the excluded ones), for highlighting. */
export function positiveTerms(node: QueryNode): string[] {
  switch (node.kind) {
    case 'term':
      return [node.text];
    case 'not':
      return [];
    default:
      return node.children.flatMap(positiveTerms);
  }
}

/**
 * The query in web-search syntax (what websearch_to_tsquery reads): space for AND, OR, -word,
 * "phrase"; parentheses only where web-search syntax cannot say it otherwise.
 */
export function formatQuery(node: QueryNode, parent: 'and' | 'or' | 'not' | null = null): string {
  switch (node.kind) {
    case 'term':
      return node.phrase || /\s/.test(node.text) ? `"${node.text}"` : node.text;
    case 'not': {
      const inner = formatQuery(node.child, 'not');
      return `-${inner}`;
    }
    case 'or': {
      const text = node.children.map((c) => formatQuery(c, 'or')).join(' OR ');
      return parent === 'not' ? `(${text})` : text;
    }
    case 'and': {
      const text = node.children.map((c) => formatQuery(c, 'and')).join(' ');
      return parent === 'or' || parent === 'not' ? `(${text})` : text;
    }
  }
}
