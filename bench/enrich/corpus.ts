// The articles the enrichment stage's speed and output benches run over: the demo corpus, and the
// seed pages with their related articles when ../shared is present (dated at the seeds' week).
import { readSeedArticle, readSeedRelated, seedFiles, seedsPresent } from '../../test/fixtures/gold/seeds.ts';
import { demoArticles } from '../../test/fixtures/gold/demo-corpus.ts';

const SEED_WEEK = new Date('2025-08-05T00:00:00Z');

export function stageCorpus(): { title: string; text: string; publishedAt: Date | null }[] {
  return [
    ...demoArticles().map((a) => ({ title: a.title, text: a.text, publishedAt: a.publishedAt })),
    ...(seedsPresent() ? seedFiles().flatMap((f) => [readSeedArticle(f), ...readSeedRelated(f)].map((a) => ({ title: a.title, text: a.text, publishedAt: SEED_WEEK }))) : []),
  ];
}
