// A Google Reader stream as Atom (/reader/atom/<stream>), the form newsboat's Google-Reader-style
// modes read: each entry's id is the long item id the edit-tag calls take back, and its state
// (read, starred, fresh) travels as <category scheme="http://www.google.com/reader/" label=…>,
// which is where those clients look for it.
import type { CompatItem } from '../../store/reader-state.ts';
import { itemHtml } from './common.ts';

export const ITEM_PREFIX = 'tag:google.com,2005:reader/item/';

/** Long form: 16 hex digits after the tag prefix. */
export const longItemId = (id: number) => ITEM_PREFIX + id.toString(16).padStart(16, '0');

const SCHEME = 'http://www.google.com/reader/';

export interface AtomStream {
  streamId: string;
  userId: number;
  title: string;
  siteUrl: string | null;
  updated: Date;
  continuation: string | null;
  items: { item: CompatItem; category: string | null }[];
}

// XML 1.0 cannot carry most control characters even escaped; drop them.
const escapeXml = (text: string) =>
  text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

export function atomStream(stream: AtomStream): string {
  const state = (name: string) => `<category term="user/${stream.userId}/state/com.google/${name}" scheme="${SCHEME}" label="${name}"/>`;
  const entries = stream.items.map(({ item, category }) => {
    const labels = [state('reading-list'), state(item.isRead ? 'read' : 'fresh')];
    if (item.isStarred) labels.push(state('starred'));
    if (category) labels.push(`<category term="user/${stream.userId}/label/${escapeXml(category)}" scheme="${SCHEME}" label="${escapeXml(category)}"/>`);
    return `<entry gr:crawl-timestamp-msec="${item.crawledAt.getTime()}">
<id${item.url ? ` gr:original-id="${escapeXml(item.url)}"` : ''}>${longItemId(item.id)}</id>
${labels.join('\n')}
<title type="html">${escapeXml(item.title)}</title>
<published>${item.publishedAt.toISOString()}</published>
<updated>${item.publishedAt.toISOString()}</updated>
${item.url ? `<link rel="alternate" href="${escapeXml(item.url)}" type="text/html"/>` : ''}
<content type="html">${escapeXml(itemHtml(item))}</content>
<author><name>${escapeXml(item.author ?? item.feedTitle ?? '')}</name></author>
<source gr:stream-id="feed/${item.feedId}"><id>tag:google.com,2005:reader/feed/${item.feedId}</id><title>${escapeXml(item.feedTitle ?? '')}</title>${item.feedSiteUrl ? `<link rel="alternate" href="${escapeXml(item.feedSiteUrl)}" type="text/html"/>` : ''}</source>
</entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:gr="http://www.google.com/schemas/reader/atom/">
<id>tag:google.com,2005:reader/${escapeXml(stream.streamId)}</id>
<title>${escapeXml(stream.title)}</title>
${stream.siteUrl ? `<link rel="alternate" href="${escapeXml(stream.siteUrl)}" type="text/html"/>` : ''}
<updated>${stream.updated.toISOString()}</updated>
${stream.continuation ? `<gr:continuation>${stream.continuation}</gr:continuation>` : ''}
${entries.join('\n')}
</feed>
`;
}
