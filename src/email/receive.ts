// Newsletters in, the I/O shell: an SMTP receiver (smtp-server) that accepts mail only for
// readers' newsletter addresses, reads each message up to the size limit, parses it
// (mailparser: MIME, transfer encodings, charsets; attachments are parsed and dropped), and
// stores it through the same article store and post-ingest steps as every other source.
// Refusals carry SMTP codes and a reason the sending server reports back to its user.
import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { simpleParser, type AddressObject } from 'mailparser';
import type { Db } from '../store/db.ts';
import { savePage, saveArticle } from '../store/articles.ts';
import { recordNewsletter, userForInbox } from '../store/email.ts';
import { runPostIngestSteps } from '../pipeline.ts';
import { sha256 } from '../text/hash.ts';
import { newsletterArticle, NewsletterRejected, type NewsletterMessage } from './newsletter.ts';

export interface ReceiverOptions {
  db: Db;
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  /** Only mail to this domain is taken; null takes any domain. */
  domain: string | null;
  maxBytes: number;
  now?: () => Date;
  /** Called after each message is stored or refused (logs, tests). */
  onResult?: (result: { status: 'stored' | 'present' | 'rejected'; articleId: number | null; reason: string | null }) => void;
}

export interface NewsletterReceiver {
  port: number;
  close(): Promise<void>;
}

/** An error smtp-server sends to the client with this SMTP reply code. */
const smtpError = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

export async function startNewsletterReceiver(options: ReceiverOptions): Promise<NewsletterReceiver> {
  const now = options.now ?? (() => new Date());
  const server = new SMTPServer({
    name: 'dateline',
    banner: 'Dateline newsletter receiver',
    // A receiving mail server: anyone may hand us mail for our readers, nobody relays through us.
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: options.maxBytes,
    logger: false,
    onRcptTo(address: SMTPServerAddress, _session: SMTPServerSession, callback: (err?: Error | null) => void) {
      recipientUser(options, address.address).then(
        (userId) => callback(userId === null ? smtpError(550, `5.1.1 ${address.address}: no such newsletter address here`) : null),
        (error: Error) => callback(smtpError(451, `4.3.0 temporary failure: ${error.message}`)),
      );
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null, message?: string) => void) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= options.maxBytes) chunks.push(chunk);
      });
      stream.on('end', () => {
        if (stream.sizeExceeded || size > options.maxBytes) {
          options.onResult?.({ status: 'rejected', articleId: null, reason: 'too large' });
          return callback(smtpError(552, `5.3.4 message larger than the ${options.maxBytes}-byte limit`));
        }
        const raw = Buffer.concat(chunks);
        takeMessage(
          options,
          session.envelope.rcptTo.map((r) => r.address),
          raw,
          now(),
        ).then(
          (result) => {
            options.onResult?.(result);
            callback(null, result.status === 'present' ? 'already received' : 'stored');
          },
          (error: Error) => {
            const rejected = error instanceof NewsletterRejected;
            options.onResult?.({ status: 'rejected', articleId: null, reason: error.message });
            callback(rejected ? smtpError(550, `5.6.0 ${error.message}`) : smtpError(451, `4.3.0 could not store the message: ${error.message}`));
          },
        );
      });
    },
  });
  server.on('error', (error) => process.emitWarning(`SMTP receiver: ${error.message}`, 'DatelineEmailWarning'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.server.address() as { port: number }).port;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function recipientUser(options: ReceiverOptions, address: string): Promise<number | null> {
  const at = address.lastIndexOf('@');
  if (at <= 0) return null;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1).toLowerCase();
  if (options.domain && domain !== options.domain) return null;
  if (!/^[a-z0-9]{4,40}$/i.test(local)) return null;
  return userForInbox(options.db, local);
}

const firstAddress = (from: AddressObject | AddressObject[] | undefined) => {
  const entry = (Array.isArray(from) ? from[0] : from)?.value[0];
  return entry?.address ? { name: entry.name ?? '', address: entry.address } : null;
};

/** Parses, converts and stores one message for its recipients. */
export async function takeMessage(options: Pick<ReceiverOptions, 'db' | 'domain'>, recipients: string[], raw: Buffer, receivedAt: Date): Promise<{ status: 'stored' | 'present'; articleId: number | null; reason: null }> {
  const parsed = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
  const message: NewsletterMessage = {
    from: firstAddress(parsed.from),
    subject: parsed.subject ?? null,
    date: parsed.date ?? null,
    html: typeof parsed.html === 'string' ? parsed.html : null,
    text: parsed.text ?? null,
    messageId: parsed.messageId ?? null,
  };
  const article = newsletterArticle(message, receivedAt);
  const userIds = [...new Set((await Promise.all(recipients.map((r) => recipientUser(options as ReceiverOptions, r)))).filter((id): id is number => id !== null))];
  if (!userIds.length) throw new NewsletterRejected('no recipient is a newsletter address here');
  const db = options.db;
  const stored = await db.transaction(async (tx) => {
    // The raw message is the page: the same message delivered twice is stored once.
    const page = await savePage(tx, { location: `email:${message.messageId ?? sha256(raw).slice(0, 16)}`.slice(0, 500), kind: 'html', contentHash: sha256(raw), byteSize: raw.byteLength, charset: null });
    if (page.existed) return null;
    const saved = await saveArticle(tx, article, page.id);
    for (const userId of userIds) {
      await recordNewsletter(tx, { userId, articleId: saved.id, sender: article.sourceName!, messageId: message.messageId, subject: article.title, receivedAt });
    }
    return saved;
  });
  if (!stored) return { status: 'present', articleId: null, reason: null };
  if (stored.status !== 'present') await runPostIngestSteps(db, [stored.id]);
  return { status: 'stored', articleId: stored.id, reason: null };
}
