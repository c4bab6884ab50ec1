import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, sampleRecipe, startAppStack, type AppStack } from './app-stack.ts';

let s: AppStack;
beforeAll(async () => {
  s = await startAppStack();
});
afterAll(async () => {
  await s?.close();
});

describe('recipes library', () => {
  it('create validates and stores version 1 with defaults; get and list answer a viewer', async () => {
    const r = await s.as('editor').recipes.create({ recipe: sampleRecipe('shoes'), message: 'first' });
    expect(r).toMatchObject({ name: 'shoes', version: 1, archivedAt: null });
    expect((r.recipe as { fetch: { timeoutMs: number } }).fetch.timeoutMs).toBe(30_000);
    expect(await s.as('viewer').recipes.get({ recipeId: r.id })).toEqual(r);
    const named = await s.as('editor').recipes.create({ recipe: sampleRecipe('shoes'), name: 'Shoes (EU)' });
    expect(named.name).toBe('Shoes (EU)');
    const { recipes } = await s.as('viewer').recipes.list({});
    expect(recipes.map((x) => x.name)).toEqual(expect.arrayContaining(['shoes', 'Shoes (EU)']));
  });

  it('an invalid recipe is INVALID_RECIPE with every problem by JSON path', async () => {
    const err = await failure(s.as('editor').recipes.create({ recipe: { ...sampleRecipe(), version: 2, page: { items: { css: 'x' } } } }));
    expect(err).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('recipe.version') });
    expect(err.cause.code).toBe('INVALID_RECIPE');
    expect(err.cause.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['recipe.version', 'recipe.page.items.fields']));
    await expect(s.as('viewer').recipes.create({ recipe: sampleRecipe() })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('update makes a new version; a stale expectedVersion is CONFLICT; versions and version show history', async () => {
    const r = await s.as('editor').recipes.create({ recipe: sampleRecipe('versions') });
    const v2 = await s.as('editor').recipes.update({ recipeId: r.id, recipe: sampleRecipe('versions', { start: { urls: ['https://shop.example/list/2'] } }), expectedVersion: 1, message: 'page 2' });
    expect(v2.version).toBe(2);
    const stale = await failure(s.as('editor').recipes.update({ recipeId: r.id, recipe: sampleRecipe('versions'), expectedVersion: 1 }));
    expect(stale).toMatchObject({ code: 'CONFLICT', message: 'The recipe changed meanwhile: its latest version is 2, not 1' });
    expect(stale.cause.code).toBe('CONFLICT');
    const { versions } = await s.as('viewer').recipes.versions({ recipeId: r.id });
    expect(versions.map((v) => [v.version, v.message])).toEqual([[2, 'page 2'], [1, null]]);
    expect(versions[0]!.createdBy).toBe(s.userId);
    const one = await s.as('viewer').recipes.version({ recipeId: r.id, version: 1 });
    expect((one.recipe as { start: { urls: string[] } }).start.urls).toEqual(['https://shop.example/list/1']);
    await expect(s.as('viewer').recipes.version({ recipeId: r.id, version: 9 })).rejects.toMatchObject({ code: 'NOT_FOUND', message: `No version 9 of recipe ${r.id} in this workspace` });
    await expect(s.as('editor').recipes.update({ recipeId: r.id, recipe: { name: 'broken' } })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('recipe.') });
  });

  it('archive hides from the list unless asked; unarchive brings it back', async () => {
    const r = await s.as('editor').recipes.create({ recipe: sampleRecipe('old') });
    expect((await s.as('editor').recipes.archive({ recipeId: r.id })).archivedAt).not.toBeNull();
    expect((await s.as('viewer').recipes.list({})).recipes.map((x) => x.id)).not.toContain(r.id);
    expect((await s.as('viewer').recipes.list({ archived: 'include' })).recipes.map((x) => x.id)).toContain(r.id);
    expect((await s.as('editor').recipes.unarchive({ recipeId: r.id })).archivedAt).toBeNull();
    expect((await s.as('viewer').recipes.list({})).recipes.map((x) => x.id)).toContain(r.id);
  });

  it('delete needs admin; an unknown or foreign recipe is NOT_FOUND', async () => {
    const r = await s.as('editor').recipes.create({ recipe: sampleRecipe('gone') });
    await expect(s.as('editor').recipes.delete({ recipeId: r.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const other = await s.app.createWorkspace({ name: 'Other', ownerId: s.userId });
    await expect(s.as('owner', other.id).recipes.get({ recipeId: r.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(s.as('owner', other.id).recipes.delete({ recipeId: r.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await s.as('admin').recipes.delete({ recipeId: r.id })).toEqual({ deleted: true });
    await expect(s.as('viewer').recipes.get({ recipeId: r.id })).rejects.toMatchObject({ code: 'NOT_FOUND', message: `No recipe ${r.id} in this workspace` });
    await expect(s.as('viewer').recipes.versions({ recipeId: r.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('export gives the document; import of it makes an equal recipe; a bad document names document.*', async () => {
    const r = await s.as('editor').recipes.create({ recipe: sampleRecipe('portable') });
    const exported = await s.as('viewer').recipes.export({ recipeId: r.id });
    expect(exported).toMatchObject({ name: 'portable', version: 1 });
    const imported = await s.as('editor').recipes.import({ document: JSON.parse(JSON.stringify(exported.document)) });
    expect(imported.id).not.toBe(r.id);
    expect(imported.recipe).toEqual(r.recipe);
    expect((await s.as('viewer').recipes.versions({ recipeId: imported.id })).versions[0]!.message).toBe('imported');
    const bad = await failure(s.as('editor').recipes.import({ document: { version: 1, name: 'x' } }));
    expect(bad.cause.code).toBe('INVALID_RECIPE');
    expect(bad.cause.issues.every((i) => i.path.startsWith('document'))).toBe(true);
  });
});
