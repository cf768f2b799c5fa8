import { enrichArticle } from '../../src/enrich/index.ts';
const text = process.argv[2]!;
for (const f of enrichArticle({ title: '', text, publishedAt: null }).figures) console.log(f.text, '|', f.unit, '|', f.subject, '|', f.subjectKeys, '|', f.measure, f.change);
