// The unlabelled news text the tagger's count files learn from: the article bodies (the `text`
// field of each line, no titles) of ../shared/bench/news-clustering's JSONL files, in file and
// line order, so the same files give the same counts. Shared by build-case-profile.ts and
// build-word-clusters.ts.
import { readFileSync } from 'node:fs';

/** Article bodies of the JSONL files `files` in `dir`, one per line that has a text; a line that is not JSON is an error naming it. */
export function* jsonlBodies(dir: string, files: readonly string[]): Generator<string> {
  for (const file of files) {
    for (const [n, line] of readFileSync(dir + file, 'utf8')
      .split('\n')
      .entries()) {
      if (!line.trim()) continue;
      let row: { text?: unknown };
      try {
        row = JSON.parse(line);
      } catch {
        throw new Error(`${file}:${n + 1}: not JSON`);
      }
      if (typeof row.text === 'string') yield row.text;
    }
  }
}
