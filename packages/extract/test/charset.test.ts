import { describe, expect, it } from 'vitest';
import { decodeHtml, decodeHtmlDetailed, parseHtml } from '../src/index.ts';

const latin1 = (s: string) => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));
const bytes = (...parts: Array<Uint8Array | string>) => {
  const chunks = parts.map((p) => (typeof p === 'string' ? new TextEncoder().encode(p) : p));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
};
// "café €5" in windows-1252: é is 0xE9, € is 0x80.
const CAFE_1252 = Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x35]);
// "緑茶" in Shift_JIS.
const GREEN_TEA_SJIS = Uint8Array.from([0x97, 0xce, 0x92, 0x83]);

describe('decodeHtml', () => {
  it('windows-1252 from the Content-Type header', () => {
    const d = decodeHtmlDetailed(bytes('<p>', CAFE_1252, '</p>'), 'text/html; charset=windows-1252');
    expect(d).toMatchObject({ text: '<p>café €5</p>', charset: 'windows-1252', source: 'header', notes: [] });
  });

  it('a quoted, differently cased header label; latin1 means windows-1252 as in browsers', () => {
    expect(decodeHtml(bytes('<p>', CAFE_1252), 'text/html;Charset="ISO-8859-1"')).toBe('<p>café €5');
  });

  it('windows-1252 from <meta http-equiv="Content-Type">', () => {
    const html = bytes('<html><head><meta http-equiv="content-type" content="text/html; charset=windows-1252"></head><body>', CAFE_1252);
    expect(decodeHtmlDetailed(html, 'text/html')).toMatchObject({ text: expect.stringContaining('café €5'), charset: 'windows-1252', source: 'meta' });
  });

  it('Shift_JIS from <meta charset>', () => {
    const html = bytes('<!doctype html><meta charset="shift_jis"><title>', GREEN_TEA_SJIS, '</title>');
    const d = decodeHtmlDetailed(html);
    expect(d).toMatchObject({ charset: 'shift_jis', source: 'meta' });
    expect(d.text).toContain('<title>緑茶</title>');
  });

  it('the header wins over the meta tag', () => {
    const html = bytes('<meta charset="shift_jis"><p>', CAFE_1252);
    expect(decodeHtmlDetailed(html, 'text/html; charset=windows-1252')).toMatchObject({ charset: 'windows-1252', source: 'header' });
  });

  it('a UTF-8 byte order mark wins over everything and is not part of the text', () => {
    const html = bytes(Uint8Array.from([0xef, 0xbb, 0xbf]), '<meta charset="windows-1252"><p>café</p>');
    const d = decodeHtmlDetailed(html, 'text/html; charset=shift_jis');
    expect(d).toMatchObject({ charset: 'utf-8', source: 'bom' });
    expect(d.text).toBe('<meta charset="windows-1252"><p>café</p>');
  });

  it('a UTF-16LE byte order mark', () => {
    const text = '<p>ünï</p>';
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) utf16[2 + i * 2] = text.charCodeAt(i);
    expect(decodeHtmlDetailed(utf16)).toMatchObject({ text, charset: 'utf-16le', source: 'bom' });
  });

  it('an unknown header label is ignored with a note, and the meta tag decides', () => {
    const d = decodeHtmlDetailed(bytes('<meta charset="windows-1252"><p>', CAFE_1252), 'text/html; charset=klingon-8');
    expect(d).toMatchObject({ charset: 'windows-1252', source: 'meta' });
    expect(d.notes).toEqual(['unknown charset "klingon-8" in the Content-Type header; ignored']);
  });

  it('an unknown label everywhere falls back to UTF-8 with notes', () => {
    const d = decodeHtmlDetailed(bytes('<meta charset="x-mac-nonsense"><p>café</p>'), 'text/html; charset=bogus');
    expect(d).toMatchObject({ text: '<meta charset="x-mac-nonsense"><p>café</p>', charset: 'utf-8', source: 'default' });
    expect(d.notes).toEqual([
      'unknown charset "bogus" in the Content-Type header; ignored',
      'unknown charset "x-mac-nonsense" in a <meta> tag; ignored',
      'decoded as UTF-8',
    ]);
  });

  it('UTF-8 when nothing is declared', () => {
    expect(decodeHtmlDetailed(bytes('<p>café</p>'))).toMatchObject({ text: '<p>café</p>', charset: 'utf-8', source: 'default', notes: [] });
  });

  it('only the first 1024 bytes are searched for a meta tag, and commented-out tags do not count', () => {
    const late = bytes('<p>', 'x'.repeat(1100), '<meta charset="windows-1252">');
    expect(decodeHtmlDetailed(late).charset).toBe('utf-8');
    const commented = bytes('<!-- <meta charset="windows-1252"> --><meta charset="shift_jis">');
    expect(decodeHtmlDetailed(commented).charset).toBe('shift_jis');
  });

  it('a meta tag cannot declare UTF-16 (the page is ASCII-compatible if it was found): UTF-8', () => {
    expect(decodeHtmlDetailed(bytes('<meta charset="utf-16"><p>é</p>')).charset).toBe('utf-8');
  });
});

describe('parseHtml decoding', () => {
  it('keeps the charset and the notes on the document', () => {
    const doc = parseHtml(bytes('<p>', CAFE_1252), { url: 'https://a.example/', contentType: 'text/html; charset=nope' });
    expect(doc.charset).toBe('utf-8');
    expect(doc.notes[0]).toContain('"nope"');
    const ok = parseHtml(latin1('<p>caf\u00e9</p>'), { url: 'https://a.example/', contentType: 'text/html; charset=iso-8859-1' });
    expect(ok).toMatchObject({ charset: 'windows-1252', charsetSource: 'header', notes: [] });
  });
});
