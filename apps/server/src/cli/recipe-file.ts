import { readFile } from 'node:fs/promises';
import { InvalidInputError, parseRecipeJson, type Recipe } from '@scrapifie/recipe';

export async function readRecipeFile(path: string): Promise<Recipe> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new InvalidInputError('INVALID_INPUT', `Cannot read the recipe file "${path}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return parseRecipeJson(text);
}
