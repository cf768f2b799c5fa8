// Scores a reader's output on generated dumps (see dump-generator.ts): how many articles came back
// exact, and a line for each miss saying which dump, which article and what differed.
import type { ExtractedPage } from '../../src/model/index.ts';
import type { ExpectedArticle, GeneratedDump, ReadArticle } from './dump-generator.ts';

/** The demo stories tuned on; the others are the test part. */
export const DEV_STORIES = new Set(['tariffs', 'port-strike', 'alliance-summit', 'single']);

export interface DumpScore {
  articles: number;
  exact: number;
  mainExact: number;
  misses: string[];
}

export function scoreDumps(dumps: GeneratedDump[], read: (dump: GeneratedDump) => ExtractedPage, compare: (want: ExpectedArticle, got: ReadArticle | null) => string | null): DumpScore {
  const score: DumpScore = { articles: 0, exact: 0, mainExact: 0, misses: [] };
  for (const dump of dumps) {
    let page: ExtractedPage | null = null;
    try {
      page = read(dump);
    } catch (error) {
      score.misses.push(`${dump.name} (${dump.layout}): ${(error as Error).message}`);
    }
    dump.expected.forEach((want, n) => {
      score.articles++;
      let got: ReadArticle | null = null;
      if (page && n === 0) got = page.main;
      else if (page) {
        const index = page.links[n - 1]?.articleIndex;
        got = index === null || index === undefined ? null : (page.related[index] ?? null);
      }
      const why = compare(want, got);
      if (why === null) {
        score.exact++;
        if (n === 0) score.mainExact++;
      } else score.misses.push(`${dump.name} (${dump.layout}) ${want.role} ${n}: ${why}`);
    });
  }
  return score;
}
