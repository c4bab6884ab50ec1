import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { extname } from 'node:path';
import { createRowWriter, type ExportFormat, type RowWriter } from '@scrapifie/api';
import { InvalidInputError } from '@scrapifie/recipe';

export { createRowWriter, csvCell, type RowWriter } from '@scrapifie/api';
export type OutputFormat = ExportFormat;

const BY_EXTENSION: Record<string, OutputFormat> = { '.ndjson': 'ndjson', '.jsonl': 'ndjson', '.json': 'json', '.csv': 'csv', '.xlsx': 'xlsx' };

/** The output format of a file name, or an error naming the extensions there are. */
export function formatFromPath(path: string): OutputFormat {
  const ext = extname(path).toLowerCase();
  const format = BY_EXTENSION[ext];
  if (!format) throw new InvalidInputError('INVALID_INPUT', `Unknown output format "${ext || path}": use .ndjson, .jsonl, .json, .csv or .xlsx`);
  return format;
}

/** A writer of rows into a file; closing it ends and flushes the file. */
export async function openFileWriter(path: string, columns: string[]): Promise<RowWriter> {
  const format = formatFromPath(path);
  const file = createWriteStream(path);
  const inner = await createRowWriter(format, columns, file);
  return {
    write: (row) => inner.write(row),
    async close() {
      await inner.close();
      if (!file.writableEnded) file.end();
      await finished(file);
    },
  };
}
