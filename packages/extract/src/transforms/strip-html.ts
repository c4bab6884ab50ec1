import { decodeHTML } from 'entities/decode';
import { normalizeWhitespace } from '../text.ts';

// A tag with quoted attribute values that may contain ">".
const TAG = String.raw`<\/?[a-zA-Z][^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>`;
const HIDDEN_CONTENT = /<(script|style|template)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const COMMENT_OR_DECLARATION = /<!--[\s\S]*?-->|<[!?][^>]*>/g;
const BLOCK_TAG = new RegExp(
  String.raw`<\/?(?:address|article|aside|blockquote|br|dd|div|dl|dt|fieldset|figcaption|figure|footer|form|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|table|tbody|td|tfoot|th|thead|tr|ul)\b(?:[^>"']*(?:"[^"]*"|'[^']*'))*[^>"']*>`,
  'gi',
);
const ANY_TAG = new RegExp(TAG, 'g');

/**
 * `stripHtml`: the text of an HTML snippet (e.g. a value taken with take "html"). Comments and the contents of
 * script, style and template are dropped; block-level tags and <br> become a space, inline tags nothing
 * ("<b>Hello</b>world" -> "Helloworld", as textContent would give); entities are decoded; whitespace is
 * normalised.
 */
export function stripHtml(html: string): string {
  const text = html.replace(COMMENT_OR_DECLARATION, '').replace(HIDDEN_CONTENT, ' ').replace(BLOCK_TAG, ' ').replace(ANY_TAG, '');
  return normalizeWhitespace(decodeHTML(text));
}
