import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appRouter, createCallerFactory, createContext, createInProcessLauncher, openCredential } from '@scrapifie/api';
import { silentLogger, systemClock } from '@scrapifie/engine';
import { HttpFetcher } from '@scrapifie/fetch-http';
import { openSqliteStore } from '@scrapifie/store-sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { openLocalWorkspace } from '../src/runtime/local-workspace.ts';

// The desktop's workspace on real SQLite files: the screens that need an application store (library, credentials,
// schedules, webhooks) work without sign-in, and what they keep survives a restart of the app.
describe('the desktop workspace', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scrapifie-desktop-ws-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps credentials encrypted with the keychain-protected key across restarts, and the local owner uses them without signing in', async () => {
    const files = { appDbPath: join(dir, 'scrapifie.app.sqlite'), queuePath: join(dir, 'scrapifie.queue.sqlite'), masterKey: randomBytes(32) };
    const store = openSqliteStore(join(dir, 'scrapifie.sqlite'));
    const http = new HttpFetcher();
    const launcher = createInProcessLauncher({ store, fetchers: { http } });
    const canary = `site-password-${randomBytes(6).toString('hex')}`;
    const open = async () => {
      const ws = await openLocalWorkspace(files, launcher, silentLogger);
      const context = createContext({ store, launcher, fetchers: { http }, clock: systemClock, logger: silentLogger, ...ws.services });
      return { ws, caller: createCallerFactory(appRouter)(context()) };
    };
    try {
      const first = await open();
      const created = await first.caller.credentials.create({ name: 'shop login', kind: 'password', value: canary, username: 'me@example.test' });
      expect(created.hint).toBe(`••••${canary.slice(-4)}`);
      const workspaceId = first.ws.services.localWorkspaceId;
      await first.ws.close();
      expect(readFileSync(files.appDbPath).includes(Buffer.from(canary))).toBe(false);

      const again = await open();
      expect(again.ws.services.localWorkspaceId).toBe(workspaceId);
      expect((await again.caller.credentials.list({})).credentials.map((c) => c.name)).toEqual(['shop login']);
      expect(await openCredential(again.ws.services.app, again.ws.services.secrets, workspaceId, created.id)).toMatchObject({ value: canary, username: 'me@example.test' });
      await again.ws.close();
    } finally {
      await launcher.close();
      await http.close();
      await store.close();
    }
  });
});
