import { z } from 'zod';
import { RecipeSchema } from './schema/recipe.ts';

export const RECIPE_SCHEMA_ID = 'https://scrapifie.dev/schema/recipe.v1.json';

/** The published JSON Schema of the recipe (the input shape: defaults are optional), for editors. */
export function recipeJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(RecipeSchema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  return { ...schema, $id: RECIPE_SCHEMA_ID, title: 'Scrapifie recipe', description: 'A Scrapifie Studio recipe, version 1.' };
}
