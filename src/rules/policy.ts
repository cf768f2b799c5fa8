// What a mute/keep rule may say, checked once for every way in (API, pages, admin feed rules):
// its action, kind, field and pattern. A regular expression is bounded in size and restricted to
// what runs in linear time: it must parse as RE2 syntax (no backreferences, no lookaround) and
// use only the constructs PostgreSQL's regex engine reads the same way, so the reader's rules
// (matched in SQL) and the feed rules (matched here with RE2JS) mean one thing.
import { RE2JS } from 're2js';

export const RULE_KINDS = ['word', 'phrase', 'regex', 'source', 'entity'] as const;
export const FEED_RULE_KINDS = ['word', 'phrase', 'regex'] as const;
export const RULE_FIELDS = ['title', 'body', 'both'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];
export type RuleField = (typeof RULE_FIELDS)[number];
export type TextRuleKind = (typeof FEED_RULE_KINDS)[number];

export const MAX_PATTERN_LENGTH = 200;
/** Largest repeat count in {m,n}: PostgreSQL's own limit is 255. */
export const MAX_REPEAT = 100;
/** How much of a body a regular expression reads (the same cut in SQL and at ingest). */
export const REGEX_BODY_CHARS = 20_000;
export const MAX_RULES_PER_USER = 200;
export const MAX_RULES_PER_FEED = 50;

export class RuleInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** Throws a RuleInputError saying what is wrong with this regular expression, or returns it. */
export function checkRegex(pattern: string): string {
  if (pattern.length > MAX_PATTERN_LENGTH) throw new RuleInputError('pattern', `a regular expression is at most ${MAX_PATTERN_LENGTH} characters`);
  // Escapes mean different things in the two engines (\b is a backspace in PostgreSQL): allow
  // the classes both read alike and escaped punctuation, nothing else.
  for (const m of pattern.matchAll(/\\(.)/gsu)) {
    if (!/^[dDwWsS]$/.test(m[1]!) && /[\p{L}\p{N}]/u.test(m[1]!)) {
      throw new RuleInputError('pattern', `\\${m[1]} is not allowed in a rule (use \\d \\w \\s, their capitals, or an escaped punctuation mark)`);
    }
  }
  if (/\(\?(?!:)/.test(pattern.replace(/\\./g, ''))) {
    throw new RuleInputError('pattern', 'only (?:…) groups are allowed: no flags, named groups or lookaround');
  }
  for (const m of pattern.replace(/\\./g, '').matchAll(/\{(\d+)(?:,(\d*))?\}/g)) {
    if (Number(m[1]) > MAX_REPEAT || (m[2] && Number(m[2]) > MAX_REPEAT)) {
      throw new RuleInputError('pattern', `a repeat count is at most ${MAX_REPEAT}`);
    }
  }
  try {
    RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
  } catch (error) {
    throw new RuleInputError('pattern', `not a valid regular expression: ${(error as Error).message}`);
  }
  return pattern;
}

/** The words of a word or phrase rule, lower-cased; letters and digits only (how both matchers read them). */
export function ruleWords(pattern: string): string[] {
  return textWords(pattern).slice(0, 20);
}

/** Every word of a text, read the same way as a rule's words. */
export function textWords(text: string): string[] {
  return (
    text
      .toLowerCase()
      .normalize('NFKC')
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

export interface TextRuleInput {
  kind: string;
  field?: string;
  pattern: string;
}

export interface CheckedTextRule {
  kind: TextRuleKind;
  field: RuleField;
  pattern: string;
}

/** Checks a word, phrase or regex rule (the kinds a feed rule may have). */
export function checkTextRule(input: TextRuleInput, kinds: readonly string[] = FEED_RULE_KINDS): CheckedTextRule {
  if (!kinds.includes(input.kind)) throw new RuleInputError('kind', `expected one of ${kinds.join(', ')}, got "${input.kind}"`);
  const field = (input.field ?? 'both') as RuleField;
  if (!RULE_FIELDS.includes(field)) throw new RuleInputError('field', `expected title, body or both, got "${input.field}"`);
  const pattern = (input.pattern ?? '').trim();
  if (!pattern) throw new RuleInputError('pattern', 'is empty');
  if (pattern.length > MAX_PATTERN_LENGTH) throw new RuleInputError('pattern', `is at most ${MAX_PATTERN_LENGTH} characters`);
  if (/[\u0000]/.test(pattern)) throw new RuleInputError('pattern', 'contains a NUL character');
  const kind = input.kind as TextRuleKind;
  if (kind === 'regex') checkRegex(pattern);
  else {
    const words = ruleWords(pattern);
    if (!words.length) throw new RuleInputError('pattern', 'has no word (letters or digits) to match');
    if (kind === 'word' && words.length > 1) throw new RuleInputError('pattern', 'a word rule is one word; use a phrase rule for several');
  }
  return { kind, field, pattern };
}
