import { encodeLegacy } from '../legacy-encode.ts';
import { send, type Route } from '../http.ts';

export interface CharsetCase {
  path: string;
  /** The decoded text of `<p id="text">` (what a browser shows). */
  expectedText: string;
  /** The Content-Type header sent. */
  contentType: string;
  /** The encoding a correct decoder ends up with (WHATWG name). */
  effectiveEncoding: 'windows-1252' | 'shift_jis' | 'utf-8';
  notes: string;
}

const WESTERN = 'Café – “quotes” €5';
const JAPANESE = '日本語のテキスト';
const MIXED = 'Grüße, naïve café — 日本語 ✓';
const LATIN1_LABEL = 'Price: €5 – “special” offer, ½ off';

/** The charset routes and what each must decode to. */
export const CHARSET_CASES: readonly CharsetCase[] = [
  { path: '/charset/windows-1252/header', expectedText: WESTERN, contentType: 'text/html; charset=windows-1252', effectiveEncoding: 'windows-1252',
    notes: 'The charset is only in the Content-Type header.' },
  { path: '/charset/windows-1252/meta', expectedText: WESTERN, contentType: 'text/html', effectiveEncoding: 'windows-1252',
    notes: 'The header has no charset; only <meta charset="windows-1252"> declares it.' },
  { path: '/charset/shift_jis/meta', expectedText: JAPANESE, contentType: 'text/html', effectiveEncoding: 'shift_jis',
    notes: 'The header has no charset; <meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"> declares it.' },
  { path: '/charset/utf-8/bom', expectedText: MIXED, contentType: 'text/html', effectiveEncoding: 'utf-8',
    notes: 'No declaration at all; the body starts with the UTF-8 byte order mark EF BB BF.' },
  { path: '/charset/wrong', expectedText: LATIN1_LABEL, contentType: 'text/html; charset=iso-8859-1', effectiveEncoding: 'windows-1252',
    notes: 'The header says iso-8859-1 but the bytes use windows-1252 only code points (0x80 €, 0x93/0x94 quotes, 0x96 dash). ' +
      'The WHATWG Encoding Standard maps the label iso-8859-1 to windows-1252, as browsers and TextDecoder do; a strict ' +
      'Latin-1 decoder shows C1 control characters instead.' },
];

function page(head: string, text: string): string {
  return `<!DOCTYPE html>\n<html><head>${head}<title>Charset test</title></head><body><h1>Charset test</h1><p id="text">${text}</p></body></html>\n`;
}

function build(): Map<string, Buffer> {
  const bodies = new Map<string, Buffer>();
  bodies.set('/charset/windows-1252/header', encodeLegacy(page('', WESTERN), 'windows-1252'));
  bodies.set('/charset/windows-1252/meta', encodeLegacy(page('<meta charset="windows-1252">', WESTERN), 'windows-1252'));
  bodies.set('/charset/shift_jis/meta',
    encodeLegacy(page('<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">', JAPANESE), 'shift_jis'));
  bodies.set('/charset/utf-8/bom', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(page('', MIXED))]));
  bodies.set('/charset/wrong', encodeLegacy(page('', LATIN1_LABEL), 'windows-1252'));
  return bodies;
}

let bodies: Map<string, Buffer> | undefined;

export const charsetRoute: Route = ({ res, path }) => {
  if (!path.startsWith('/charset/')) return false;
  bodies ??= build();
  const body = bodies.get(path);
  const c = CHARSET_CASES.find((x) => x.path === path);
  if (!body || !c) return false;
  send(res, 200, body, c.contentType);
  return true;
};
