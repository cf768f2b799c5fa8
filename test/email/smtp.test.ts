// Email in and out with real SMTP on 127.0.0.1, on both engines. In: nodemailer hands messages
// to Dateline's receiver, which stores newsletters as articles (charset, sanitising, attachments
// dropped, a re-delivery stored once) and refuses unknown recipients, oversize and empty
// messages with SMTP errors. Out: a plain smtp-server is the receiving end for a digest, whose
// unsubscribe link then stops the digests through the HTTP server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { FastifyInstance } from 'fastify';
import { testEngines } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { createUser } from '../../src/store/users.ts';
import { createApiToken } from '../../src/store/api-tokens.ts';
import { getArticle, saveArticle } from '../../src/store/articles.ts';
import { addStoryArticle, createStory, refreshStoryCounts } from '../../src/store/stories.ts';
import { createWatch } from '../../src/store/watches.ts';
import { ensureInbox, getDigestSettings, listNewsletters, saveDigestSettings } from '../../src/store/email.ts';
import { startNewsletterReceiver, type NewsletterReceiver } from '../../src/email/receive.ts';
import { createDigestSender } from '../../src/email/send-digests.ts';
import { buildServer } from '../../src/server/app.ts';
import { makeContext } from '../../src/server/context.ts';
import { listeningServer } from '../helpers/server.ts';
import { loadSettings } from '../../src/config.ts';
import { article } from '../search/fixtures.ts';
import { startServeJobs } from '../../src/shell/jobs.ts';
import { Visitor } from '../web/client.ts';
import { createServer } from 'node:net';

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const FAST_SCRYPT = { N: 1024, r: 8, p: 1 };

/** An SMTP server that keeps what it is sent: the receiving end of digests. */
async function startMailbox(): Promise<{ port: number; messages: ParsedMail[]; close: () => Promise<void> }> {
  const messages: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        messages.push(mail);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.server.address() as { port: number }).port, messages, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

