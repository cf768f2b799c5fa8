// Digests out, the I/O shell: claims the digests that are due (FOR UPDATE SKIP LOCKED, under a
// lease), gathers each reader's top stories and saved-search matches since their last digest,
// and sends the mail over SMTP with nodemailer. A failed send is tried again an hour later.
import nodemailer, { type Transporter } from 'nodemailer';
import type { Queryable } from '../store/db.ts';
import { claimDueDigests, markDigestFailed, markDigestSent, siteSecret, type DigestSettings } from '../store/email.ts';
import { topStories } from '../store/stories.ts';
import { listWatches, watchSearch } from '../store/watches.ts';
import { searchArticles } from '../store/search.ts';
import { getUserById } from '../store/users.ts';
import { composeDigest, nextDigestAt, PERIOD_MS, unsubscribeToken, type DigestWatch, type Frequency } from './digest.ts';

export const UNSUBSCRIBE_SECRET = 'digest-unsubscribe';
const RETRY_MS = 3_600_000;

export interface DigestSenderOptions {
  smtpUrl: string;
  from: string;
  /** The site's public address for links, without a trailing slash. */
  siteUrl: string;
}

export interface DigestSender {
  runOnce(db: Queryable, now: Date): Promise<{ sent: number; empty: number; failed: number }>;
  close(): void;
}

export function createDigestSender(options: DigestSenderOptions): DigestSender {
  const transport: Transporter = nodemailer.createTransport(options.smtpUrl);
  return {
    async runOnce(db, now) {
      const counts = { sent: 0, empty: 0, failed: 0 };
      for (const due of await claimDueDigests(db, now, 20, 300)) {
        try {
          counts[await sendOne(db, transport, options, due, now)]++;
        } catch (error) {
          counts.failed++;
          await markDigestFailed(db, due.userId, (error as Error).message, new Date(now.getTime() + RETRY_MS));
        }
      }
      return counts;
    },
    close: () => transport.close(),
  };
}

async function sendOne(db: Queryable, transport: Transporter, options: DigestSenderOptions, due: DigestSettings, now: Date): Promise<'sent' | 'empty'> {
  const frequency = due.frequency as Frequency;
  const since = due.lastSentAt ?? new Date(now.getTime() - PERIOD_MS[frequency]);
  const user = await getUserById(db, due.userId);
  const stories = await topStories(db, since, 10);
  const watches: DigestWatch[] = [];
  for (const watch of await listWatches(db, due.userId)) {
    const result = await searchArticles(db, watchSearch(watch, { from: since.toISOString(), limit: 5 })).catch(() => null);
    if (result) watches.push({ name: watch.name, matches: result.hits.map((h) => ({ id: h.id, title: h.title, source: h.sourceName })) });
  }
  const unsubscribeUrl = `${options.siteUrl}/unsubscribe/${unsubscribeToken(await siteSecret(db, UNSUBSCRIBE_SECRET), due.userId)}`;
  const mail = composeDigest({ userName: user?.username ?? 'reader', frequency, stories, watches, siteUrl: options.siteUrl, unsubscribeUrl });
  if (mail) {
    await transport.sendMail({
      from: options.from,
      to: due.email,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      // One-click unsubscribe (RFC 8058): mail programs show their own button for it.
      headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    });
  }
  await markDigestSent(db, due.userId, now, nextDigestAt(frequency, now));
  return mail ? 'sent' : 'empty';
}
