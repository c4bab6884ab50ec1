import { z } from 'zod';
import type { RecipeVersion, StoredRecipe } from '@scrapifie/engine';
import { validateRecipe, type Recipe } from '@scrapifie/recipe';
import type { ApiContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { appCall } from '../services/app-errors.ts';
import { appOf, workspaceOf } from '../services/app.ts';
import { adminProcedure, editorProcedure, viewerProcedure } from '../trpc.ts';

/** The recipe document checked by @scrapifie/recipe; every problem names its JSON path under `at` (e.g. "recipe.page.items"). */
function checked(doc: unknown, at: string): Recipe {
  const r = validateRecipe(doc);
  if (r.ok) return r.recipe;
  const issues = r.issues.map((i) => ({ path: i.path === '' ? at : `${at}.${i.path}`, message: i.message }));
  const shown = issues.slice(0, 5).map((i) => `${i.path}: ${i.message}`).join('; ');
  throw new ApiError('INVALID_RECIPE', `The recipe is not valid: ${shown}${issues.length > 5 ? ` (and ${issues.length - 5} more)` : ''}`, { issues });
}

const RecipeIdSchema = z.uuid('a recipe id is a UUID');
const NameSchema = z.string().trim().min(1, 'a name is required').max(200);
const MessageSchema = z.string().max(500).describe('What changed (kept with the version)');
const DocumentSchema = z.record(z.string(), z.unknown());

const RecipeSummary = z.object({ id: z.string(), name: z.string(), version: z.number().int(), archivedAt: z.string().nullable(), createdAt: z.string(), updatedAt: z.string() });
const RecipeView = RecipeSummary.extend({ recipe: DocumentSchema });
const VersionSummary = z.object({ version: z.number().int(), message: z.string().nullable(), createdBy: z.string().nullable(), createdAt: z.string() });
const VersionView = VersionSummary.extend({ recipeId: z.string(), recipe: DocumentSchema });

const summary = (r: StoredRecipe): z.infer<typeof RecipeSummary> => ({ id: r.id, name: r.name, version: r.version, archivedAt: r.archivedAt, createdAt: r.createdAt, updatedAt: r.updatedAt });
const full = (r: StoredRecipe): z.infer<typeof RecipeView> => ({ ...summary(r), recipe: r.recipe as unknown as Record<string, unknown> });
const versionSummary = (v: RecipeVersion): z.infer<typeof VersionSummary> => ({ version: v.version, message: v.message, createdBy: v.createdBy, createdAt: v.createdAt });

const TAGS = ['recipes'];
const notFound = (id: string) => new ApiError('NOT_FOUND', `No recipe ${id} in this workspace`);

async function existing(ctx: ApiContext, id: string): Promise<StoredRecipe> {
  const r = await appOf(ctx).getRecipe(workspaceOf(ctx), id);
  if (!r) throw notFound(id);
  return r;
}

/** The user or key that made a version (null for the local owner). */
function author(ctx: ApiContext): string | null {
  return ctx.principal.kind === 'user' ? ctx.principal.id : null;
}

async function create(ctx: ApiContext, recipe: Recipe, name: string | undefined, message: string | undefined): Promise<StoredRecipe> {
  const created = await appCall(() => appOf(ctx).createRecipe({ workspaceId: workspaceOf(ctx), name: name ?? recipe.name, recipe, createdBy: author(ctx), message: message ?? null }));
  ctx.logger.debug('library recipe created', { recipeId: created.id });
  return created;
}

const IdInput = z.strictObject({ recipeId: RecipeIdSchema });

/** The recipes library (spread into the `recipes` router next to validate and schema). */
export const recipeLibraryProcedures = {
  create: editorProcedure
    .meta({ openapi: { method: 'POST', path: '/recipes', tags: TAGS, summary: 'Save a recipe to the library', description: 'Validates the recipe (problems name their JSON path) and stores it as version 1.' }, successStatus: 201 })
    .input(z.strictObject({ recipe: z.unknown().describe('The recipe document (JSON)'), name: NameSchema.optional().describe("Default: the recipe's own name"), message: MessageSchema.optional() }))
    .output(RecipeView)
    .mutation(async ({ ctx, input }) => full(await create(ctx, checked(input.recipe, 'recipe'), input.name, input.message))),

  list: viewerProcedure
    .meta({ openapi: { method: 'GET', path: '/recipes', tags: TAGS, summary: 'List library recipes', description: 'Newest change first; archived ones only with archived=include.' } })
    .input(z.strictObject({ archived: z.enum(['hide', 'include']).default('hide').describe('include: archived recipes too') }))
    .output(z.object({ recipes: z.array(RecipeSummary) }))
    .query(async ({ ctx, input }) => ({ recipes: (await appOf(ctx).listRecipes(workspaceOf(ctx), { includeArchived: input.archived === 'include' })).map(summary) })),

  get: viewerProcedure
    .meta({ openapi: { method: 'GET', path: '/recipes/{recipeId}', tags: TAGS, summary: 'A library recipe (latest version)' } })
    .input(IdInput)
    .output(RecipeView)
    .query(async ({ ctx, input }) => full(await existing(ctx, input.recipeId))),

  update: editorProcedure
    .meta({ openapi: { method: 'PUT', path: '/recipes/{recipeId}', tags: TAGS, summary: 'Save a new version', description: 'With expectedVersion, refuses with 409 CONFLICT when someone saved another version meanwhile.' } })
    .input(z.strictObject({ recipeId: RecipeIdSchema, recipe: z.unknown().describe('The recipe document (JSON)'), name: NameSchema.optional(), expectedVersion: z.number().int().min(1).optional(), message: MessageSchema.optional() }))
    .output(RecipeView)
    .mutation(async ({ ctx, input }) => {
      const recipe = checked(input.recipe, 'recipe');
      const updated = await appCall(() =>
        appOf(ctx).updateRecipe(workspaceOf(ctx), input.recipeId, { recipe, name: input.name, expectedVersion: input.expectedVersion, createdBy: author(ctx), message: input.message ?? null }),
      );
      ctx.logger.debug('library recipe updated', { recipeId: updated.id, version: updated.version });
      return full(updated);
    }),

  versions: viewerProcedure
    .meta({ openapi: { method: 'GET', path: '/recipes/{recipeId}/versions', tags: TAGS, summary: "A recipe's versions, newest first" } })
    .input(IdInput)
    .output(z.object({ versions: z.array(VersionSummary) }))
    .query(async ({ ctx, input }) => {
      await existing(ctx, input.recipeId);
      return { versions: (await appOf(ctx).listRecipeVersions(workspaceOf(ctx), input.recipeId)).map(versionSummary) };
    }),

  version: viewerProcedure
    .meta({ openapi: { method: 'GET', path: '/recipes/{recipeId}/versions/{version}', tags: TAGS, summary: 'One version of a recipe' } })
    .input(z.strictObject({ recipeId: RecipeIdSchema, version: z.coerce.number().int().min(1) }))
    .output(VersionView)
    .query(async ({ ctx, input }) => {
      const v = await appOf(ctx).getRecipeVersion(workspaceOf(ctx), input.recipeId, input.version);
      if (!v) throw new ApiError('NOT_FOUND', `No version ${input.version} of recipe ${input.recipeId} in this workspace`);
      return { ...versionSummary(v), recipeId: v.recipeId, recipe: v.recipe as unknown as Record<string, unknown> };
    }),

  archive: editorProcedure
    .meta({ openapi: { method: 'POST', path: '/recipes/{recipeId}/archive', tags: TAGS, summary: 'Archive a recipe', description: 'Hidden from the list unless archived=include; its schedules stay.' } })
    .input(IdInput)
    .output(RecipeSummary)
    .mutation(async ({ ctx, input }) => summary(await setArchived(ctx, input.recipeId, true))),

  unarchive: editorProcedure
    .meta({ openapi: { method: 'POST', path: '/recipes/{recipeId}/unarchive', tags: TAGS, summary: 'Bring an archived recipe back' } })
    .input(IdInput)
    .output(RecipeSummary)
    .mutation(async ({ ctx, input }) => summary(await setArchived(ctx, input.recipeId, false))),

  delete: adminProcedure
    .meta({ openapi: { method: 'DELETE', path: '/recipes/{recipeId}', tags: TAGS, summary: 'Delete a recipe', description: 'With all its versions and schedules.' } })
    .input(IdInput)
    .output(z.object({ deleted: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      if (!(await appCall(() => appOf(ctx).deleteRecipe(workspaceOf(ctx), input.recipeId)))) throw notFound(input.recipeId);
      ctx.logger.debug('library recipe deleted', { recipeId: input.recipeId });
      return { deleted: true as const };
    }),

  import: editorProcedure
    .meta({ openapi: { method: 'POST', path: '/recipes/import', tags: TAGS, summary: 'Import a recipe document', description: 'The document as exported (or written by hand); saved as a new library recipe.' }, successStatus: 201 })
    .input(z.strictObject({ document: z.unknown().describe('A recipe JSON document'), name: NameSchema.optional() }))
    .output(RecipeView)
    .mutation(async ({ ctx, input }) => full(await create(ctx, checked(input.document, 'document'), input.name, 'imported'))),

  export: viewerProcedure
    .meta({ openapi: { method: 'GET', path: '/recipes/{recipeId}/export', tags: TAGS, summary: 'Export a recipe document', description: 'The latest version as a recipe JSON document, ready for import.' } })
    .input(IdInput)
    .output(z.object({ name: z.string(), version: z.number().int(), document: DocumentSchema }))
    .query(async ({ ctx, input }) => {
      const r = await existing(ctx, input.recipeId);
      return { name: r.name, version: r.version, document: r.recipe as unknown as Record<string, unknown> };
    }),
};

async function setArchived(ctx: ApiContext, id: string, archived: boolean): Promise<StoredRecipe> {
  const app = appOf(ctx);
  if (!(await appCall(() => app.setRecipeArchived(workspaceOf(ctx), id, archived, new Date(ctx.services.clock.now()).toISOString())))) throw notFound(id);
  return existing(ctx, id);
}
