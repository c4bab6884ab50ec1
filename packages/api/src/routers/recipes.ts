import { z } from 'zod';
import { recipeJsonSchema, validateRecipe } from '@scrapifie/recipe';
import { IssueSchema } from '../schemas/common.ts';
import { procedure, router, viewerProcedure } from '../trpc.ts';
import { recipeLibraryProcedures } from './library.ts';

export const recipesRouter = router({
  ...recipeLibraryProcedures,
  validate: viewerProcedure
    .meta({ openapi: { method: 'POST', path: '/recipes/validate', tags: ['recipes'], summary: 'Validate a recipe', description: 'Checks a recipe; every problem names its JSON path. An invalid recipe is a normal answer (valid: false), not an error.' } })
    .input(z.strictObject({ recipe: z.unknown().describe('The recipe document (JSON)') }))
    .output(z.object({ valid: z.boolean(), issues: z.array(IssueSchema), recipe: z.record(z.string(), z.unknown()).nullable().describe('The recipe with its defaults filled in, when valid') }))
    .mutation(({ input }) => {
      const r = validateRecipe(input.recipe);
      return r.ok ? { valid: true, issues: [], recipe: r.recipe as unknown as Record<string, unknown> } : { valid: false, issues: r.issues, recipe: null };
    }),

  schema: procedure
    .meta({ openapi: { method: 'GET', path: '/recipes/schema', tags: ['recipes'], summary: 'The recipe JSON Schema', description: 'The published JSON Schema of the recipe format (for editors).' } })
    .input(z.strictObject({}))
    .output(z.object({ schema: z.record(z.string(), z.unknown()) }))
    .query(() => ({ schema: recipeJsonSchema() })),
});
