// Per-feed block and keep rules, applied to a feed's entries before they are stored (as Miniflux
// does): a block rule drops the entries it matches; when a feed has keep rules, only the entries
// one of them matches are stored. Pure: the rules come from the store, the entry from the parser.
import { RE2JS } from 're2js';
import type { FeedEntry } from '../feeds/types.ts';
import { REGEX_BODY_CHARS, ruleWords, textWords, type RuleField, type TextRuleKind } from './policy.ts';

export interface FeedRule {
  action: 'block' | 'keep';
  kind: TextRuleKind;
  field: RuleField;
  pattern: string;
}

export interface FeedRuleDecision {
  keep: boolean;
  /** Which rule decided, for logs: "block word \"sponsored\"", "no keep rule matched". */
  reason: string | null;
}

/** The entry's text as a rule reads it: the title, and the body's text without its markup. */
export interface RuleText {
  title: string;
  body: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function htmlToText(markup: string): string {
  return markup
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
        return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : ' ';
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    });
}

export function entryRuleText(entry: Pick<FeedEntry, 'title' | 'summaryHtml' | 'contentHtml'>): RuleText {
  return { title: entry.title ?? '', body: htmlToText(entry.contentHtml ?? entry.summaryHtml ?? '') };
}

const wordLine = (text: string) => ` ${textWords(text.slice(0, 1_000_000)).join(' ')} `;

// Compiled patterns are kept: a feed's rules run on every entry of every poll.
const compiled = new Map<string, RE2JS>();
function regexFor(pattern: string): RE2JS {
  let re = compiled.get(pattern);
  if (!re) {
    re = RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
    if (compiled.size > 1000) compiled.clear();
    compiled.set(pattern, re);
  }
  return re;
}

/** Whether one rule matches this text. Words and phrases match whole words, case and accents of width aside. */
export function ruleMatches(rule: Pick<FeedRule, 'kind' | 'field' | 'pattern'>, text: RuleText): boolean {
  const fields = rule.field === 'both' ? [text.title, text.body] : [rule.field === 'title' ? text.title : text.body];
  if (rule.kind === 'regex') {
    const re = regexFor(rule.pattern);
    return fields.some((f) => re.matcher(f.slice(0, REGEX_BODY_CHARS)).find());
  }
  const needle = ` ${ruleWords(rule.pattern).join(' ')} `;
  return fields.some((f) => wordLine(f).includes(needle));
}

const describeRule = (rule: FeedRule) => `${rule.action} ${rule.kind} "${rule.pattern}" on ${rule.field}`;

/** Whether a feed entry is stored under its feed's rules: blocks first, then keeps. */
export function applyFeedRules(entry: Pick<FeedEntry, 'title' | 'summaryHtml' | 'contentHtml'>, rules: FeedRule[]): FeedRuleDecision {
  if (!rules.length) return { keep: true, reason: null };
  const text = entryRuleText(entry);
  const blocking = rules.find((r) => r.action === 'block' && ruleMatches(r, text));
  if (blocking) return { keep: false, reason: describeRule(blocking) };
  const keeps = rules.filter((r) => r.action === 'keep');
  if (!keeps.length) return { keep: true, reason: null };
  const keeping = keeps.find((r) => ruleMatches(r, text));
  return keeping ? { keep: true, reason: describeRule(keeping) } : { keep: false, reason: 'no keep rule matched' };
}
