/**
 * "Promote to team server" against the real API: createApiServer with sign-in required, a real SQLite AppStore, an
 * API key made as the server makes them. The promoted recipe lands in the key's workspace library.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiServer, createInProcessLauncher, generateApiKey, type ApiServer } from '@scrapifie/api';
import { silentLogger, systemClock } from '@scrapifie/engine';
import { HttpFetcher } from '@scrapifie/fetch-http';
import { openSqliteAppStore, openSqliteStore } from '@scrapifie/store-sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { promoteRecipe } from '../src/promote/promote.ts';

describe('promote to a real team server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scrapifie-promote-real-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('saves the recipe in the workspace of the API key, and a revoked key is refused with the server\'s message', async () => {
    const store = openSqliteStore(join(dir, 'runs.sqlite'));
    const app = openSqliteAppStore(join(dir, 'app.sqlite'));
    const http = new HttpFetcher();
    const launcher = createInProcessLauncher({ store, fetchers: { http } });
    let api: ApiServer | undefined;
    try {
      const owner = await app.createUser({ email: 'owner@team.test', passwordHash: 'unused' });
      const ws = await app.createWorkspace({ name: 'team', ownerId: owner.id });
      const made = generateApiKey();
      const key = await app.createApiKey({ workspaceId: ws.id, name: 'desktop', prefix: made.prefix, keyHash: made.keyHash, role: 'editor' });
      api = await createApiServer(
        { store, launcher, fetchers: { http }, clock: systemClock, logger: silentLogger, app, authRequired: true, auth: { tokenSecret: Buffer.alloc(32, 1) }, rateLimits: false },
        { port: 0, host: '127.0.0.1' },
      );
      const recipe = { version: 1, name: 'promoted listing', start: { urls: ['https://example.com/list'] }, page: { fields: { title: { css: 'h1' } } } };
      const result = await promoteRecipe({ url: api.url, apiKey: made.key, recipe });
      const library = await app.listRecipes(ws.id);
      expect(library.map((r) => [r.id, r.name, r.version])).toEqual([[result.id, 'promoted listing', 1]]);

      await app.revokeApiKey(ws.id, key.id);
      await expect(promoteRecipe({ url: api.url, apiKey: made.key, recipe })).rejects.toThrow(/401|revoked|API key/i);
    } finally {
      await api?.close();
      await launcher.close();
      await http.close();
      await app.close();
      await store.close();
    }
  });
});
