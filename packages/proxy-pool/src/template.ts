/**
 * Provider URL templates, in the common shape of commercial proxy gateways:
 *   http://user-{username}-country-{country}-session-{session}:{password}@gw.example.net:7000
 * Placeholders: {username} {password} {country} {session}. A part in square brackets that holds a
 * placeholder is optional: `user-{username}[-country-{country}][-session-{session}]` drops the country
 * part when no country is asked for and the session part when the request has no session.
 */
export const TEMPLATE_PLACEHOLDERS = ['username', 'password', 'country', 'session'] as const;
export type TemplatePlaceholder = (typeof TEMPLATE_PLACEHOLDERS)[number];

type Part = { text: string } | { placeholder: TemplatePlaceholder };
interface Segment {
  optional: boolean;
  parts: Part[];
}

/** How a template uses a placeholder: absent, inside an optional [...] part, or required. */
export type PlaceholderUse = 'none' | 'optional' | 'required';

export interface ParsedTemplate {
  readonly segments: readonly Segment[];
  use(name: TemplatePlaceholder): PlaceholderUse;
}

export type TemplateValues = Partial<Record<TemplatePlaceholder, string>>;

const OPTIONAL_SEGMENT = /\[([^[\]]*\{\w+\}[^[\]]*)\]/g;
const PLACEHOLDER = /\{(\w*)\}/g;

function isPlaceholder(name: string): name is TemplatePlaceholder {
  return (TEMPLATE_PLACEHOLDERS as readonly string[]).includes(name);
}

function partsOf(text: string): Part[] {
  const parts: Part[] = [];
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    const name = m[1] ?? '';
    if (!isPlaceholder(name)) {
      throw new Error(`unknown placeholder {${name}}: use ${TEMPLATE_PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}`);
    }
    if (m.index > last) parts.push({ text: text.slice(last, m.index) });
    parts.push({ placeholder: name });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

/** Splits a template into fixed and optional segments; throws a plain Error naming an unknown placeholder. */
export function parseTemplate(template: string): ParsedTemplate {
  const segments: Segment[] = [];
  let last = 0;
  for (const m of template.matchAll(OPTIONAL_SEGMENT)) {
    if (m.index > last) segments.push({ optional: false, parts: partsOf(template.slice(last, m.index)) });
    segments.push({ optional: true, parts: partsOf(m[1] ?? '') });
    last = m.index + m[0].length;
  }
  if (last < template.length) segments.push({ optional: false, parts: partsOf(template.slice(last)) });
  const uses = new Map<TemplatePlaceholder, PlaceholderUse>();
  for (const seg of segments) {
    for (const part of seg.parts) {
      if (!('placeholder' in part)) continue;
      if (!seg.optional) uses.set(part.placeholder, 'required');
      else if (uses.get(part.placeholder) !== 'required') uses.set(part.placeholder, 'optional');
    }
  }
  return { segments, use: (name) => uses.get(name) ?? 'none' };
}

/**
 * Fills a parsed template. Values are percent-encoded (a password may hold "@" or ":"). An optional
 * segment whose placeholders lack a value is dropped; a required placeholder without a value throws.
 */
export function renderTemplate(parsed: ParsedTemplate, values: TemplateValues): string {
  let out = '';
  for (const seg of parsed.segments) {
    const missing = seg.parts.find((p) => 'placeholder' in p && !values[p.placeholder]);
    if (missing && 'placeholder' in missing) {
      if (seg.optional) continue;
      throw new Error(`the template needs a value for {${missing.placeholder}}`);
    }
    for (const part of seg.parts) out += 'text' in part ? part.text : encodeURIComponent(values[part.placeholder] as string);
  }
  return out;
}
