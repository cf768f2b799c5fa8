// Digests out, the pure part: the email a reader gets daily or weekly (top stories, then their
// saved searches' new matches), when the next one is owed, and the signed token of its
// unsubscribe link (so the link works without logging in, and nobody can forge another's).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { html, safeUrl, type SafeHtml } from '../web/html.ts';

export type Frequency = 'daily' | 'weekly';

export const PERIOD_MS: Record<Frequency, number> = { daily: 86_400_000, weekly: 7 * 86_400_000 };

export const nextDigestAt = (frequency: Frequency, from: Date) => new Date(from.getTime() + PERIOD_MS[frequency]);

export interface DigestStory {
  id: number;
  headline: string;
  sourceCount: number;
  articleCount: number;
}

export interface DigestWatch {
  name: string;
  matches: { id: number; title: string; source: string | null }[];
}

export interface DigestInput {
  userName: string;
  frequency: Frequency;
  stories: DigestStory[];
  watches: DigestWatch[];
  /** The site's public address, without a trailing slash. */
  siteUrl: string;
  unsubscribeUrl: string;
}

export interface DigestMail {
  subject: string;
  text: string;
  html: string;
}

/** Null when there is nothing to tell: no mail is better than an empty one. */
export function composeDigest(input: DigestInput): DigestMail | null {
  const watches = input.watches.filter((w) => w.matches.length);
  if (!input.stories.length && !watches.length) return null;
  const period = input.frequency === 'daily' ? 'today' : 'this week';
  const subject = `Dateline ${input.frequency} digest: ${input.stories[0]?.headline ?? `${watches.length} saved search${watches.length === 1 ? '' : 'es'} with news`}`.slice(0, 200);
  const lines: string[] = [`Hello ${input.userName}, here is what happened ${period}.`, ''];
  if (input.stories.length) {
    lines.push('Top stories', '');
    for (const s of input.stories) lines.push(`- ${s.headline} (${s.sourceCount} sources) ${input.siteUrl}/stories/${s.id}`);
    lines.push('');
  }
  for (const w of watches) {
    lines.push(`Your saved search "${w.name}"`, '');
    for (const m of w.matches) lines.push(`- ${m.title}${m.source ? ` (${m.source})` : ''} ${input.siteUrl}/articles/${m.id}`);
    lines.push('');
  }
  lines.push(`Stop these emails: ${input.unsubscribeUrl}`);
  const storyItems: SafeHtml[] = input.stories.map((s) => html`<li><a href="${safeUrl(`${input.siteUrl}/stories/${s.id}`)}">${s.headline}</a> <small>${s.sourceCount} sources</small></li>`);
  const body = html`<!doctype html><html><body>
<p>Hello ${input.userName}, here is what happened ${period}.</p>
${input.stories.length ? html`<h2>Top stories</h2><ul>${storyItems}</ul>` : null}
${watches.map(
  (w) => html`<h2>Your saved search “${w.name}”</h2><ul>${w.matches.map((m) => html`<li><a href="${safeUrl(`${input.siteUrl}/articles/${m.id}`)}">${m.title}</a>${m.source ? html` <small>${m.source}</small>` : null}</li>`)}</ul>`,
)}
<p><small><a href="${safeUrl(input.unsubscribeUrl)}">Stop these emails</a></small></p>
</body></html>`;
  return { subject, text: lines.join('\n'), html: body.value };
}

const mac = (secret: string, userId: number) => createHmac('sha256', secret).update(`digest-unsubscribe:${userId}`).digest('base64url').slice(0, 32);

export const unsubscribeToken = (secret: string, userId: number) => `${userId}.${mac(secret, userId)}`;

/** The user a token was made for, or null when it is not one of ours. */
export function verifyUnsubscribeToken(secret: string, token: string): number | null {
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!match) return null;
  const userId = Number(match[1]);
  const expected = Buffer.from(mac(secret, userId));
  return timingSafeEqual(expected, Buffer.from(match[2]!)) ? userId : null;
}
