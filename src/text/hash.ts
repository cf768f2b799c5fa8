// Content fingerprints: the same article read from two pages gets the same hash whatever
// its whitespace, letter case or paragraph breaks.
import { createHash } from 'node:crypto';

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Lower-cased, Unicode-normalised, punctuation-spacing-insensitive form of a text. */
export function normaliseForHash(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201f\u2033]/g, '"')
    .replace(/[\s\u200b-\u200d\u2060\ufeff]+/g, ' ')
    .replace(/ ([,.;:!?'])/g, '$1')
    .trim();
}

export function articleContentHash(title: string, text: string): string {
  return sha256(normaliseForHash(title) + '\n' + normaliseForHash(text));
}
