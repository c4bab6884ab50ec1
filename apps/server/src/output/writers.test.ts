import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRowWriter, formatFromPath, openFileWriter, type OutputFormat } from './writers.ts';

async function render(format: OutputFormat, columns: string[], rows: Array<Record<string, unknown>>): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const w = await createRowWriter(format, columns, out);
  for (const r of rows) await w.write(r);
  await w.close();
  return Buffer.concat(chunks).toString('utf8');
}

const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

describe('row writers', () => {
  it('CSV neutralises every cell a spreadsheet would evaluate', async () => {
    const hostile = ['=HYPERLINK("http://evil.test","x")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd', '＝1+1', '\0=1+1'];
    const csv = await render('csv', ['v'], hostile.map((v) => ({ v })));
    const cells = (parse(csv, { columns: true }) as Array<{ v: string }>).map((r) => r.v);
    expect(cells).toEqual(hostile.map((v) => `'${v}`));
    for (const c of cells) expect(c).not.toMatch(FORMULA_START);
  });

  it('CSV round-trips any text through an RFC 4180 parser (quotes, commas, newlines, unicode)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ a: fc.string({ unit: 'grapheme' }), b: fc.string() }), { maxLength: 20 }), async (rows) => {
        const csv = await render('csv', ['a', 'b'], rows);
        const back = parse(csv, { columns: true, relax_column_count: false }) as Array<{ a: string; b: string }>;
        expect(back).toHaveLength(rows.length);
        back.forEach((r, i) => {
          for (const k of ['a', 'b'] as const) {
            const orig = rows[i]![k];
            const neutralised = FORMULA_START.test(orig) || orig.startsWith('\0');
            expect(r[k]).toBe(neutralised ? `'${orig}` : orig);
          }
        });
      }),
      { numRuns: 200 },
    );
  });

  it('CSV writes numbers as numbers, nested values as JSON and missing values as empty cells', async () => {
    const csv = await render('csv', ['n', 'obj', 'none'], [{ n: -2.5, obj: { a: [1, 2] } }]);
    expect(csv).toBe('n,obj,none\r\n-2.5,"{""a"":[1,2]}",\r\n');
  });

  it('JSON writes a valid array, also with no rows; NDJSON one object per line', async () => {
    expect(JSON.parse(await render('json', [], []))).toEqual([]);
    expect(JSON.parse(await render('json', [], [{ a: 1 }, { a: '2' }]))).toEqual([{ a: 1 }, { a: '2' }]);
    expect(await render('ndjson', [], [{ a: 'x\ny' }, { a: 2 }])).toBe('{"a":"x\\ny"}\n{"a":2}\n');
  });

  it('chooses the format by extension and names an unknown one', () => {
    expect(formatFromPath('out/rows.CSV')).toBe('csv');
    expect(formatFromPath('rows.jsonl')).toBe('ndjson');
    expect(formatFromPath('rows.XLSX')).toBe('xlsx');
    expect(() => formatFromPath('rows.txt')).toThrow(/Unknown output format "\.txt": use .ndjson, .jsonl, .json, .csv or .xlsx/);
  });

  it('--out rows.xlsx writes a workbook a spreadsheet reader opens, with typed numbers and formula-looking text kept as text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scrapifie-xlsx-'));
    try {
      const path = join(dir, 'rows.xlsx');
      const w = await openFileWriter(path, ['title', 'price']);
      await w.write({ title: '=1+1', price: 9.5 });
      await w.write({ title: 'plain', price: null });
      await w.close();
      const ExcelJS = (await import('exceljs')).default;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      expect(ws.getRow(1).values).toEqual([undefined, 'title', 'price']);
      expect(ws.getCell('A2').value).toBe('=1+1');
      expect(ws.getCell('B2').value).toBe(9.5);
      expect(ws.getCell('A3').value).toBe('plain');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
