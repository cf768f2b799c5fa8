// The dump reader on pages it was not written against: dumps generated in both seed layouts from
// the demo corpus's articles (test/helpers/dump-generator.ts), with headlines glued to their first
// sentence, Title Case headlines, reworded clutter and ages in every unit; and the demo corpus's
// own dumps against its manifest. The generated articles are split by story: the splitter's cues
// were tuned on the dev stories only, and the test stories must come back exact just as often.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parsePageDump } from '../../src/extract/dump.ts';
import { splitGluedHeadline } from '../../src/extract/dump-headline.ts';
import { loadDemoArticles } from '../helpers/demo-articles.ts';
import { EVERY_VARIATION, SEED_LIKE, generateDump, generateDumps, mismatch, seededRandom, toTitleCase } from '../helpers/dump-generator.ts';
import { DEV_STORIES, scoreDumps } from '../helpers/dump-score.ts';

const demoDir = fileURLToPath(new URL('../../demo/', import.meta.url));
const haveDemo = existsSync(`${demoDir}manifest.json`) && existsSync(`${demoDir}src`);
if (!haveDemo) console.warn(`dump-generated.test: ${demoDir} is missing; the generated-dump checks are skipped`);

const read = (d: { text: string; asOf: Date }) => parsePageDump(d.text, { referenceTime: d.asOf, fallbackTime: d.asOf });

describe('splitting a headline glued to its first sentence', () => {
  it.each([
    ['Weiner Denies Sending Lewd Photo, Cannot Say Whether Image Is Him Rep. Anthony Weiner said on Wednesday that he did not send the picture to a student.', 'Weiner Denies Sending Lewd Photo, Cannot Say Whether Image Is Him'],
    ['Biden-Ryan Debate: All About Joe DANVILLE, Ky. — The vice president came to the debate ready to talk over his opponent for ninety minutes.', 'Biden-Ryan Debate: All About Joe'],
    ['Ferry service resumes after storm By Mara Lind The first ferry left the terminal at six on Tuesday morning with forty passengers aboard.', 'Ferry service resumes after storm'],
    ['Quay Wall Repairs Finish a Week Early The east quay wall reopened to ships on Friday, the port authority said in a statement.', 'Quay Wall Repairs Finish a Week Early'],
    ['Harbour Pilots Strike Over Pensions Harbour Pilots voted to walk out on Monday after talks with the port authority collapsed overnight.', 'Harbour Pilots Strike Over Pensions'],
    ['Storm closes harbour for third day Ferries stayed in port on Thursday as gusts of up to 90 kilometres an hour battered the coast.', 'Storm closes harbour for third day'],
  ])('%s', (line, headline) => {
    expect(splitGluedHeadline(line)?.headline).toBe(headline);
  });

  it('takes a headline printed elsewhere on the page over any guess', () => {
    const line = 'Gulls Return To The Breakwater In Record Numbers Ornithologists counted more than four hundred nesting pairs this spring.';
    expect(splitGluedHeadline(line, new Set(['gulls return to the breakwater in record numbers']))?.headline).toBe('Gulls Return To The Breakwater In Record Numbers');
  });

  it('leaves a plain sentence alone when nothing in it looks like a headline', () => {
    expect(splitGluedHeadline('The council met on Tuesday.')).toBeNull();
  });
});

