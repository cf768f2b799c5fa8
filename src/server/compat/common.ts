// What the Fever and Google Reader adapters share: folder ids, item bodies, form fields that
// may come once or repeated, and a multipart/form-data reader for the clients that post so.
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { CompatItem } from '../../store/reader-state.ts';
import { paragraphs } from '../../web/pages/articles.ts';

/**
 * Folders are feed categories (text), but Fever wants integer group ids: a stable hash of the
 * name, so an id never changes while the folder exists and needs no table of its own.
 */
export function folderId(category: string): number {
  return createHash('sha1').update(category).digest().readUInt32BE(0) & 0x7fffffff || 1;
}

/** The item's body as HTML: the sanitised HTML when there is one, else its text as paragraphs. */
export function itemHtml(item: CompatItem): string {
  return item.html ?? paragraphs(item.text).value;
}

/** Every value of a form or query field (clients repeat `i=` for several items). */
export function fieldValues(...sources: unknown[]): string[] {
  const out: string[] = [];
  for (const value of sources) {
    if (value === undefined || value === null) continue;
    for (const v of Array.isArray(value) ? value : [value]) if (typeof v === 'string' || typeof v === 'number') out.push(String(v));
  }
  return out;
}

const MAX_FORM_FIELDS = 1000;

/** Text fields of a multipart/form-data body (files are not expected from these clients and are skipped). */
export function parseMultipartFields(body: string, contentType: string): Record<string, string | string[]> {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!boundary) throw Object.assign(new Error('multipart body without a boundary'), { statusCode: 400 });
  const delimiter = `--${boundary[1] ?? boundary[2]}`;
  const fields: Record<string, string | string[]> = {};
  let count = 0;
  for (const part of body.split(delimiter).slice(1)) {
    if (part.startsWith('--')) break;
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const headers = part.slice(0, split);
    const name = /content-disposition:[^\r\n]*\bname="([^"]*)"/i.exec(headers)?.[1];
    if (!name || /filename=/i.test(headers)) continue;
    if (++count > MAX_FORM_FIELDS) break;
    const value = part.slice(split + 4).replace(/\r\n$/, '');
    const existing = fields[name];
    fields[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return fields;
}

/** Lets a route scope accept multipart/form-data text fields as a plain object body. */
export function acceptMultipartForms(scope: FastifyInstance): void {
  scope.addContentTypeParser('multipart/form-data', { parseAs: 'string', bodyLimit: 1024 * 1024 }, (request, body, done) => {
    try {
      done(null, parseMultipartFields(body as string, String(request.headers['content-type'] ?? '')));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}
