// Builds src/enrich/tagger/case-profile.json.gz: how often each word is capitalised inside
// sentences of unlabelled news text (../shared/bench/news-clustering: news-cluster, ECB+,
// AllSides leads; article bodies only, no titles). Counts only; same data, same bytes.
// Run: npx tsx scripts/build-case-profile.ts (npm run train:entities runs it first).
import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CASE_PROFILE_FILE, countCases, serialiseCaseProfile } from '../src/enrich/tagger/case-profile.ts';
import { jsonlBodies } from './news-texts.ts';

const DIR = fileURLToPath(new URL('../../shared/bench/news-clustering/', import.meta.url));
const FILES = ['news-cluster.jsonl', 'ecbplus.jsonl', 'allsides-leads.jsonl'];
const MINIMUM = 3;

const missing = FILES.filter((f) => !existsSync(DIR + f));
if (missing.length) {
  console.error(`build-case-profile: ${missing.join(', ')} missing in ${DIR}; nothing to count`);
  process.exit(1);
}
const counts = countCases(jsonlBodies(DIR, FILES));
const bytes = serialiseCaseProfile(counts, MINIMUM, { from: FILES, minimum: MINIMUM });
writeFileSync(CASE_PROFILE_FILE, bytes);
console.log(`case profile: ${counts.size} words counted, kept those seen ${MINIMUM}+ times; wrote ${CASE_PROFILE_FILE} (${(bytes.length / 1024).toFixed(0)} KiB)`);
