// A small corpus for the search tests: English, Chinese, Japanese and Korean articles from a
// few sources over a few days, stored through the real article store.
import type { Queryable } from '../../src/store/db.ts';
import type { ExtractedArticle } from '../../src/model/index.ts';
import { saveArticle } from '../../src/store/articles.ts';
import { extractedArticle } from '../helpers/article.ts';

/** The tests' plain extracted article (test/helpers/article.ts), under the name this corpus reads best with. */
export const article = extractedArticle;

export const CORPUS: ExtractedArticle[] = [
  article({
    title: 'Seoul weighs response to new steel tariffs',
    text: 'South Korea said on Tuesday it would study the tariffs on steel imports announced by Washington.\n\nOfficials in Seoul met exporters.',
    sourceName: 'Capital Wire',
    publishedAt: new Date('2025-08-01T09:00:00Z'),
  }),
  article({
    title: 'Port strike enters third week',
    text: 'Dock workers at the harbour kept their picket lines. Shipping lines diverted vessels to other ports. Tariffs were not discussed.',
    sourceName: 'Coastal Ledger',
    publishedAt: new Date('2025-08-02T12:00:00Z'),
  }),
  article({
    title: 'Japan and Korea sign trade deal',
    text: 'The agreement lowers tariffs on cars and electronics. Steel imports are excluded from the deal.',
    sourceName: 'Meridian Post',
    publishedAt: new Date('2025-08-03T08:30:00Z'),
  }),
  article({
    title: 'Central bank holds rates',
    text: 'The central bank kept its rate unchanged, citing uncertainty over trade policy.',
    sourceName: 'Capital Wire',
    publishedAt: new Date('2025-08-03T15:00:00Z'),
  }),
  article({
    title: '韩国对美国钢铁关税作出回应',
    text: '韩国政府周二表示，将研究美国宣布的钢铁进口关税。首尔官员会见了出口商。',
    sourceName: 'Xinhua Digest',
    language: 'zh',
    publishedAt: new Date('2025-08-01T11:00:00Z'),
  }),
  article({
    title: '日本と韓国が貿易協定に署名',
    text: '協定は自動車と電子機器の関税を引き下げる。鉄鋼の輸入は対象外となった。',
    sourceName: 'Tokyo Shimbun Digest',
    language: 'ja',
    publishedAt: new Date('2025-08-03T01:00:00Z'),
  }),
  article({
    title: '한국 정부, 철강 관세에 대응 검토',
    text: '한국 정부는 화요일 미국이 발표한 철강 수입 관세를 검토하겠다고 밝혔다. 서울의 관리들은 수출업체들과 만났다.',
    sourceName: 'Seoul Daily',
    language: 'ko',
    publishedAt: new Date('2025-08-01T13:00:00Z'),
  }),
  article({
    title: 'Les tarifs douaniers inquiètent les exportateurs',
    text: 'Les exportateurs français craignent les nouveaux tarifs sur l’acier.',
    sourceName: 'Meridian Post',
    language: 'fr',
    publishedAt: new Date('2025-08-02T07:00:00Z'),
  }),
];

/** Stores the corpus; returns the ids by title. */
export async function seedCorpus(db: Queryable): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const a of CORPUS) ids.set(a.title, (await saveArticle(db, a, null)).id);
  return ids;
}
