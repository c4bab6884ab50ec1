import { ScrapifieError } from '@scrapifie/recipe';
import { parse } from 'parse5';
import { decodeHtmlDetailed, type CharsetSource } from './charset.ts';
import type { StaticDocumentNode } from './tree.ts';

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

export interface ParseHtmlOptions {
  /** The page's final URL: relative links resolve against it (or its <base href>). */
  url: string;
  /** The Content-Type response header, for its charset. */
  contentType?: string | undefined;
  /** Larger bodies are refused with BODY_TOO_LARGE. Default 10 MB. */
  maxBytes?: number | undefined;
}

/** A page parsed for the static path (HTTP tier): the WHATWG HTML tree browsers build, before any script runs. */
export interface StaticDocument {
  url: string;
  document: StaticDocumentNode;
  /** The encoding the bytes were decoded with ("utf-8" for string input). */
  charset: string;
  charsetSource: CharsetSource | 'string';
  /** Things worth telling the user, e.g. an unknown charset label that was ignored. */
  notes: string[];
  /** No doctype or a legacy one: class and id selectors match case-insensitively, as in the browser. */
  quirksMode: boolean;
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

/** UTF-8 length of a string, counted only as far as needed to know it exceeds `limit`. */
function utf8LengthOver(s: string, limit: number): number | null {
  if (s.length > limit) return s.length; // at least one byte per UTF-16 unit
  if (s.length * 3 <= limit) return null;
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes > limit ? bytes : null;
}

export function parseHtml(input: Uint8Array | string, opts: ParseHtmlOptions): StaticDocument {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const size = typeof input === 'string' ? utf8LengthOver(input, maxBytes) : input.byteLength > maxBytes ? input.byteLength : null;
  if (size !== null)
    throw new ScrapifieError(
      'BODY_TOO_LARGE',
      `the page ${opts.url} is ${typeof input === 'string' ? 'at least ' : ''}${formatBytes(size)} (${size} bytes), over the limit of ${formatBytes(maxBytes)} (${maxBytes} bytes)`,
    );
  let text: string;
  let charset = 'utf-8';
  let charsetSource: StaticDocument['charsetSource'] = 'string';
  let notes: string[] = [];
  if (typeof input === 'string') text = input;
  else {
    const decoded = decodeHtmlDetailed(input, opts.contentType);
    ({ text, charset, notes } = decoded);
    charsetSource = decoded.source;
  }
  const document = parse(text, { scriptingEnabled: true });
  return { url: opts.url, document, charset, charsetSource, notes, quirksMode: document.mode === 'quirks' };
}
