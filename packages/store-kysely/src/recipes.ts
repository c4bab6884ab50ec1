import { AppStoreError, type AppStore, type RecipeVersion, type StoredRecipe } from '@scrapifie/engine';
import type { Recipe } from '@scrapifie/recipe';
import type { Kysely } from 'kysely';
import type { AppDB } from './schema.ts';
import { changed, isUuid, iso, newId, nonEmpty, nowIso, readNullableTime, readTime } from './util.ts';

type RecipeQueries = Pick<
  AppStore,
  'createRecipe' | 'updateRecipe' | 'getRecipe' | 'listRecipes' | 'getRecipeVersion' | 'listRecipeVersions' | 'setRecipeArchived' | 'deleteRecipe'
>;

interface JoinedRow {
  id: string;
  workspace_id: string;
  name: string;
  version: number;
  archived_at: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
  recipe: string;
}

const toRecipe = (r: JoinedRow): StoredRecipe => ({
  id: r.id,
  workspaceId: r.workspace_id,
  name: r.name,
  version: r.version,
  recipe: JSON.parse(r.recipe) as Recipe,
  archivedAt: readNullableTime(r.archived_at),
  createdAt: readTime(r.created_at),
  updatedAt: readTime(r.updated_at),
});

const toVersion = (r: { recipe_id: string; version: number; recipe: string; message: string | null; created_by: string | null; created_at: Date | string }): RecipeVersion => ({
  recipeId: r.recipe_id,
  version: r.version,
  recipe: JSON.parse(r.recipe) as Recipe,
  message: r.message,
  createdBy: r.created_by,
  createdAt: readTime(r.created_at),
});

function recipeJson(recipe: unknown): string {
  if (recipe === null || typeof recipe !== 'object' || Array.isArray(recipe)) throw new AppStoreError('invalid', 'recipe must be a recipe object');
  return JSON.stringify(recipe);
}

/** Recipes with their latest version's body. */
function withLatest(db: Kysely<AppDB>) {
  return db
    .selectFrom('recipes as r')
    .innerJoin('recipe_versions as v', (j) => j.onRef('v.recipe_id', '=', 'r.id').onRef('v.version', '=', 'r.version'))
    .select(['r.id', 'r.workspace_id', 'r.name', 'r.version', 'r.archived_at', 'r.created_at', 'r.updated_at', 'v.recipe']);
}

export function recipeQueries(db: Kysely<AppDB>): RecipeQueries {
  const getRecipe = async (workspaceId: string, id: string): Promise<StoredRecipe | null> => {
    if (!isUuid(workspaceId) || !isUuid(id)) return null;
    const r = await withLatest(db).where('r.id', '=', id).where('r.workspace_id', '=', workspaceId).executeTakeFirst();
    return r ? toRecipe(r) : null;
  };
  return {
    getRecipe,
    async createRecipe(input) {
      if (!isUuid(input.workspaceId)) throw new AppStoreError('not_found', `No workspace ${JSON.stringify(input.workspaceId)}`);
      const now = nowIso();
      const row = { id: newId(), workspace_id: input.workspaceId, name: nonEmpty(input.name, 'recipe name'), version: 1, archived_at: null, created_at: now, updated_at: now };
      const body = recipeJson(input.recipe);
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('recipes').values(row).execute();
        await trx.insertInto('recipe_versions').values({ recipe_id: row.id, version: 1, recipe: body, message: input.message ?? null, created_by: input.createdBy ?? null, created_at: now }).execute();
      });
      return toRecipe({ ...row, recipe: body });
    },
    async updateRecipe(workspaceId, id, input) {
      const body = recipeJson(input.recipe);
      const name = input.name === undefined ? undefined : nonEmpty(input.name, 'recipe name');
      if (!isUuid(workspaceId) || !isUuid(id)) throw new AppStoreError('not_found', `No recipe ${JSON.stringify(id)} in this workspace`);
      const now = nowIso();
      await db.transaction().execute(async (trx) => {
        // Bumping the version first locks the recipe row: concurrent updates take turns, each gets its own number.
        let bump = trx
          .updateTable('recipes')
          .set((eb) => ({ version: eb('version', '+', 1), updated_at: now, ...(name === undefined ? {} : { name }) }))
          .where('id', '=', id)
          .where('workspace_id', '=', workspaceId);
        if (input.expectedVersion !== undefined) bump = bump.where('version', '=', input.expectedVersion);
        const r = await bump.returning('version').executeTakeFirst();
        if (!r) {
          const exists = await trx.selectFrom('recipes').select('version').where('id', '=', id).where('workspace_id', '=', workspaceId).executeTakeFirst();
          if (!exists) throw new AppStoreError('not_found', `No recipe ${id} in this workspace`);
          throw new AppStoreError('conflict', `The recipe changed meanwhile: its latest version is ${exists.version}, not ${input.expectedVersion}`);
        }
        await trx
          .insertInto('recipe_versions')
          .values({ recipe_id: id, version: r.version, recipe: body, message: input.message ?? null, created_by: input.createdBy ?? null, created_at: now })
          .execute();
      });
      return (await getRecipe(workspaceId, id))!;
    },
    async listRecipes(workspaceId, opts) {
      if (!isUuid(workspaceId)) return [];
      let q = withLatest(db).where('r.workspace_id', '=', workspaceId);
      if (!opts?.includeArchived) q = q.where('r.archived_at', 'is', null);
      return (await q.orderBy('r.updated_at', 'desc').orderBy('r.id').execute()).map(toRecipe);
    },
    async getRecipeVersion(workspaceId, id, version) {
      if (!isUuid(workspaceId) || !isUuid(id) || !Number.isSafeInteger(version)) return null;
      const r = await db
        .selectFrom('recipe_versions as v')
        .innerJoin('recipes as r', 'r.id', 'v.recipe_id')
        .select(['v.recipe_id', 'v.version', 'v.recipe', 'v.message', 'v.created_by', 'v.created_at'])
        .where('r.workspace_id', '=', workspaceId)
        .where('v.recipe_id', '=', id)
        .where('v.version', '=', version)
        .executeTakeFirst();
      return r ? toVersion(r) : null;
    },
    async listRecipeVersions(workspaceId, id) {
      if (!isUuid(workspaceId) || !isUuid(id)) return [];
      const rows = await db
        .selectFrom('recipe_versions as v')
        .innerJoin('recipes as r', 'r.id', 'v.recipe_id')
        .select(['v.recipe_id', 'v.version', 'v.recipe', 'v.message', 'v.created_by', 'v.created_at'])
        .where('r.workspace_id', '=', workspaceId)
        .where('v.recipe_id', '=', id)
        .orderBy('v.version', 'desc')
        .execute();
      return rows.map(toVersion);
    },
    async setRecipeArchived(workspaceId, id, archived, at) {
      if (!isUuid(workspaceId) || !isUuid(id)) return false;
      const when = archived ? iso(at, 'at') : null;
      const res = await db.updateTable('recipes').set({ archived_at: when }).where('id', '=', id).where('workspace_id', '=', workspaceId).executeTakeFirst();
      return changed(res) > 0;
    },
    async deleteRecipe(workspaceId, id) {
      if (!isUuid(workspaceId) || !isUuid(id)) return false;
      return changed(await db.deleteFrom('recipes').where('id', '=', id).where('workspace_id', '=', workspaceId).executeTakeFirst()) > 0;
    },
  };
}
