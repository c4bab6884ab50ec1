/**
 * Encodes text into a legacy encoding (windows-1252, Shift_JIS, ...) using only Node's ICU decoders:
 * it decodes every 1- and 2-byte sequence once and inverts the table for the characters it needs.
 */
const tables = new Map<string, Map<string, Uint8Array>>();

function reverseTable(label: string, wanted: Set<string>): Map<string, Uint8Array> {
  const table = tables.get(label) ?? new Map<string, Uint8Array>();
  tables.set(label, table);
  const missing = [...wanted].filter((c) => !table.has(c));
  if (missing.length === 0) return table;
  const decoder = new TextDecoder(label);
  const need = new Set(missing);
  const tryBytes = (bytes: Uint8Array): void => {
    const ch = decoder.decode(bytes);
    if (need.has(ch) && !table.has(ch)) {
      table.set(ch, bytes);
      need.delete(ch);
    }
  };
  for (let b = 0x80; b <= 0xff && need.size; b++) tryBytes(Uint8Array.of(b));
  for (let lead = 0x81; lead <= 0xfe && need.size; lead++) {
    for (let trail = 0x40; trail <= 0xfe && need.size; trail++) tryBytes(Uint8Array.of(lead, trail));
  }
  if (need.size) throw new Error(`${label} cannot encode ${[...need].join('')}`);
  return table;
}

export function encodeLegacy(text: string, label: string): Buffer {
  const chars = [...text];
  const table = reverseTable(label, new Set(chars.filter((c) => c.charCodeAt(0) >= 0x80)));
  const parts: number[] = [];
  for (const c of chars) {
    const code = c.charCodeAt(0);
    if (code < 0x80) parts.push(code);
    else parts.push(...(table.get(c) as Uint8Array));
  }
  return Buffer.from(parts);
}
