// Decoding saved pages: charset from BOM, Content-Type, the page's declaration or detection,
// and clear refusals for empty, binary and oversize input. Fixtures in test/fixtures/charsets
// were encoded with Python's codecs (euc_kr, shift_jis, cp1252) from fictional text.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { decodePage, DEFAULT_MAX_PAGE_BYTES } from '../../src/extract/decode.ts';
import { PageError } from '../../src/extract/errors.ts';

const bytesOf = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/charsets/${name}`, import.meta.url)));

function refusal(run: () => unknown): PageError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PageError);
    return error as PageError;
  }
  throw new Error('expected a PageError');
}

describe('decodePage: charsets', () => {
  it('EUC-KR declared by <meta charset>', () => {
    const page = decodePage(bytesOf('euc-kr-meta.html'));
    expect(page.charset).toBe('euc-kr');
    expect(page.text).toContain('<title>가상 항구도시, 새 여객선 터미널 개장</title>');
    expect(page.text).toContain('"이제 병원에 가는 길이 훨씬 편해졌다"');
  });

  it('EUC-KR with no declaration, by detection', () => {
    const page = decodePage(bytesOf('euc-kr-undeclared.txt'));
    expect(page.charset).toBe('euc-kr');
    expect(page.text).toContain('한별시는 14일 새 여객선 터미널을 열었다고 밝혔다.');
  });

  it('Shift_JIS declared by http-equiv, and undeclared by detection', () => {
    for (const name of ['shift_jis-http-equiv.html', 'shift_jis-undeclared.html']) {
      const page = decodePage(bytesOf(name));
      expect(page.charset).toBe('shift_jis');
      expect(page.text).toContain('<h1>架空の港町で新しい図書館が開館</h1>');
      expect(page.text).toContain('「子どもから高齢者まで、誰もが気軽に立ち寄れる場所にしたい」');
    }
  });

  it('Windows-1252, declared and undeclared, with its curly quotes and euro sign', () => {
    for (const name of ['windows-1252-meta.html', 'windows-1252-undeclared.html']) {
      const page = decodePage(bytesOf(name));
      expect(page.charset).toBe('windows-1252');
      expect(page.text).toContain('<title>Café “Le Zéphyr” rouvre après l’été</title>');
      expect(page.text).toContain('« Nous voulions garder l’âme du lieu »');
      expect(page.text).toContain('crème brûlée qui a fait sa réputation — à 6,50 €.');
    }
  });

  it('the Content-Type header outranks the page, and a byte-order mark outranks both', () => {
    const latin = new Uint8Array(Buffer.from('<meta charset="utf-8"><p>caf\xe9</p>', 'latin1'));
    expect(decodePage(latin, 'text/html; charset=ISO-8859-1').text).toContain('café');
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('<p>café</p>', 'utf8')]);
    expect(decodePage(bom, 'text/html; charset=shift_jis')).toEqual({ text: '<p>café</p>', charset: 'utf-8' });
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from('<p>Hafen 港</p>', 'utf16le')]);
    expect(decodePage(utf16)).toEqual({ text: '<p>Hafen 港</p>', charset: 'utf-16le' });
  });

  it('plain UTF-8 with no declaration', () => {
    expect(decodePage(new Uint8Array(Buffer.from('Seoul — 서울 — 東京', 'utf8')))).toEqual({ text: 'Seoul — 서울 — 東京', charset: 'utf-8' });
  });

  it('a page that claims UTF-8 but is not is decoded by detection instead', () => {
    const bytes = bytesOf('euc-kr-meta.html');
    const mislabelled = new Uint8Array(Buffer.from(Buffer.from(bytes).toString('latin1').replace('euc-kr', 'utf-8'), 'latin1'));
    expect(decodePage(mislabelled).charset).toBe('euc-kr');
  });
});

describe('decodePage: refusals', () => {
  it('an empty file', () => {
    const error = refusal(() => decodePage(bytesOf('empty.txt')));
    expect(error.code).toBe('empty');
    expect(error.message).toBe('empty file');
    expect(refusal(() => decodePage(new Uint8Array(Buffer.from(' \n\t\n')))).code).toBe('empty');
  });

  it('a binary file with NUL bytes', () => {
    const error = refusal(() => decodePage(bytesOf('binary.png')));
    expect(error.code).toBe('binary');
    expect(error.message).toContain('binary file');
  });

  it('binary bytes without NULs are not taken for text', () => {
    const noise = new Uint8Array(2048).map((_, i) => 1 + ((i * 131) % 255));
    expect(refusal(() => decodePage(noise)).code).toBe('binary');
  });

  it('a file over the size limit, default 10 MB, or the limit given', () => {
    const big = new Uint8Array(DEFAULT_MAX_PAGE_BYTES + 1).fill(0x61);
    const error = refusal(() => decodePage(big));
    expect(error.code).toBe('too-large');
    expect(error.message).toBe('file is 10.0 MB (10485761 bytes), over the 10 MB limit');
    expect(decodePage(new Uint8Array(DEFAULT_MAX_PAGE_BYTES).fill(0x61)).text).toHaveLength(DEFAULT_MAX_PAGE_BYTES);
    expect(refusal(() => decodePage(new Uint8Array(3000).fill(0x61), undefined, { maxBytes: 2048 })).message).toBe('file is 3 KB (3000 bytes), over the 2 KB limit');
  });
});
