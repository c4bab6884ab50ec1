import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { extname } from 'node:path';
import { stringify, type Stringifier } from 'csv-stringify';
import { InvalidInputError } from '@scrapifie/recipe';

export type OutputFormat = 'ndjson' | 'json' | 'csv';

/** A streaming sink for rows: nothing is held in memory beyond the current row. */
export interface RowWriter {
  write(row: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

export function formatFromPath(path: string): OutputFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.ndjson' || ext === '.jsonl') return 'ndjson';
  if (ext === '.json') return 'json';
  if (ext === '.csv') return 'csv';
  throw new InvalidInputError('INVALID_INPUT', `Unknown output format "${ext || path}": use .ndjson, .jsonl, .json or .csv`);
}

async function writeChunk(out: NodeJS.WritableStream, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

/** A spreadsheet must never evaluate a scraped cell: =, +, -, @, tab, CR (and their full-width forms) are
 * prefixed with ' by csv-stringify; a leading NUL (which some spreadsheets strip before parsing) is guarded here. */
export function csvCell(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  return s.startsWith('\0') ? `'${s}` : s;
}

function closeStream(out: NodeJS.WritableStream, owned: boolean): Promise<void> {
  if (!owned) return Promise.resolve();
  return new Promise((resolve, reject) => {
    (out as WriteStream).end((err?: Error | null) => (err ? reject(err) : resolve()));
  });
}

export function createRowWriter(format: OutputFormat, out: NodeJS.WritableStream, columns: string[], owned = false): RowWriter {
  if (format === 'ndjson') {
    return {
      write: (row) => writeChunk(out, `${JSON.stringify(row)}\n`),
      close: () => closeStream(out, owned),
    };
  }
  if (format === 'json') {
    let first = true;
    return {
      async write(row) {
        await writeChunk(out, `${first ? '[\n' : ',\n'}${JSON.stringify(row)}`);
        first = false;
      },
      async close() {
        await writeChunk(out, first ? '[]\n' : '\n]\n');
        await closeStream(out, owned);
      },
    };
  }
  const csv: Stringifier = stringify({ header: true, columns, escape_formulas: true, record_delimiter: 'windows', quoted_match: /^\s|\s$/ });
  csv.pipe(out, { end: false });
  return {
    async write(row) {
      const record: Record<string, unknown> = {};
      for (const c of columns) record[c] = csvCell(row[c]);
      if (!csv.write(record)) await once(csv, 'drain');
    },
    async close() {
      const done = once(csv, 'end');
      csv.end();
      await done;
      await closeStream(out, owned);
    },
  };
}

export function openFileWriter(path: string, columns: string[]): RowWriter {
  const format = formatFromPath(path);
  return createRowWriter(format, createWriteStream(path), columns, true);
}
