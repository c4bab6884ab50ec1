/** Regex-level HTML helpers for block detection: cheap, tolerant, never throwing. Not a parser. */

/** Challenge pages are small; for huge bodies only the head and the tail are searched. */
export function sampleBody(body: string): string {
  const MAX = 512 * 1024;
  return body.length <= MAX ? body : `${body.slice(0, 384 * 1024)}\n${body.slice(-128 * 1024)}`;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', hellip: '…' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|\w{2,10});/gi, (m, name: string) => {
    if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? m;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

const HIDDEN = new Set(['script', 'style', 'noscript', 'template', 'svg', 'head', 'title']);

/**
 * Walks the markup once (linear time, whatever the input): calls `onText` for text outside tags and hidden
 * elements, and `onElement` with the raw inner markup of each hidden element (script, style, noscript, ...).
 */
function walk(html: string, onText: (text: string) => void, onElement?: (name: string, inner: string) => void): void {
  // No html.toLowerCase() copy: in V8 (Node 22) that made this loop quadratic once optimised on large pages.
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt === -1) {
      onText(html.slice(i));
      return;
    }
    if (lt > i) onText(html.slice(i, lt));
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      if (end === -1) return;
      i = end + 3;
      continue;
    }
    const gt = html.indexOf('>', lt + 1);
    if (gt === -1) return;
    const name = /^<([a-z][a-z0-9-]*)/i.exec(html.slice(lt, lt + 12))?.[1]?.toLowerCase();
    if (name !== undefined && HIDDEN.has(name)) {
      const closer = new RegExp(`</${name}`, 'gi');
      closer.lastIndex = gt + 1;
      const close = closer.exec(html)?.index ?? -1;
      onElement?.(name, html.slice(gt + 1, close === -1 ? html.length : close));
      if (close === -1) return;
      const closeEnd = html.indexOf('>', close);
      i = closeEnd === -1 ? html.length : closeEnd + 1;
      continue;
    }
    onText(' ');
    i = gt + 1;
  }
}

function collapse(text: string): string {
  return decodeEntities(text).replace(/\s+/g, ' ').trim();
}

/** The text a reader would see: no scripts, styles, templates, noscript, comments or tags; whitespace collapsed. */
export function visibleText(html: string): string {
  const parts: string[] = [];
  walk(html, (t) => parts.push(t));
  return collapse(parts.join(''));
}

export function titleOf(html: string): string | undefined {
  let title: string | undefined;
  walk(html, () => {}, (name, inner) => {
    if (name === 'title' && title === undefined) title = collapse(inner);
    else if (name === 'head' && title === undefined) title = titleOf(inner);
  });
  return title;
}

/** Text inside every <noscript> element, joined. */
export function noscriptText(html: string): string {
  const parts: string[] = [];
  walk(html, () => {}, (name, inner) => {
    if (name === 'noscript') parts.push(visibleText(inner));
    else if (name === 'head') parts.push(noscriptText(inner));
  });
  return parts.join(' ').trim();
}

/** Opening tags whose class attribute contains the class `cls` (tags longer than 2,000 characters are skipped). */
export function tagsWithClass(html: string, cls: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<[a-z][\w-]{0,40}\s[^<>]{0,2000}>/gi)) {
    const value = attr(m[0], 'class');
    if (value !== undefined && value.split(/\s+/).includes(cls)) out.push(m[0]);
  }
  return out;
}

export function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
}

/** Lower-cased header lookup over a record whose names may be in any case; arrays are joined with ", ". */
export function headerOf(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name || value === undefined) continue;
    return Array.isArray(value) ? value.join(', ') : value;
  }
  return undefined;
}