describe.skipIf(!haveDemo)('generated dumps from the demo corpus', () => {
  const articles = haveDemo ? loadDemoArticles(demoDir) : [];
  const parts = {
    dev: articles.filter((a) => DEV_STORIES.has(a.group)),
    test: articles.filter((a) => !DEV_STORIES.has(a.group)),
  };

  it('has articles in both parts', () => {
    expect(parts.dev.length).toBeGreaterThan(10);
    expect(parts.test.length).toBeGreaterThan(10);
  });

  it.each([
    ['dev', 'seed wording', SEED_LIKE],
    ['test', 'seed wording', SEED_LIKE],
    ['dev', 'every variation', EVERY_VARIATION],
    ['test', 'every variation', EVERY_VARIATION],
  ] as const)('%s stories, %s: at least 95%% of the articles come back exact', (split, _name, variation) => {
    const dumps = generateDumps(parts[split], 60, variation, split === 'dev' ? 7 : 70);
    const score = scoreDumps(dumps, read, mismatch);
    const share = score.exact / score.articles;
    if (share < 0.95) console.warn(score.misses.slice(0, 20).join('\n'));
    expect(score.articles).toBeGreaterThan(250);
    expect(share).toBeGreaterThanOrEqual(0.95);
  });

  it('reads a glued Title Case related item in layout A under its own title, not with the first word of its body', () => {
    const [main, ...others] = parts.test;
    const related = others.slice(0, 3).map((a) => ({ ...a, title: toTitleCase(a.title) }));
    const dump = generateDump('glued', 'A', main!, related, new Date('2025-08-01T12:00:00Z'), { ...EVERY_VARIATION, glueRelated: 1, titleCase: 1, videoBlock: 0 }, seededRandom(3));
    expect(dump.text).toContain(`${toTitleCase(related[0]!.title)} ${related[0]!.paragraphs[0]!.replace(/\[\[|\]\]/g, '').slice(0, 20)}`);
    const page = read(dump);
    expect(page.related.map((a) => a.title)).toEqual(related.map((a) => toTitleCase(a.title)));
  });

  it("the mismatch check fails an article stored under a title that took the body's first word", () => {
    const dump = generateDumps(parts.dev, 1, SEED_LIKE, 1)[0]!;
    const want = dump.expected[1]!;
    const firstWord = want.text.split(' ')[0];
    expect(mismatch(want, { title: want.title, sourceName: want.sourceName, publishedAt: want.publishedAt, text: want.text })).toBeNull();
    expect(mismatch(want, { title: `${want.title} ${firstWord}`, sourceName: want.sourceName, publishedAt: want.publishedAt, text: want.text })).toMatch(/^title/);
    expect(mismatch(want, { title: want.title, sourceName: want.sourceName, publishedAt: new Date(want.publishedAt.getTime() - 2 * want.unitMs), text: want.text })).toMatch(/^time/);
  });
});

interface ManifestArticle {
  key: string;
  outlet: string;
  title: string;
  first_sentence: string;
  appears_in: { file: string; role: 'main' | 'related'; age?: string }[];
}

describe.skipIf(!haveDemo)("the demo corpus's own dumps, against its manifest", () => {
  const manifest = haveDemo ? (JSON.parse(readFileSync(`${demoDir}manifest.json`, 'utf8')) as { articles: ManifestArticle[] }) : { articles: [] };
  const files = [...new Set(manifest.articles.flatMap((a) => a.appears_in.map((p) => p.file)).filter((f) => f.startsWith('dumps/')))].sort();

  it.each(files)('%s: every article under its title, source, age and first words', (file) => {
    const page = parsePageDump(readFileSync(`${demoDir}${file}`, 'utf8'), { referenceTime: new Date('2025-08-01T00:00:00Z'), fallbackTime: new Date('2025-08-01T00:00:00Z') });
    const read = [page.main, ...page.related];
    for (const article of manifest.articles) {
      for (const place of article.appears_in.filter((p) => p.file === file)) {
        const got = read.find((a) => a.title === article.title);
        expect(got, `${article.key} in ${file}`).toBeDefined();
        expect(got!.role).toBe(place.role);
        if (place.role === 'related' || place.age) expect(got!.sourceName).toBe(article.outlet);
        if (place.age) expect(got!.publishedText).toBe(place.age);
        const words = (t: string) => (t.match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 6).join(' ');
        expect(words(got!.text)).toBe(words(article.first_sentence));
      }
    }
  });
});
