import { afterEach, describe, expect, it } from 'vitest';
import { generateExport, WORKER_THRESHOLD } from './export-client.ts';
import { formatRows, neutraliseFormula } from './export-format.ts';
import type { GridRow } from './rows.ts';
import { columnName } from './xlsx.ts';

const row = (i: number, data: Record<string, unknown>): GridRow => ({ seq: i, url: `https://shop.test/item/${i}`, tier: 'http', fetchedAt: '2026-01-01T00:00:00Z', data });

describe('export formats', () => {
  it('CSV: formula-looking cells open as text, quotes and newlines are escaped, objects become JSON', () => {
    const rows = [
      row(1, { title: '=HYPERLINK("http://evil","x")', price: 10, tags: ['a', 'b'] }),
      row(2, { title: 'Line\nbreak, "quoted"', price: -5, tags: null }),
      row(3, { title: '@SUM(A1)', price: '+1', tags: '\0hidden' }),
    ];
    const csv = formatRows(rows, ['title', 'price', 'tags'], 'csv');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('title,price,tags,url');
    expect(lines[1]).toBe(`"'=HYPERLINK(""http://evil"",""x"")",10,"[""a"",""b""]",https://shop.test/item/1`);
    expect(csv).toContain(`"Line\nbreak, ""quoted""",-5,,https://shop.test/item/2`);
    expect(lines.at(-2)).toBe(`'@SUM(A1),'+1,'\0hidden,https://shop.test/item/3`);
    expect(neutraliseFormula('plain')).toBe('plain');
  });

  it('NDJSON: one object per line with the columns in order; JSON: an array of the same objects', () => {
    const rows = [row(1, { b: 2, a: 'x' }), row(2, { a: 'y' })];
    const nd = formatRows(rows, ['a', 'b'], 'ndjson');
    expect(nd.trimEnd().split('\n').map((l) => JSON.parse(l))).toEqual([
      { a: 'x', b: 2, url: 'https://shop.test/item/1' },
      { a: 'y', b: null, url: 'https://shop.test/item/2' },
    ]);
    expect(JSON.parse(formatRows(rows, ['a', 'b'], 'json'))).toEqual(nd.trimEnd().split('\n').map((l) => JSON.parse(l)));
    expect(formatRows([], ['a'], 'ndjson')).toBe('');
  });

  it('XLSX: a real spreadsheet reader opens it; numbers stay numbers, formula-looking text stays text, long cells are cut', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const long = 'x'.repeat(40_000);
    const rows = [
      row(1, { title: '=HYPERLINK("http://evil","x")', price: 10.5, ok: true, tags: ['a', 'b'] }),
      row(2, { title: 'Tom & <Jerry> "quoted"\u0001', price: null, ok: false, tags: long }),
    ];
    const file = formatRows(rows, ['title', 'price', 'ok', 'tags'], 'xlsx');
    expect(file).toBeInstanceOf(Uint8Array);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file as Uint8Array) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(3);
    expect(ws.getRow(1).values).toEqual([undefined, 'title', 'price', 'ok', 'tags', 'url']);
    expect(ws.getCell('A2').value).toBe('=HYPERLINK("http://evil","x")');
    expect(ws.getCell('A2').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('B2').value).toBe(10.5);
    expect(ws.getCell('C2').value).toBe(true);
    expect(ws.getCell('D2').value).toBe('["a","b"]');
    expect(ws.getCell('E2').value).toBe('https://shop.test/item/1');
    expect(ws.getCell('A3').value).toBe('Tom & <Jerry> "quoted"');
    expect(ws.getCell('B3').value).toBeNull();
    expect(String(ws.getCell('D3').value)).toHaveLength(32_767);
    expect([0, 25, 26, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA']);
  });
});

describe('export off the main thread', () => {
  const g = globalThis as unknown as { onmessage?: unknown; postMessage?: unknown };
  afterEach(() => {
    delete g.onmessage;
    delete g.postMessage;
  });

  it('from 10,000 rows the file comes from the worker module; below that it is made in place', async () => {
    // Node has no browser Worker for a module URL: the real worker module is loaded here, and a minimal
    // message channel stands in for the Worker object (the only part that is not the real thing).
    const replies: Array<(m: unknown) => void> = [];
    g.postMessage = (m: unknown) => replies.shift()?.(m);
    await import('./export.worker.ts');
    const handler = g.onmessage as (e: { data: unknown }) => void;
    let workersMade = 0;
    const factory = () => {
      workersMade++;
      const w = {
        onmessage: null as null | ((e: { data: unknown }) => void),
        onerror: null,
        terminate() {},
        postMessage(data: unknown) {
          replies.push((m) => setTimeout(() => w.onmessage?.({ data: m }), 0));
          setTimeout(() => handler({ data: structuredClone(data) }), 0);
        },
      };
      return w as unknown as Worker;
    };
    const many = Array.from({ length: WORKER_THRESHOLD }, (_, i) => row(i, { title: `=t${i}` }));
    const big = await generateExport(many, ['title'], 'csv', factory);
    expect(big.inWorker).toBe(true);
    expect(workersMade).toBe(1);
    const bigText = big.text as string;
    expect(bigText.split('\r\n')).toHaveLength(WORKER_THRESHOLD + 2);
    expect(bigText).toContain("'=t9999,https://shop.test/item/9999");
    const small = await generateExport(many.slice(0, 10), ['title'], 'ndjson', factory);
    expect(small.inWorker).toBe(false);
    expect(workersMade).toBe(1);
    expect((small.text as string).split('\n')).toHaveLength(11);
  });
});
