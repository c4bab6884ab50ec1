import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from './helpers.ts';
import { sampleRecipe, startAppStack, type AppStack } from './app-stack.ts';

// The library, credentials and schedules over REST on a real server (the local owner of the stack's workspace).
let s: AppStack;
beforeAll(async () => {
  s = await startAppStack({ server: true });
});
afterAll(async () => {
  await s?.close();
});

describe('REST /api/v1', () => {
  it('credentials: POST 201 with a hint, GET lists, PATCH replaces, DELETE 200 then 404; duplicates 409', async () => {
    const api = s.api!;
    const created = await call(api, 'POST', '/api/v1/credentials', { name: 'rest cred', kind: 'token', value: 'rest-value-4321' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ success: true, data: { name: 'rest cred', kind: 'token', hint: '••••4321' }, error: null });
    const id = created.body.data.id as string;
    const dup = await call(api, 'POST', '/api/v1/credentials', { name: 'rest cred', kind: 'token', value: 'x' });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({ code: 'CONFLICT' });
    const list = await call(api, 'GET', '/api/v1/credentials');
    expect(list.body.data.credentials.map((c: { id: string }) => c.id)).toEqual([id]);
    const patched = await call(api, 'PATCH', `/api/v1/credentials/${id}`, { value: 'rest-value-8765' });
    expect(patched.status).toBe(200);
    expect(patched.body.data.hint).toBe('••••8765');
    expect((await call(api, 'DELETE', `/api/v1/credentials/${id}`)).body).toMatchObject({ success: true, data: { deleted: true } });
    const gone = await call(api, 'DELETE', `/api/v1/credentials/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.error).toMatchObject({ code: 'NOT_FOUND', message: `No credential ${id} in this workspace` });
  });

  it('proxies: a password in the URL is 400 naming url', async () => {
    const bad = await call(s.api!, 'POST', '/api/v1/proxies', { name: 'p', url: 'socks5://u:pw@h.example:1080', tier: 'mobile' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'url', message: expect.stringContaining('store the password as a credential') }] });
  });

  it('recipes: POST 201, PUT with a stale expectedVersion 409, versions by path, archived=include', async () => {
    const api = s.api!;
    const created = await call(api, 'POST', '/api/v1/recipes', { recipe: sampleRecipe('rest recipe') });
    expect(created.status).toBe(201);
    const id = created.body.data.id as string;
    expect((await call(api, 'PUT', `/api/v1/recipes/${id}`, { recipe: sampleRecipe('rest recipe'), expectedVersion: 1 })).body.data.version).toBe(2);
    const stale = await call(api, 'PUT', `/api/v1/recipes/${id}`, { recipe: sampleRecipe('rest recipe'), expectedVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'CONFLICT', message: 'The recipe changed meanwhile: its latest version is 2, not 1' });
    const v1 = await call(api, 'GET', `/api/v1/recipes/${id}/versions/1`);
    expect(v1.body.data).toMatchObject({ recipeId: id, version: 1 });
    const invalid = await call(api, 'POST', '/api/v1/recipes', { recipe: { version: 1, name: 'x', start: {} } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error!.code).toBe('INVALID_RECIPE');
    expect(invalid.body.error!.issues!.map((i) => i.path)).toContain('recipe.page');
    await call(api, 'POST', `/api/v1/recipes/${id}/archive`, {});
    expect((await call(api, 'GET', '/api/v1/recipes')).body.data.recipes).toEqual([]);
    expect((await call(api, 'GET', '/api/v1/recipes?archived=include')).body.data.recipes.map((r: { id: string }) => r.id)).toEqual([id]);
    const exported = await call(api, 'GET', `/api/v1/recipes/${id}/export`);
    expect(exported.body.data).toMatchObject({ name: 'rest recipe', version: 2, document: { name: 'rest recipe' } });
  });

  it('schedules: POST 201 with nextRunAt, disable, a bad cron 400 naming cron', async () => {
    const api = s.api!;
    const recipe = await call(api, 'POST', '/api/v1/recipes', { recipe: sampleRecipe('scheduled') });
    const created = await call(api, 'POST', '/api/v1/schedules', { recipeId: recipe.body.data.id, name: 'nightly', cron: '30 2 * * *', timezone: 'America/New_York' });
    expect(created.status).toBe(201);
    expect(Date.parse(created.body.data.nextRunAt)).toBeGreaterThan(Date.now());
    const off = await call(api, 'POST', `/api/v1/schedules/${created.body.data.id}/disable`, {});
    expect(off.body.data).toMatchObject({ enabled: false, nextRunAt: null });
    const bad = await call(api, 'POST', '/api/v1/schedules', { recipeId: recipe.body.data.id, name: 'bad', cron: '* * * * * * *' });
    expect(bad.status).toBe(400);
    expect(bad.body.error!.issues).toEqual([{ path: 'cron', message: expect.any(String) }]);
  });
});
