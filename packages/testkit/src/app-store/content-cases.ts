import { randomUUID } from 'node:crypto';
import { AppStoreError } from '@scrapifie/engine';
import { parseRecipe, type Recipe } from '@scrapifie/recipe';
import { expect, it } from 'vitest';
import { at, HOUR, sleep, type AppStoreContext } from './fixtures.ts';

const code = (c: AppStoreError['code']) => expect.objectContaining({ name: 'AppStoreError', code: c });

const recipe = (title: string): Recipe =>
  parseRecipe({ version: 1, name: title, start: { urls: ['https://example.com/'] }, page: { fields: { zeta: { css: 'h1' }, alpha: { css: 'h2' } } } });

/** describeAppStore's cases for what a workspace builds: recipes with versions, and schedules. */
export function contentCases(ctx: AppStoreContext): void {
  it('versions recipes: an update is a new version, old versions stay readable', async () => {
    const { store, owner, workspace } = ctx;
    const created = await store.createRecipe({ workspaceId: workspace.id, name: 'Shop', recipe: recipe('v1'), createdBy: owner.id, message: 'first' });
    expect(created).toMatchObject({ name: 'Shop', version: 1, recipe: recipe('v1'), archivedAt: null });
    const v2 = await store.updateRecipe(workspace.id, created.id, { recipe: recipe('v2'), expectedVersion: 1, message: 'second' });
    expect(v2).toMatchObject({ id: created.id, version: 2, recipe: recipe('v2'), name: 'Shop' });
    const v3 = await store.updateRecipe(workspace.id, created.id, { recipe: recipe('v3'), name: 'Shop 3' });
    expect(v3).toMatchObject({ version: 3, name: 'Shop 3' });
    expect(await store.getRecipe(workspace.id, created.id)).toEqual(v3);
    // Key order survives the round trip (recipes are shown and exported as written).
    expect(Object.keys((await store.getRecipe(workspace.id, created.id))!.recipe.page.fields!)).toEqual(['zeta', 'alpha']);

    expect(await store.getRecipeVersion(workspace.id, created.id, 1)).toMatchObject({ version: 1, recipe: recipe('v1'), message: 'first', createdBy: owner.id });
    expect(await store.getRecipeVersion(workspace.id, created.id, 4)).toBeNull();
    expect((await store.listRecipeVersions(workspace.id, created.id)).map((v) => [v.version, v.recipe.name])).toEqual([
      [3, 'v3'],
      [2, 'v2'],
      [1, 'v1'],
    ]);
    // A stale editor is refused instead of overwriting version 3.
    await expect(store.updateRecipe(workspace.id, created.id, { recipe: recipe('stale'), expectedVersion: 2 })).rejects.toEqual(code('conflict'));
    await expect(store.updateRecipe(workspace.id, randomUUID(), { recipe: recipe('x') })).rejects.toEqual(code('not_found'));
    expect((await store.getRecipe(workspace.id, created.id))?.version).toBe(3);
  });

  it('gives concurrent updates distinct version numbers', async () => {
    const { store, workspace } = ctx;
    const r = await store.createRecipe({ workspaceId: workspace.id, name: 'Busy', recipe: recipe('v1') });
    await Promise.all(Array.from({ length: 6 }, (_, i) => store.updateRecipe(workspace.id, r.id, { recipe: recipe(`c${i}`) })));
    const versions = await store.listRecipeVersions(workspace.id, r.id);
    expect(versions.map((v) => v.version)).toEqual([7, 6, 5, 4, 3, 2, 1]);
    expect(new Set(versions.map((v) => v.recipe.name)).size).toBe(7);
  });

  it('lists, archives and deletes recipes, each within its workspace', async () => {
    const { store, owner, workspace } = ctx;
    const a = await store.createRecipe({ workspaceId: workspace.id, name: 'A', recipe: recipe('a') });
    await sleep(5);
    const b = await store.createRecipe({ workspaceId: workspace.id, name: 'B', recipe: recipe('b') });
    const other = await store.createWorkspace({ name: 'Other', ownerId: owner.id });
    expect(await store.getRecipe(other.id, a.id)).toBeNull();
    expect(await store.listRecipes(other.id)).toEqual([]);
    expect(await store.deleteRecipe(other.id, a.id)).toBe(false);
    expect((await store.listRecipes(workspace.id)).map((r) => r.name)).toEqual(['B', 'A']);

    expect(await store.setRecipeArchived(workspace.id, b.id, true, at(HOUR))).toBe(true);
    expect((await store.listRecipes(workspace.id)).map((r) => r.name)).toEqual(['A']);
    expect((await store.listRecipes(workspace.id, { includeArchived: true })).map((r) => [r.name, r.archivedAt])).toEqual([
      ['B', at(HOUR)],
      ['A', null],
    ]);
    expect(await store.setRecipeArchived(workspace.id, b.id, false, at(2 * HOUR))).toBe(true);
    expect((await store.getRecipe(workspace.id, b.id))?.archivedAt).toBeNull();

    await store.updateRecipe(workspace.id, a.id, { recipe: recipe('a2') });
    expect(await store.deleteRecipe(workspace.id, a.id)).toBe(true);
    expect(await store.getRecipe(workspace.id, a.id)).toBeNull();
    expect(await store.listRecipeVersions(workspace.id, a.id)).toEqual([]);
  });

  it('keeps schedules, finds the due ones, and lets one scheduler claim each firing', async () => {
    const { store, owner, workspace, fixture } = ctx;
    const r = await store.createRecipe({ workspaceId: workspace.id, name: 'Nightly', recipe: recipe('n') });
    const s = await store.createSchedule({ workspaceId: workspace.id, recipeId: r.id, name: 'nightly', cron: '0 3 * * *', nextRunAt: at(HOUR), input: { rows: [{ q: 'x' }] } });
    expect(s).toMatchObject({ cron: '0 3 * * *', timezone: 'UTC', enabled: true, nextRunAt: at(HOUR), lastRunAt: null, input: { rows: [{ q: 'x' }] } });
    const off = await store.createSchedule({ workspaceId: workspace.id, recipeId: r.id, name: 'off', cron: '* * * * *', nextRunAt: at(0), enabled: false });
    const other = await store.createWorkspace({ name: 'Other', ownerId: owner.id });
    await expect(store.createSchedule({ workspaceId: other.id, recipeId: r.id, name: 'x', cron: '* * * * *', nextRunAt: null })).rejects.toEqual(code('not_found'));

    expect(await store.dueSchedules(at(HOUR - 1), 10)).toEqual([]);
    expect((await store.dueSchedules(at(HOUR), 10)).map((x) => x.id)).toEqual([s.id]);

    const second = await fixture.connect();
    ctx.extra.push(second);
    const claims = await Promise.all([
      store.claimScheduleRun(s.id, at(HOUR), at(25 * HOUR), at(HOUR)),
      second.claimScheduleRun(s.id, at(HOUR), at(25 * HOUR), at(HOUR)),
    ]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await store.getSchedule(workspace.id, s.id)).toMatchObject({ nextRunAt: at(25 * HOUR), lastRunAt: at(HOUR) });
    expect(await store.dueSchedules(at(2 * HOUR), 10)).toEqual([]);

    expect(await store.updateSchedule(workspace.id, off.id, { enabled: true, cron: '*/5 * * * *' })).toMatchObject({ enabled: true, cron: '*/5 * * * *' });
    expect((await store.dueSchedules(at(2 * HOUR), 10)).map((x) => x.id)).toEqual([off.id]);
    expect(await store.updateSchedule(other.id, off.id, { enabled: false })).toBeNull();
    expect((await store.listSchedules(workspace.id)).map((x) => x.name).sort()).toEqual(['nightly', 'off']);
    expect(await store.deleteSchedule(workspace.id, off.id)).toBe(true);
    // Deleting the recipe takes its schedules along.
    await store.deleteRecipe(workspace.id, r.id);
    expect(await store.listSchedules(workspace.id)).toEqual([]);
  });
}
