// The demo with the seeds as a reader meets it, on both engines, through the real demo import (demo/
// and ../shared/seeds, as `dateline demo` does it) and HTTP: the questions a reader of the seeds
// asks (each answer's top sentence holds what was asked — a rate, a date, a person —, no sentence is
// cited twice, an unrelated question gets "I don't know", a model's written answer from a fake
// OpenAI-compatible server on 127.0.0.1 is held to the sentences it cites), and the story page's
// figures (with subjects, none only repeating what is counted, "sources differ" only when sources
// do), timeline (without repeats) and quotes (with real speakers).
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { testEngines } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { importPaths } from '../../src/cli/commands/import.ts';
import { demoDir, readDemoManifest, seedsDir } from '../../src/cli/commands/serve.ts';
import { buildServer } from '../../src/server/app.ts';
import { makeContext } from '../../src/server/context.ts';
import { loadSettings } from '../../src/config.ts';
import { NO_ANSWER } from '../../src/enrich/ask.ts';
import { terms } from '../../src/text/tokenise.ts';

const present = existsSync(seedsDir) && existsSync(demoDir + 'manifest.json');
if (!present) console.warn(`[dateline tests] skipping the ask acceptance tests: seeds (${seedsDir}) or demo manifest missing`);

/** Question, the title of an article of the story to ask, and what the top sentence must hold. */
const QUESTIONS: { q: string; story: string; holds: RegExp[] }[] = [
  { q: 'What tariff rate did South Korea get?', story: 'South Korea clinches 15% tariff deal', holds: [/\b15%/, /South Korea|Korean/] },
  { q: 'What is the deadline for the tariffs?', story: 'US sets 25% tariffs on Japan, South Korea', holds: [/Aug\. 1\b/] },
  { q: 'When will Lee and Trump meet in Washington?', story: 'Leaders to meet in Washington on Aug. 25', holds: [/Aug\. 25\b/] },
  { q: 'How much will South Korea spend on defence by 2030?', story: 'Defense chief pledges 3.5% of GDP', holds: [/3\.5%/, /2030/] },
  { q: 'Who said "We will not negotiate with a gun on the table"?', story: "Brazil's trade minister vows to fight 30% levy", holds: [/Ferreira/] },
];

/** Replies with the first sentence it was given, cited; the model "liar" adds a rate of its own. */
function fakeModel(): Server {
  return createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk) => (raw += chunk));
    request.on('end', () => {
      const body = JSON.parse(raw) as { model: string; messages: { content: string }[] };
      const first = /\[1\] \([^)]*\) (.*)/.exec(body.messages[1]!.content)?.[1] ?? '';
      const content = body.model === 'liar' ? `The rate is 99% [1].` : `${first} [1]`;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content } }] }));
    });
  });
}

