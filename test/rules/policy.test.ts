// The rules' pure parts: which regular expressions are accepted (RE2 syntax, size, repeat and
// escape limits), and feed block/keep decisions on entries as the parser gives them.
import { describe, expect, it } from 'vitest';
import { checkRegex, checkTextRule, RuleInputError } from '../../src/rules/policy.ts';
import { applyFeedRules, ruleMatches, type FeedRule } from '../../src/rules/feed.ts';

const entry = (title: string, contentHtml: string | null, summaryHtml: string | null = null) => ({ title, contentHtml, summaryHtml });

describe('regular expressions in rules', () => {
  it('accepts the common, linear-time constructs', () => {
    for (const ok of ['tariff', 'tar+iffs?', '^live:', '(?:crypto|bitcoin) (?:price|rally)', '\\d{2,4} dead', 'a\\.b', '[A-Z]{3}\\s']) {
      expect(checkRegex(ok)).toBe(ok);
    }
  });
  it('refuses backreferences, lookaround, flags, engine-specific escapes, huge repeats and long patterns, naming the problem', () => {
    const cases: [string, RegExp][] = [
      ['(a)\\1', /\\1 is not allowed/],
      ['foo(?=bar)', /only \(\?:…\) groups/],
      ['(?i)foo', /only \(\?:…\) groups/],
      ['\\bword\\b', /\\b is not allowed/],
      ['a{1,1000}', /repeat count is at most 100/],
      ['x'.repeat(201), /at most 200 characters/],
      ['(unclosed', /not a valid regular expression/],
    ];
    for (const [pattern, message] of cases) {
      expect(() => checkRegex(pattern), pattern).toThrowError(RuleInputError);
      expect(() => checkRegex(pattern), pattern).toThrowError(message);
    }
  });
  it('matches a pattern that backtracks catastrophically in JavaScript in linear time', () => {
    // (a+)+$ against "aaaa…b" takes exponential time in a backtracking engine; RE2 answers at once.
    const rule = { kind: 'regex' as const, field: 'title' as const, pattern: '(?:a+)+$' };
    expect(checkRegex(rule.pattern)).toBe(rule.pattern);
    // With JavaScript's RegExp this call would not return; the test would hang instead of passing.
    expect(ruleMatches(rule, { title: 'a'.repeat(5000) + 'b', body: '' })).toBe(false);
    expect(ruleMatches(rule, { title: 'b' + 'a'.repeat(5000), body: '' })).toBe(true);
  });
  it('checks words and phrases', () => {
    expect(checkTextRule({ kind: 'word', pattern: '  Tariff ' })).toEqual({ kind: 'word', field: 'both', pattern: 'Tariff' });
    expect(() => checkTextRule({ kind: 'word', pattern: 'two words' })).toThrowError(/use a phrase rule/);
    expect(() => checkTextRule({ kind: 'phrase', pattern: '!!! ...' })).toThrowError(/no word/);
    expect(() => checkTextRule({ kind: 'phrase', field: 'headline', pattern: 'x' })).toThrowError(/field: expected title, body or both/);
    expect(() => checkTextRule({ kind: 'source', pattern: 'x' })).toThrowError(/kind: expected one of word, phrase, regex/);
  });
});

describe('feed block and keep rules at ingest', () => {
  const block = (kind: FeedRule['kind'], pattern: string, field: FeedRule['field'] = 'both'): FeedRule => ({ action: 'block', kind, field, pattern });
  const keep = (kind: FeedRule['kind'], pattern: string, field: FeedRule['field'] = 'both'): FeedRule => ({ action: 'keep', kind, field, pattern });

  it('stores everything without rules', () => {
    expect(applyFeedRules(entry('Anything', null), [])).toEqual({ keep: true, reason: null });
  });
  it('drops entries a block rule matches, by whole words, in the title or the text without markup', () => {
    const rules = [block('word', 'sponsored'), block('phrase', 'live blog', 'title')];
    expect(applyFeedRules(entry('Sponsored: a new phone', null), rules)).toEqual({ keep: false, reason: 'block word "sponsored" on both' });
    expect(applyFeedRules(entry('Phones', '<p>This post is <b>sponsored</b> by&nbsp;them</p>'), rules).keep).toBe(false);
    expect(applyFeedRules(entry('Sponsorship deals rise', null), rules).keep).toBe(true); // a whole word, not a prefix
    expect(applyFeedRules(entry('Election: Live  Blog', null), rules).keep).toBe(false);
    expect(applyFeedRules(entry('Election', '<p>follow our live blog</p>'), rules).keep).toBe(true); // that phrase rule reads titles only
  });
  it('keeps only the entries a keep rule matches, blocks first', () => {
    const rules = [keep('regex', '^(?:Korea|Japan) ', 'title'), block('word', 'rumour')];
    expect(applyFeedRules(entry('Korea tariff deal', null), rules)).toMatchObject({ keep: true });
    expect(applyFeedRules(entry('Korea rumour mill', null), rules)).toMatchObject({ keep: false, reason: 'block word "rumour" on both' });
    expect(applyFeedRules(entry('Football results', '<p>Korea won</p>'), rules)).toEqual({ keep: false, reason: 'no keep rule matched' });
  });
});
