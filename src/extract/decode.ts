// Bytes of a saved page → text, with the charset found the way browsers find it: byte-order
// mark, then the HTTP Content-Type, then the page's own declaration (<meta charset>,
// http-equiv, XML declaration), then detection (chardet). Rejects what is not a readable page:
// empty, over the size limit, binary.
import chardet from 'chardet';
import { PageError } from './errors.ts';

export const DEFAULT_MAX_PAGE_BYTES = 10 * 1024 * 1024;

export interface DecodedPage {
  text: string;
  /** The encoding used, as TextDecoder names it ("utf-8", "euc-kr", "windows-1252"). */
  charset: string;
}

function size(n: number): string {
  if (n >= 1024 * 1024) {
    const mb = n / (1024 * 1024);
    return `${Number.isInteger(mb) || mb >= 100 ? Math.round(mb) : mb.toFixed(1)} MB`;
  }
  return n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} bytes`;
}

/** A TextDecoder for the label, or null when the label names no encoding the platform knows. */
function decoderFor(label: string, fatal = false): TextDecoder | null {
  try {
    return new TextDecoder(label.trim().toLowerCase(), { fatal });
  } catch {
    return null;
  }
}

function fromBom(bytes: Uint8Array): { label: string; skip: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { label: 'utf-8', skip: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { label: 'utf-16le', skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { label: 'utf-16be', skip: 2 };
  return null;
}

function fromContentType(contentType: string | undefined): string | null {
  const m = contentType ? /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType) : null;
  return m ? m[1]! : null;
}

/** The charset a page declares in its first bytes (read as Latin-1, which every such declaration is). */
function fromDeclaration(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const xml = /^\s*<\?xml[^>]*\sencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  if (xml) return xml[1]!;
  const meta = /<meta\b[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  return meta ? meta[1]! : null;
}

/**
 * Whether NUL bytes mark the file as binary: any in the first 4 KB (every image and archive format
 * has them in its header) or more than one byte in a thousand. A few stray NULs deep inside a long
 * page are a saving glitch, not a sign of binary data, and are dropped rather than costing the page.
 */
function isBinaryByNul(bytes: Uint8Array): boolean {
  const first = bytes.indexOf(0);
  if (first < 0) return false;
  if (first < 4096) return true;
  let count = 0;
  for (let i = first; i < bytes.length; i++) if (bytes[i] === 0) count++;
  return count * 1000 > bytes.length;
}

function withoutNul(bytes: Uint8Array): Uint8Array {
  return bytes.includes(0) ? bytes.filter((b) => b !== 0) : bytes;
}

/** Share of characters no text has: replacement characters and C0 controls other than whitespace. */
function garbageShare(text: string): number {
  if (text.length === 0) return 0;
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd || (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c)) bad++;
  }
  return bad / text.length;
}

// Node 20's TextDecoder decodes windows-1252 as ISO-8859-1, leaving bytes 0x80-0x9F as C1
// control codes; this is the windows-1252 table for that range (undefined bytes map to themselves).
const WINDOWS_1252_C1 = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f, 0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153,
  0x009d, 0x017e, 0x0178,
];

function decodeWith(decoder: TextDecoder, bytes: Uint8Array): string {
  const text = decoder.decode(bytes);
  if (decoder.encoding !== 'windows-1252') return text;
  return text.replace(/[\u0080-\u009f]/g, (c) => String.fromCharCode(WINDOWS_1252_C1[c.charCodeAt(0) - 0x80]!));
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Decodes a page's bytes. Throws PageError with the reason when they are not a readable page. */
export function decodePage(bytes: Uint8Array, contentType?: string, options: { maxBytes?: number } = {}): DecodedPage {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_PAGE_BYTES;
  if (bytes.byteLength === 0) throw new PageError('empty', 'empty file');
  if (bytes.byteLength > maxBytes) {
    throw new PageError('too-large', `file is ${size(bytes.byteLength)} (${bytes.byteLength} bytes), over the ${size(maxBytes)} limit`);
  }

  const bom = fromBom(bytes);
  let decoder: TextDecoder | null = bom ? decoderFor(bom.label) : null;
  let body = bom ? bytes.subarray(bom.skip) : bytes;
  // UTF-16 is full of NUL bytes; anything else with one is not text.
  if (!decoder?.encoding.startsWith('utf-16')) {
    if (isBinaryByNul(body)) throw new PageError('binary', 'binary file (contains NUL bytes), not a text or HTML page');
    body = withoutNul(body);
  }
  if (!decoder) {
    const declared = fromContentType(contentType) ?? fromDeclaration(body);
    const candidate = declared ? decoderFor(declared) : null;
    // A page that says UTF-8 but is not valid UTF-8 is mislabelled: detection does better.
    if (candidate && !(candidate.encoding === 'utf-8' && !isUtf8(body))) decoder = candidate;
  }
  if (!decoder && isUtf8(body)) decoder = decoderFor('utf-8');
  if (!decoder) {
    // The first 64 KB tell the encoding as well as the whole file does, and detection is slow.
    const detected = chardet.detect(body.subarray(0, 65536));
    decoder = detected ? decoderFor(detected) : null;
    if (!decoder) throw new PageError('undecodable', 'binary file: not text in any known character encoding');
  }
  const text = decodeWith(decoder, body);
  if (garbageShare(text) > 0.01) {
    throw new PageError('binary', `binary file: not readable as ${decoder.encoding} text`);
  }
  if (text.trim().length === 0) throw new PageError('empty', 'empty file (only white space)');
  return { text, charset: decoder.encoding };
}
