/**
 * Bytes of an HTML page to text, choosing the encoding as browsers do (simplified WHATWG "encoding sniffing"):
 * byte order mark > charset of the Content-Type header > <meta charset> or <meta http-equiv="content-type"> in the
 * first 1024 bytes > UTF-8. Labels are WHATWG labels (latin1 and iso-8859-1 mean windows-1252, sjis means
 * Shift_JIS, ...). An unknown or unsupported label is skipped with a note, and the next source decides.
 */
export type CharsetSource = 'bom' | 'header' | 'meta' | 'default';

export interface DecodedHtml {
  text: string;
  /** The encoding used, by its WHATWG name: "utf-8", "windows-1252", "shift_jis", ... */
  charset: string;
  source: CharsetSource;
  /** Why a declared charset was not used, e.g. 'unknown charset "foo" in the Content-Type header; ...'. */
  notes: string[];
}

const PRESCAN_BYTES = 1024;

/** The decoder for a label, or null when the label is unknown to the platform. */
function decoderFor(label: string): TextDecoder | null {
  try {
    return new TextDecoder(label.trim());
  } catch {
    return null;
  }
}

function bomEncoding(b: Uint8Array): string | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  return null;
}

/** The charset parameter of a Content-Type value: `text/html; charset="Shift_JIS"` -> "Shift_JIS". */
export function charsetFromContentType(contentType: string | undefined): string | null {
  if (!contentType) return null;
  const m = /;\s*charset\s*=\s*(?:"([^"]*)"|([^\s;"]+))/i.exec(contentType);
  const label = m?.[1] ?? m?.[2];
  return label ? label : null;
}

const META_TAG = /<meta\b((?:[^>"']|"[^"]*"|'[^']*')*)>/gi;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;

/** The charset a <meta> in the first 1024 bytes declares (comments skipped), or null. */
export function charsetFromMeta(bytes: Uint8Array): string | null {
  let head = '';
  const end = Math.min(bytes.length, PRESCAN_BYTES);
  for (let i = 0; i < end; i++) head += String.fromCharCode(bytes[i] ?? 0);
  head = head.replace(/<!--[\s\S]*?(?:-->|$)/g, '');
  for (const tag of head.matchAll(META_TAG)) {
    const attrs = new Map<string, string>();
    for (const a of (tag[1] ?? '').matchAll(ATTRIBUTE)) {
      const name = (a[1] ?? '').toLowerCase();
      if (!attrs.has(name)) attrs.set(name, a[2] ?? a[3] ?? a[4] ?? '');
    }
    const charset = attrs.get('charset');
    if (charset) return charset;
    if (attrs.get('http-equiv')?.toLowerCase() === 'content-type') {
      const m = /charset\s*=\s*["']?([^"';\s]+)/i.exec(attrs.get('content') ?? '');
      if (m?.[1]) return m[1];
    }
  }
  return null;
}

/** A <meta> cannot declare UTF-16 (the prescan read it as ASCII) and x-user-defined means windows-1252. */
function metaLabel(label: string): string {
  const l = label.trim().toLowerCase();
  if (l.startsWith('utf-16')) return 'utf-8';
  if (l === 'x-user-defined') return 'windows-1252';
  return label;
}

export function decodeHtmlDetailed(bytes: Uint8Array, contentType?: string): DecodedHtml {
  const notes: string[] = [];
  const decode = (decoder: TextDecoder, source: CharsetSource): DecodedHtml => ({ text: decoder.decode(bytes), charset: decoder.encoding, source, notes });

  const bom = bomEncoding(bytes);
  if (bom) return decode(new TextDecoder(bom), 'bom');

  const headerLabel = charsetFromContentType(contentType);
  if (headerLabel) {
    const decoder = decoderFor(headerLabel);
    if (decoder) return decode(decoder, 'header');
    notes.push(`unknown charset "${headerLabel}" in the Content-Type header; ignored`);
  }
  const metaDeclared = charsetFromMeta(bytes);
  if (metaDeclared) {
    const decoder = decoderFor(metaLabel(metaDeclared));
    if (decoder) return decode(decoder, 'meta');
    notes.push(`unknown charset "${metaDeclared}" in a <meta> tag; ignored`);
  }
  if (notes.length > 0) notes.push('decoded as UTF-8');
  return decode(new TextDecoder('utf-8'), 'default');
}

/** The text of an HTML page's bytes (see decodeHtmlDetailed for how the encoding is chosen). */
export function decodeHtml(bytes: Uint8Array, contentType?: string): string {
  return decodeHtmlDetailed(bytes, contentType).text;
}
