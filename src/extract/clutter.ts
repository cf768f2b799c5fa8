// Finds page furniture by a general method rather than a list of strings: lines that recur
// across pages of one site (promotions, comment boxes, headings, app-download blocks), and
// words a page drops between sentences ("Advertisement"). Titles, sources and age stamps also
// recur across a site's pages (the same related article is listed on many of them), so lines in
// those roles, and long running text, are never taken for clutter.
import { segmentDump, type SiteProfile } from './dump-structure.ts';
import { normaliseLine, wordCount } from './dump-lines.ts';

export type { SiteProfile } from './dump-structure.ts';

const PROTECTED_ROLES = new Set(['title', 'title-copy', 'time', 'source', 'source-echo']);

/** A line recurring on at least this many of the pages is the site's furniture. */
function minimumPages(pageCount: number): number {
  return Math.max(2, Math.ceil(pageCount * 0.1));
}

/** Learns a site's clutter from several of its pages, imported together. */
export function buildSiteProfile(dumpTexts: string[]): SiteProfile {
  const pagesWith = new Map<string, number>();
  const protectedLines = new Set<string>();
  const sourceNames = new Set<string>();
  const orphanPages = new Map<string, number>();
  for (const text of dumpTexts) {
    const { units, items } = segmentDump(text);
    const seen = new Set<string>();
    for (const u of units) {
      if (u.role === 'blank') continue;
      const line = normaliseLine(u.text);
      seen.add(line);
      // Long running text is an article's even when two pages carry the same article.
      if (PROTECTED_ROLES.has(u.role) || (u.role === 'body' && wordCount(u.text) >= 30)) protectedLines.add(line);
      if (u.role === 'source') sourceNames.add(u.text);
    }
    for (const item of items) if (item.sourceName) sourceNames.add(item.sourceName);
    for (const line of seen) pagesWith.set(line, (pagesWith.get(line) ?? 0) + 1);
    for (const word of findOrphanWords(items.flatMap((i) => i.paragraphs))) {
      orphanPages.set(word, (orphanPages.get(word) ?? 0) + 1);
    }
  }
  const threshold = minimumPages(dumpTexts.length);
  const clutterLines = [...pagesWith]
    .filter(([line, pages]) => pages >= threshold && !protectedLines.has(line))
    .map(([line]) => line)
    .sort();
  return {
    pages: dumpTexts.length,
    clutterLines,
    inlineClutter: [...orphanPages.keys()].sort(),
    sourceNames: [...sourceNames].sort(),
  };
}

const FUNCTION_WORDS = new Set([
  'A', 'An', 'The', 'This', 'That', 'These', 'Those', 'It', 'He', 'She', 'We', 'They', 'I', 'You',
  'In', 'On', 'At', 'For', 'But', 'And', 'Or', 'So', 'Yet', 'As', 'If', 'When', 'While', 'After',
  'Before', 'Since', 'Meanwhile', 'However', 'Still', 'Now', 'Then', 'There', 'Here', 'Its', 'His',
  'Her', 'Their', 'Our', 'My', 'Your', 'Some', 'Many', 'Most', 'All', 'Both', 'Each', 'No', 'Not',
]);

const BOUNDARY_BEFORE = /[.!?]["'”’)]?$/;

/**
 * Words that stand alone between sentences wherever they occur on a page, at least twice:
 * a dropped label such as "Advertisement" ("…per cent discount. Advertisement The Law Society…").
 * A real word also occurs inside sentences, so it never qualifies.
 */
export function findOrphanWords(paragraphs: string[]): string[] {
  const orphan = new Map<string, number>();
  const elsewhere = new Set<string>();
  for (const paragraph of paragraphs) {
    const tokens = paragraph.split(' ');
    tokens.forEach((token, i) => {
      if (!/^[A-Z][a-z]{2,}$/.test(token) || FUNCTION_WORDS.has(token)) return;
      const before = tokens[i - 1];
      const after = tokens[i + 1];
      const atBoundary =
        (before === undefined || BOUNDARY_BEFORE.test(before)) && (after === undefined || /^[A-Z"'“‘]/.test(after));
      if (atBoundary && before !== undefined) orphan.set(token, (orphan.get(token) ?? 0) + 1);
      else elsewhere.add(token);
    });
    // The same word in lower case inside a sentence is a real word, too.
    for (const token of tokens) {
      const letters = token.replace(/[^\p{L}]/gu, '');
      if (/^[a-z]/.test(letters)) elsewhere.add(`~${letters}`);
    }
  }
  return [...orphan]
    .filter(([word, n]) => n >= 2 && !elsewhere.has(word) && !elsewhere.has(`~${word.toLowerCase()}`))
    .map(([word]) => word);
}

/** Removes clutter words standing between sentences; returns what was removed. */
export function removeInlineClutter(paragraph: string, words: readonly string[]): { text: string; removed: string[] } {
  if (words.length === 0) return { text: paragraph, removed: [] };
  const removed: string[] = [];
  const tokens = paragraph.split(' ');
  const kept = tokens.filter((token, i) => {
    if (!words.includes(token)) return true;
    const before = tokens[i - 1];
    const after = tokens[i + 1];
    const atBoundary = (before === undefined || BOUNDARY_BEFORE.test(before)) && (after === undefined || /^[A-Z"'“‘]/.test(after));
    if (atBoundary) removed.push(token);
    return !atBoundary;
  });
  return { text: kept.join(' ').trim(), removed };
}
