import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApiServer, createInProcessLauncher, type ApiServer, type AppRouter } from '@scrapifie/api';
import { silentLogger, systemClock, type AppStore } from '@scrapifie/engine';
import { HttpFetcher } from '@scrapifie/fetch-http';
import { openSqliteAppStore, openSqliteStore, type SqliteCrawlStore } from '@scrapifie/store-sqlite';
import { createScrapifieClient } from '../src/index.ts';

// The client against a real server in server mode (sign-in required, SQLite AppStore): it sends tokens and keys.
let dir: string;
let store: SqliteCrawlStore;
let app: AppStore;
let http: HttpFetcher;
let launcher: ReturnType<typeof createInProcessLauncher>;
let api: ApiServer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'scrapifie-client-auth-'));
  store = openSqliteStore(join(dir, 'db.sqlite'));
  app = openSqliteAppStore(join(dir, 'app.sqlite'));
  http = new HttpFetcher();
  launcher = createInProcessLauncher({ store, fetchers: { http } });
  api = await createApiServer(
    { store, launcher, fetchers: { http }, clock: systemClock, logger: silentLogger, app, authRequired: true, auth: { tokenSecret: randomBytes(32) }, rateLimits: false },
    { port: 0 },
  );
});
afterAll(async () => {
  await api?.close();
  await launcher?.close();
  await http?.close();
  await app?.close();
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const codeOf = (e: unknown): string | undefined => (e instanceof TRPCClientError ? (e as TRPCClientError<AppRouter>).data?.code : undefined);

it('sends an access token with a workspace, or an API key', async () => {
  const anonymous = createScrapifieClient({ url: api.url });
  const session = await anonymous.auth.register.mutate({ email: 'client@example.com', password: 'a long password here' });
  const workspaceId = session.workspace!.id;
  expect(codeOf(await anonymous.runs.list.query({}).catch((e: unknown) => e))).toBe('UNAUTHORIZED');

  let current = session.accessToken;
  const user = createScrapifieClient({ url: api.url, accessToken: () => current, workspaceId });
  expect(await user.auth.me.query({})).toMatchObject({ kind: 'user', workspaceId, role: 'owner' });
  current = (await anonymous.auth.refresh.mutate({ refreshToken: session.refreshToken })).accessToken;
  expect((await user.auth.me.query({})).role).toBe('owner');

  const { key } = await user.apiKeys.create.mutate({ workspaceId, name: 'client', role: 'viewer' });
  const byKey = createScrapifieClient({ url: api.url, apiKey: key });
  expect(await byKey.auth.me.query({})).toMatchObject({ kind: 'apiKey', workspaceId, role: 'viewer' });
  expect(codeOf(await byKey.apiKeys.list.query({ workspaceId }).catch((e: unknown) => e))).toBe('FORBIDDEN');

  expect(() => createScrapifieClient({ url: api.url, apiKey: key, accessToken: current })).toThrow('either apiKey or accessToken');
});
