import { readFile } from 'node:fs/promises';
import { extname, resolve, dirname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { InvalidInputError, type Recipe } from '@scrapifie/recipe';

export type InputRow = Record<string, unknown>;

/** Loads start.input rows: inline, or a CSV/JSON file relative to the recipe file. */
export async function loadInputRows(recipe: Recipe, recipePath: string | undefined): Promise<InputRow[]> {
  const input = recipe.start.input;
  if (!input) return [];
  if (input.rows) return input.rows;
  const file = resolve(recipePath ? dirname(recipePath) : process.cwd(), input.file ?? '');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new InvalidInputError('INVALID_INPUT', `Cannot read the input file "${file}" (start.input.file): ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const ext = extname(file).toLowerCase();
  if (ext === '.json') {
    let rows: unknown;
    try {
      rows = JSON.parse(text);
    } catch (e) {
      throw new InvalidInputError('INVALID_INPUT', `The input file "${file}" is not valid JSON: ${(e as Error).message}`);
    }
    if (!Array.isArray(rows) || rows.some((r) => typeof r !== 'object' || r === null || Array.isArray(r)))
      throw new InvalidInputError('INVALID_INPUT', `The input file "${file}" must hold a JSON array of objects`);
    return rows as InputRow[];
  }
  if (ext === '.csv') {
    try {
      return parse(text, { columns: true, skip_empty_lines: true, bom: true, trim: true }) as InputRow[];
    } catch (e) {
      throw new InvalidInputError('INVALID_INPUT', `The input file "${file}" is not valid CSV: ${(e as Error).message}`);
    }
  }
  throw new InvalidInputError('INVALID_INPUT', `The input file "${file}" must be .csv or .json`);
}