for (const engine of await testEngines()) {
  describe(`email on the ${engine.name} engine`, () => {
    let db: Db;
    let receiver: NewsletterReceiver;
    let userId: number;
    let address: string;
    const results: { status: string; reason: string | null }[] = [];
    let transport: Transporter;

    beforeAll(async () => {
      db = await engine.open();
      userId = (await createUser(db, { username: 'subscriber', password: 'correct horse battery' }, FAST_SCRYPT)).id;
      address = `${await ensureInbox(db, userId)}@mail.example`;
      receiver = await startNewsletterReceiver({ db, host: '127.0.0.1', port: 0, domain: 'mail.example', maxBytes: 64 * 1024, onResult: (r) => results.push(r) });
      transport = nodemailer.createTransport({ host: '127.0.0.1', port: receiver.port, secure: false, ignoreTLS: true });
    });
    afterAll(async () => {
      transport?.close();
      await receiver?.close();
      await db?.close();
    });

    it("turns a newsletter into an article of its sender's source, sanitised, attachments dropped", async () => {
      await transport.sendMail({
        from: '"Harbour Weekly" <editor@harbour.example>',
        to: address,
        subject: 'Cranes idle at the harbour',
        html: '<h1>Cranes idle</h1><p>Dock workers walked out on Monday.</p><script>steal()</script><p><a href="https://harbour.example/more" onclick="x()">Read more</a></p>',
        text: 'Cranes idle. Dock workers walked out on Monday.',
        attachments: [{ filename: 'secret-plan.txt', content: 'ATTACHMENT TEXT MUST NOT APPEAR' }],
      });
      const [entry] = await listNewsletters(db, userId);
      expect(entry).toMatchObject({ sender: 'Harbour Weekly (editor@harbour.example)', subject: 'Cranes idle at the harbour' });
      const stored = (await getArticle(db, entry!.articleId!))!;
      expect(stored.title).toBe('Cranes idle at the harbour');
      expect(stored.sourceName).toBe('Harbour Weekly (editor@harbour.example)');
      expect(stored.text).toBe('Cranes idle\n\nDock workers walked out on Monday.\n\nRead more');
      expect(stored.html).not.toMatch(/script|onclick/);
      expect(stored.text + stored.html).not.toContain('ATTACHMENT');
    });

    it('reads a legacy charset, and stores a re-delivered message once', async () => {
      const raw = Buffer.concat([
        Buffer.from(
          `From: Le Bulletin <bulletin@presse.example>\r\nTo: ${address}\r\nSubject: =?ISO-8859-1?Q?Gr=E8ve_au_port?=\r\nMessage-ID: <greve-1@presse.example>\r\nDate: Mon, 02 Mar 2026 06:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=ISO-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n`,
        ),
        Buffer.from('Les dockers ont cess\xe9 le travail lundi.\r\n', 'latin1'),
      ]);
      const envelope = { from: 'bulletin@presse.example', to: [address] };
      await transport.sendMail({ envelope, raw });
      await transport.sendMail({ envelope, raw });
      const newsletters = (await listNewsletters(db, userId)).filter((n) => n.sender.includes('presse.example'));
      expect(newsletters).toHaveLength(1);
      const stored = (await getArticle(db, newsletters[0]!.articleId!))!;
      expect(stored.title).toBe('Grève au port');
      expect(stored.text).toBe('Les dockers ont cessé le travail lundi.');
      expect(results.filter((r) => r.status === 'present')).toHaveLength(1);
    });

    it('refuses unknown recipients, oversize and empty messages with SMTP errors, and goes on taking good ones', async () => {
      const send = (mail: SendMailOptions) =>
        transport.sendMail({ from: 'x@sender.example', subject: 's', ...mail }).then(
          () => null,
          (error: { responseCode?: number; response?: string }) => error,
        );
      const unknown = await send({ to: 'nobody1234@mail.example', text: 'hello' });
      expect(unknown?.responseCode).toBe(550);
      expect(unknown?.response).toMatch(/no such newsletter address/);
      const otherDomain = await send({ to: address.replace('mail.example', 'elsewhere.example'), text: 'hello' });
      expect(otherDomain?.responseCode).toBe(550);
      const big = await send({ to: address, text: 'word '.repeat(20_000) });
      expect(big?.responseCode).toBe(552);
      const empty = await send({ to: address, html: '<script>nothing()</script>' });
      expect(empty?.responseCode).toBe(550);
      expect(empty?.response).toMatch(/no text/);
      expect(await send({ to: address, subject: 'Still here', text: 'A good message after the bad ones.' })).toBeNull();
      expect((await listNewsletters(db, userId)).map((n) => n.subject)).toContain('Still here');
    });

    it('sends a digest over SMTP whose unsubscribe link stops the digests', async () => {
      const mailbox = await startMailbox();
      const reader = await createUser(db, { username: 'digester', password: 'correct horse battery' }, FAST_SCRYPT);
      const now = new Date('2026-03-05T07:00:00Z');
      const a = await saveArticle(db, article({ title: 'Harbour strike ends after talks', text: 'The harbour strike ended.', sourceName: 'Coastal Ledger', publishedAt: new Date('2026-03-04T10:00:00Z') }), null);
      const b = await saveArticle(db, article({ title: 'Dockers back at work', text: 'Dockers returned to the harbour.', sourceName: 'Capital Wire', publishedAt: new Date('2026-03-04T12:00:00Z') }), null);
      const story = await createStory(db, 'Harbour strike ends after talks', a.id);
      await addStoryArticle(db, story, a.id, null);
      await addStoryArticle(db, story, b.id, 0.6);
      await db.query("UPDATE stories SET last_seen_at = '2026-03-04T12:00:00Z', first_seen_at = '2026-03-04T10:00:00Z' WHERE id = $1", [story]);
      await refreshStoryCounts(db);
      await createWatch(db, reader.id, { query: 'dockers' });
      await saveDigestSettings(db, reader.id, 'digester@reader.example', 'daily', new Date('2026-03-05T06:00:00Z'));
      const site = 'http://127.0.0.1:1';
      const sender = createDigestSender({ smtpUrl: `smtp://127.0.0.1:${mailbox.port}`, from: 'Dateline <digest@news.example>', siteUrl: site });
      let app: FastifyInstance | null = null;
      try {
        expect(await sender.runOnce(db, new Date('2026-03-05T05:00:00Z'))).toEqual({ sent: 0, empty: 0, failed: 0 }); // not due yet
        expect(await sender.runOnce(db, now)).toEqual({ sent: 1, empty: 0, failed: 0 });
        expect(await sender.runOnce(db, now)).toEqual({ sent: 0, empty: 0, failed: 0 }); // sent once
        expect(mailbox.messages).toHaveLength(1);
        const mail = mailbox.messages[0]!;
        expect(mail.subject).toBe('Dateline daily digest: Harbour strike ends after talks');
        expect((mail.to as { text: string }).text).toBe('digester@reader.example');
        expect(mail.text).toContain(`Harbour strike ends after talks (2 sources) ${site}/stories/${story}`);
        expect(mail.text).toContain(`Your saved search "dockers"`);
        expect(mail.text).toContain(`Dockers back at work (Capital Wire) ${site}/articles/${b.id}`);
        const listUnsubscribe = String(mail.headerLines.find((h) => h.key === 'list-unsubscribe')!.line);
        const link = /<(http[^>]+)>/.exec(listUnsubscribe)![1]!;
        expect(link).toMatch(new RegExp(`^${site}/unsubscribe/${reader.id}\\.[A-Za-z0-9_-]{32}$`));
        const settings = await getDigestSettings(db, reader.id);
        expect(settings).toMatchObject({ frequency: 'daily', lastSentAt: now, nextDueAt: new Date('2026-03-06T07:00:00Z') });

        const server = await listeningServer(db);
        app = server.app;
        const base = server.base;
        const path = new URL(link).pathname;
        const confirm = await fetch(base + path, { headers: { accept: 'text/html' } });
        expect(confirm.status).toBe(200);
        expect(await confirm.text()).toContain('Stop the digests');
        expect((await getDigestSettings(db, reader.id))!.frequency).toBe('daily'); // a GET changes nothing
        const forged = await fetch(base + path.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
        expect(forged.status).toBe(400);
        const oneClick = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
        expect(oneClick.status).toBe(200);
        expect((await getDigestSettings(db, reader.id))!).toMatchObject({ frequency: 'off', nextDueAt: null });
        expect(await sender.runOnce(db, new Date('2026-03-07T00:00:00Z'))).toEqual({ sent: 0, empty: 0, failed: 0 });

        // The API: choosing a digest, with bad input named.
        const token = (await createApiToken(db, reader.id)).token;
        const put = (body: unknown) => fetch(base + '/api/v1/email/digest', { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
        const bad = await put({ email: 'not-an-address', frequency: 'daily' });
        expect(bad.status).toBe(400);
        expect(((await bad.json()) as any).error.message).toMatch(/^email: "not-an-address" is not an email address/);
        expect((await put({ email: 'a@b.example', frequency: 'hourly' })).status).toBe(400);
        const ok = await put({ email: 'a@b.example', frequency: 'weekly' });
        expect(ok.status).toBe(200);
        expect(((await ok.json()) as any).digest).toMatchObject({ email: 'a@b.example', frequency: 'weekly' });
        const info = (await (await fetch(base + '/api/v1/email', { headers: { authorization: `Bearer ${token}` } })).json()) as any;
        expect(info).toMatchObject({ address: null, digestsAvailable: false, digest: { frequency: 'weekly' } });
      } finally {
        sender.close();
        await app?.close();
        await mailbox.close();
      }
    });

    it('runs the receiver as a serve job when configured, and shows the address and newsletters on the email page', async () => {
      const port = await freePort();
      const ctx = makeContext(db, loadSettings({ DATELINE_SMTP_PORT: String(port), DATELINE_EMAIL_DOMAIN: 'mail.example' }));
      const app = await buildServer(ctx);
      await app.listen({ host: '127.0.0.1', port: 0 });
      const stop = await startServeJobs(ctx);
      const hooked = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
      try {
        await hooked.sendMail({ from: 'Tide Tables <tides@coast.example>', to: address, subject: 'High water at noon', text: 'High water is at noon on Friday.' });
        const visitor = new Visitor(`http://127.0.0.1:${(app.server.address() as { port: number }).port}`);
        await visitor.login('subscriber', 'correct horse battery');
        const page = await visitor.request('/account/email');
        expect(page.status).toBe(200);
        expect(page.text).toContain(address);
        expect(page.text).toContain('High water at noon');
        expect(page.text).toContain('Tide Tables (tides@coast.example)');
        const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
        const bad = await visitor.request('/account/email/digest', { form: { _csrf: csrf, email: 'nope', frequency: 'daily' } });
        expect(bad.status).toBe(400);
        expect(bad.text).toContain('email: &quot;nope&quot; is not an email address');
        const good = await visitor.request('/account/email/digest', { form: { _csrf: csrf, email: 'sub@reader.example', frequency: 'weekly' } });
        expect(good.status).toBe(200);
        expect(good.text).toContain('A weekly digest will go to sub@reader.example.');
      } finally {
        hooked.close();
        await stop();
        await app.close();
      }
    });

    it('fails a digest the SMTP server will not take, and tries again an hour later', async () => {
      const reader = await createUser(db, { username: 'unlucky', password: 'correct horse battery' }, FAST_SCRYPT);
      await saveDigestSettings(db, reader.id, 'unlucky@reader.example', 'weekly', new Date('2026-03-05T06:00:00Z'));
      await createWatch(db, reader.id, { query: 'harbour' });
      // Nothing listens on port 9 of 127.0.0.1 here.
      const sender = createDigestSender({ smtpUrl: 'smtp://127.0.0.1:9', from: 'd@news.example', siteUrl: 'http://x.example' });
      try {
        const counts = await sender.runOnce(db, new Date('2026-03-08T00:00:00Z'));
        expect(counts.failed).toBe(1);
      } finally {
        sender.close();
      }
      const settings = (await getDigestSettings(db, reader.id))!;
      expect(settings.lastError).toMatch(/ECONNREFUSED|connect/i);
      expect(settings.nextDueAt).toEqual(new Date('2026-03-08T01:00:00Z'));
    });
  });
}