for (const engine of present ? await testEngines() : []) {
  describe(`ask over the demo with the seeds (${engine.name})`, () => {
    let db: Db;
    let model: Server;
    let plain: FastifyInstance;
    let written: FastifyInstance;
    let liar: FastifyInstance;
    const base: Record<string, string> = {};

    beforeAll(async () => {
      db = await engine.open();
      const manifest = readDemoManifest();
      await importPaths(db, [demoDir + 'dumps', demoDir + 'pages'], {
        asOf: null,
        maxPageBytes: 10 * 1024 * 1024,
        quiet: true,
        print: () => undefined,
        asOfFor: (file) => manifest.dumpAsOf.get(file),
      });
      // As `dateline demo`: the seeds' ages are counted from the demo's save time.
      await importPaths(db, [seedsDir], { asOf: manifest.savedAt, maxPageBytes: 10 * 1024 * 1024, quiet: true, print: () => undefined });
      model = fakeModel();
      await new Promise<void>((resolve) => model.listen(0, '127.0.0.1', resolve));
      const modelUrl = `http://127.0.0.1:${(model.address() as AddressInfo).port}/v1`;
      plain = await buildServer(makeContext(db, loadSettings({})));
      written = await buildServer(makeContext(db, loadSettings({ DATELINE_LLM_URL: modelUrl, DATELINE_LLM_MODEL: 'echo', DATELINE_LLM_TIMEOUT_MS: '5000' })));
      liar = await buildServer(makeContext(db, loadSettings({ DATELINE_LLM_URL: modelUrl, DATELINE_LLM_MODEL: 'liar', DATELINE_LLM_TIMEOUT_MS: '5000' })));
      base.plain = await plain.listen({ host: '127.0.0.1', port: 0 });
      base.written = await written.listen({ host: '127.0.0.1', port: 0 });
      base.liar = await liar.listen({ host: '127.0.0.1', port: 0 });
    }, 600_000);
    afterAll(async () => {
      await plain?.close();
      await written?.close();
      await liar?.close();
      await new Promise((resolve) => model?.close(resolve));
      await db?.close();
    });

    async function storyOf(title: string): Promise<number> {
      const rows = await db.query<{ story_id: number }>(`SELECT sa.story_id FROM articles a JOIN story_articles sa ON sa.article_id = a.id WHERE a.title LIKE $1 ORDER BY a.id LIMIT 1`, [`${title}%`]);
      expect(rows, `a story holding "${title}"`).toHaveLength(1);
      return rows[0]!.story_id;
    }

    const ask = async (server: string, storyId: number, q: string) =>
      (await (await fetch(`${base[server]}/api/v1/stories/${storyId}/ask?q=${encodeURIComponent(q)}`)).json()) as {
        found: boolean;
        text: string;
        sentences: { text: string; articleId: number }[];
        written: { text: string; cited: number[] } | null;
        fallback: string | null;
      };

    it('answers each acceptance question with a top sentence holding what was asked, citing each sentence once', async () => {
      for (const { q, story, holds } of QUESTIONS) {
        const answer = await ask('plain', await storyOf(story), q);
        expect({ q, found: answer.found }).toEqual({ q, found: true });
        for (const pattern of holds) expect({ q, top: answer.sentences[0]!.text }).toEqual({ q, top: expect.stringMatching(pattern) });
        const keys = answer.sentences.map((s) => [...new Set(terms(s.text))].sort().join(' '));
        expect(new Set(keys).size).toBe(keys.length);
      }
    });

    it("shows the storm's wind speed once with its conversion, and the river's level over time, not as sources that differ", async () => {
      const storyId = await storyOf('Marrow River crests at 31.4 feet, second-highest on record');
      const page = await (await fetch(`${base.plain}/stories/${storyId}`)).text();
      const figures = /<section class="panel figures"[\s\S]*?<\/section>/.exec(page)?.[0] ?? '';
      const rows = [...figures.matchAll(/<tr( class="disagree")?><th scope="row">([\s\S]*?)<\/th><td>([^<]*)<\/td>\s*<td>([\s\S]*?)<\/td><\/tr>/g)].map((m) => ({
        disagree: !!m[1],
        subject: m[2]!.replace(/<[^>]+>/g, '').trim(),
        measure: m[3]!,
        values: m[4]!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '),
      }));
      // "winds of 60 mph (97 km/h)": one row, the conversion beside the value.
      expect(rows.filter((r) => /\b60 mph\b|\b97 km\/h\b/.test(r.values)).map((r) => [r.measure, r.values.match(/60 mph \( 97 km\/h \)|60 mph \(97 km\/h\)/) !== null])).toEqual([['mph', true]]);
      // The river at 27.8 feet on Monday, cresting at 31.4 feet on Tuesday: its level over time.
      const river = rows.filter((r) => r.subject === 'Marrow River' && r.measure === 'feet');
      expect(river).toHaveLength(1);
      expect(river[0]!.values).toMatch(/27\.8 feet[\s\S]*31\.4 feet/);
      expect(river[0]!.disagree).toBe(false);
      expect(river[0]!.values).toMatch(/over time/);
      expect(river[0]!.values).not.toMatch(/sources differ/);
    });

    it('shows figures with subjects, a timeline without repeats and quotes with real speakers on the story page', async () => {
      const storyId = await storyOf('South Korea clinches 15% tariff deal');
      const page = await (await fetch(`${base.plain}/stories/${storyId}`)).text();
      const section = (cls: string) => new RegExp(`<section class="panel ${cls}"[\\s\\S]*?</section>`).exec(page)?.[0] ?? '';
      const figures = section('figures');
      const rows = [...figures.matchAll(/<tr(?: class="disagree")?><th scope="row">([\s\S]*?)<\/th><td>([^<]*)<\/td>\s*<td>([\s\S]*?)<\/td>/g)].map((m) => ({
        subject: m[1]!.replace(/<[^>]+>/g, '').trim(),
        measure: m[2]!,
        values: m[3]!.replace(/<[^>]+>/g, ' '),
      }));
      expect(rows.length).toBeGreaterThan(3);
      const korea = rows.filter((r) => r.subject === 'South Korea' && r.measure === 'tariff');
      expect(korea).toHaveLength(1);
      expect(korea[0]!.values).toMatch(/15%/);
      expect(korea[0]!.values).toMatch(/changed from 25% to 15%/);
      // Each value on its own line with the articles that give it: the old 25% with the letters of
      // 7 July, the new 15% with the deal's report alone (not a list of sources beside a list of
      // values, which on a narrow screen no longer line up).
      const koreaRow = /<tr(?: class="disagree")?><th scope="row">(?:<a [^>]*>)?South Korea(?:<\/a>)?<\/th><td>tariff<\/td>[\s\S]*?<\/tr>/.exec(figures)?.[0] ?? '';
      const lines = [...koreaRow.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) =>
        m[1]!
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ')
          .trim(),
      );
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^25% .*Meridian Wire 2025-07-07/);
      expect(lines[1]).toMatch(/^15% Pacific Dispatch 2025-07-31$/);
      // An outlet with two articles giving a value is named once, its second article a link on its day.
      expect(lines[0]).toMatch(/Pacific Dispatch 2025-07-08 , 2025-07-31/);
      for (const line of figures.matchAll(/<li>([\s\S]*?)<\/li>/g)) {
        const outlets = [...line[1]!.matchAll(/<a href="\/articles\/\d+"[^>]*>([^<]*)<\/a>/g)].map((m) => m[1]!).filter((t) => !/^\d{4}-\d\d-\d\d$/.test(t));
        expect(new Set(outlets).size, outlets.join(', ')).toBe(outlets.length);
      }
      // Never a measure word alone, nor a figure inside the subject ("tariff for a 15% one", "Tokyo 14%").
      for (const r of rows) expect(r.subject).not.toMatch(/^(?:rate|levy|goods|won|it|the rate)$|\d\s?%|\d,\d{3}/i);
      // Nor what is counted as its own subject ("governments: 14 governments"), nor a market index's
      // fall given to the clause's opening noun ("announcement").
      for (const r of rows) expect({ subject: r.subject, measure: r.measure }).not.toEqual({ subject: r.measure, measure: r.measure });
      expect(rows.find((r) => /Nikkei/.test(r.subject) && /1\.8%/.test(r.values))?.measure).toBe('shares');
      // One row per subject and measure: "the Nikkei" is the Nikkei 225's row, and an amount given with
      // its conversion ("¥1.9 trillion ($12.9 billion)") is one value, not a second row in dollars.
      expect(rows.filter((r) => /Nikkei/.test(r.subject)).map((r) => [r.subject, r.measure])).toEqual([['Nikkei 225', 'shares']]);
      // The conversion is shown beside the value it converts, never as a row of its own.
      const yen = rows.filter((r) => /1\.9 trillion/.test(r.values));
      expect(yen).toHaveLength(1);
      expect(yen[0]!.values).toMatch(/\(\$?12\.9 billion/);
      expect(rows.filter((r) => /12\.9 billion/.test(r.values) && !/1\.9 trillion/.test(r.values))).toEqual([]);
      // "Sources differ" only when sources do: a range one article gives ("between 8% and 14%") is not a dispute.
      for (const row of figures.matchAll(/<tr class="disagree">[\s\S]*?<\/tr>/g)) {
        const lines = [...row[0]!.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => m[1]!);
        const perValue = lines.map((line) => [...line.matchAll(/href="\/articles\/(\d+)"/g)].map((m) => m[1]).join(' '));
        expect(new Set(perValue).size).toBeGreaterThan(1);
      }
      const entries = [...section('timeline').matchAll(/<li><time datetime="([\d-]+)">([^<]*)<\/time> — ([\s\S]*?)<a class="cite"/g)];
      expect(entries.length).toBeGreaterThan(5);
      const dates = entries.map((m) => m[2]!);
      expect(new Set(dates).size).toBe(dates.length);
      const sentences = [...section('timeline').matchAll(/<li>(?:<time[^>]*>[^<]*<\/time> — )?([^<]+)<a class="cite"/g)].map((m) => m[1]!.trim());
      expect(new Set(sentences).size).toBe(sentences.length);
      // Two articles of one outlet cited for one entry are told apart by their day.
      for (const entry of section('timeline').split(/<li>/)) {
        const labels = [...entry.split(/<details>/)[0]!.matchAll(/<a class="cite" href="\/articles\/\d+" title="([^"]*)">\[([^\]]*)\]<\/a>/g)].map((m) => m[2]!);
        expect(new Set(labels).size, labels.join(' ')).toBe(labels.length);
      }
      // Each speaker's quotes in one block under the name: the page's columns do not part a quote from it.
      const blocks = section('quotes').split('<div class="speaker-quotes">').slice(1);
      expect(blocks.length).toBe([...section('quotes').matchAll(/<h3>/g)].length);
      for (const block of blocks) expect(block.startsWith('<h3>')).toBe(true);
      const speakers = [...section('quotes').matchAll(/<h3>([\s\S]*?)<\/h3>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '').trim());
      expect(speakers).toContain('Ana Ferreira');
      for (const s of speakers) expect(s).not.toMatch(/^(?:an? |the |Officials$|a statement$)/i);
    });

    it("names on the article page what each figure is about, as the story's table does, each once", async () => {
      const rows = await db.query<{ id: number }>(`SELECT id FROM articles WHERE title LIKE 'South Korea clinches 15% tariff deal%' ORDER BY id LIMIT 1`);
      const page = await (await fetch(`${base.plain}/articles/${rows[0]!.id}`)).text();
      const table = /<h3>Figures<\/h3><table>[\s\S]*?<\/table>/.exec(page)?.[0] ?? '';
      const figures = [...table.matchAll(/<tr><td>([^<]*)<\/td><td>([\s\S]*?)<\/td><td>([^<]*)<\/td>/g)].map((m) => ({ value: m[1]!, about: m[2]!.replace(/<[^>]+>/g, ''), measure: m[3]! }));
      // "the levy", "goods", "won" were shown as the subject, linked to South Korea's page.
      expect(figures.filter((f) => f.value === '15%')).toEqual([{ value: '15%', about: 'South Korea', measure: 'tariff' }]);
      for (const f of figures) expect(f.about).not.toMatch(/^(?:levy|goods|won|rate)$/);
      const keys = figures.map((f) => `${f.value} ${f.about} ${f.measure}`);
      expect(new Set(keys).size).toBe(keys.length);
    });

    it('dates a seed\'s "June 4" nearest the article\'s own time', async () => {
      const rows = await db.query<{ event_date: Date | string }>(`SELECT e.event_date FROM events e JOIN articles a ON a.id = e.article_id WHERE a.title LIKE 'South Korea faces US pressure on defence%' AND e.text = 'June 4'`);
      expect(rows.map((r) => (typeof r.event_date === 'string' ? r.event_date : r.event_date.toISOString()).slice(0, 10))).toEqual(['2025-06-04']);
    });

    it('says it does not know when the articles do not answer', async () => {
      const answer = await ask('plain', await storyOf('South Korea clinches 15% tariff deal'), 'Which team won the cup final?');
      expect(answer).toMatchObject({ found: false, text: NO_ANSWER, sentences: [] });
      // Asked on the tariff story, whose articles never give the defence pledge: a sentence naming
      // South Korea and a date ("a visit to Seoul … on July 10") is not an answer to it.
      // Nor, on a phone maker's story, "Its main display … is supplied by South Korea's Hanul Display."
      for (const story of ['South Korea clinches 15% tariff deal', 'Hanul Display to supply 80% of Kestrel']) {
        const defence = await ask('plain', await storyOf(story), QUESTIONS[3]!.q);
        expect({ story, found: defence.found, top: defence.sentences[0]?.text ?? null }).toEqual({ story, found: false, top: null });
      }
    });

    it('holds a written answer to the cited sentences, and falls back when the model states its own figure', async () => {
      const storyId = await storyOf('South Korea clinches 15% tariff deal');
      const good = await ask('written', storyId, QUESTIONS[0]!.q);
      expect(good.written?.text).toContain('15%');
      expect(good.written?.cited).toContain(0);
      const lie = await ask('liar', storyId, QUESTIONS[0]!.q);
      expect(lie.written).toBeNull();
      expect(lie.fallback).toMatch(/states 99/);
      expect(lie.sentences[0]!.text).toContain('15%');
      const none = await ask('written', storyId, 'Which team won the cup final?');
      expect(none).toMatchObject({ found: false, written: null });
    });
  });
}
