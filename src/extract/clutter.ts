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
  const orphanCounts: OrphanCounts[] = [];
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
    orphanCounts.push(countOrphans(items.flatMap((i) => i.paragraphs)));
  }
  const threshold = minimumPages(dumpTexts.length);
  const clutterLines = [...pagesWith]
    .filter(([line, pages]) => pages >= threshold && !protectedLines.has(line))
    .map(([line]) => line)
    .sort();
  return {
    pages: dumpTexts.length,
    clutterLines,
    // Across the site a label may stand once per page: it must be on two pages or more.
    inlineClutter: [...orphansOf(orphanCounts)]
      .filter(([, pages]) => pages >= threshold)
      .map(([word]) => word)
      .sort(),
    sourceNames: [...sourceNames].sort(),
  };
}

const FUNCTION_WORDS = new Set([
  'A',
  'An',
  'The',
  'This',
  'That',
  'These',
  'Those',
  'It',
  'He',
  'She',
  'We',
  'They',
  'I',
  'You',
  'In',
  'On',
  'At',
  'For',
  'But',
  'And',
  'Or',
  'So',
  'Yet',
  'As',
  'If',
  'When',
  'While',
  'After',
  'Before',
  'Since',
  'Meanwhile',
  'However',
  'Still',
  'Now',
  'Then',
  'There',
  'Here',
  'Its',
  'His',
  'Her',
  'Their',
  'Our',
  'My',
  'Your',
  'Some',
  'Many',
  'Most',
  'All',
  'Both',
  'Each',
  'No',
  'Not',
]);

const BOUNDARY_BEFORE = /[.!?]["'”’)]?$/;

interface OrphanCounts {
  /** For each candidate word, the words that followed it ("" at a paragraph's end). */
  contexts: Map<string, Set<string>>;
  /** Words also seen inside a sentence, or in lower case: real words. */
  elsewhere: Set<string>;
}

function countOrphans(paragraphs: readonly string[]): OrphanCounts {
  const contexts = new Map<string, Set<string>>();
  const elsewhere = new Set<string>();
  for (const paragraph of paragraphs) {
    const tokens = paragraph.split(' ');
    tokens.forEach((token, i) => {
      const letters = token.replace(/[^\p{L}]/gu, '');
      if (/^[a-z]/.test(letters)) elsewhere.add(letters[0]!.toUpperCase() + letters.slice(1));
      if (!/^[A-Z][a-z]{2,}$/.test(token) || FUNCTION_WORDS.has(token)) return;
      const before = tokens[i - 1];
      const after = tokens[i + 1];
      const atBoundary = before !== undefined && BOUNDARY_BEFORE.test(before) && (after === undefined || /^[A-Z"'“‘]/.test(after));
      if (!atBoundary) {
        if (before !== undefined) elsewhere.add(token);
        return;
      }
      if (!contexts.has(token)) contexts.set(token, new Set());
      contexts.get(token)!.add(after ?? '');
    });
  }
  return { contexts, elsewhere };
}

function orphansOf(counts: OrphanCounts[]): Map<string, number> {
  const found = new Map<string, number>();
  const elsewhere = new Set(counts.flatMap((c) => [...c.elsewhere]));
  const followers = new Map<string, Set<string>>();
  for (const { contexts } of counts) {
    for (const [word, after] of contexts) {
      if (!followers.has(word)) followers.set(word, new Set());
      for (const a of after) followers.get(word)!.add(a);
      found.set(word, (found.get(word) ?? 0) + 1);
    }
  }
  // Two different sentences after it: a label dropped into the text, not a repeated quote
  // ("Hydrologist Tom Reyes said…" printed twice by two copies of one wire story).
  for (const word of [...found.keys()]) {
    if (elsewhere.has(word) || followers.get(word)!.size < 2) found.delete(word);
  }
  return found;
}

/**
 * Words that stand alone between sentences wherever they occur on a page, before at least two
 * different sentences: a dropped label such as "Advertisement" ("…per cent discount.
 * Advertisement The Law Society…"). A real word also occurs inside sentences, so it never qualifies.
 */
export function findOrphanWords(paragraphs: readonly string[]): string[] {
  return [...orphansOf([countOrphans(paragraphs)]).keys()];
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
