import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordingLogger, systemClock, type AppStore } from '@scrapifie/engine';
import { HttpFetcher } from '@scrapifie/fetch-http';
import { openSqliteAppStore, openSqliteStore, type SqliteCrawlStore } from '@scrapifie/store-sqlite';
import {
  appRouter, createApiServer, createCallerFactory, createContext, createInProcessLauncher, SecretCipher,
  type ApiError, type ApiServer, type ApiServices, type InProcessRunLauncher, type Role,
} from '../src/index.ts';

const callerFactory = createCallerFactory(appRouter);
export type Caller = ReturnType<typeof callerFactory>;

export type { LogLine } from '@scrapifie/engine';

/** A Logger that keeps every line at every level (debug included): the engine's recording logger. */
export const capturingLogger = recordingLogger;

export interface AppStack {
  dir: string;
  app: AppStore;
  store: SqliteCrawlStore;
  launcher: InProcessRunLauncher;
  services: ApiServices;
  logger: ReturnType<typeof capturingLogger>;
  workspaceId: string;
  userId: string;
  /** A caller acting as a user with `role` in the stack's workspace (or another workspace). */
  as(role: Role, workspaceId?: string): Caller;
  api: ApiServer | null;
  /** Every byte of the SQLite files (database, WAL, shared memory) of the stack's directory. */
  rawDatabaseBytes(): Buffer;
  close(): Promise<void>;
}

/** A real SQLite AppStore (its own file), a real cipher with a random master key, a user owning one workspace. */
export async function startAppStack(opts: { server?: boolean; secrets?: boolean } = {}): Promise<AppStack> {
  const dir = mkdtempSync(join(tmpdir(), 'scrapifie-app-'));
  const app = openSqliteAppStore(join(dir, 'app.sqlite'));
  const store = openSqliteStore(join(dir, 'crawl.sqlite'));
  const http = new HttpFetcher();
  const launcher = createInProcessLauncher({ store, fetchers: { http } });
  const logger = capturingLogger();
  const user = await app.createUser({ email: `owner-${randomUUID()}@example.test`, passwordHash: 'not-a-real-hash' });
  const ws = await app.createWorkspace({ name: 'Acme', ownerId: user.id });
  const services: ApiServices = {
    store, launcher, fetchers: { http }, clock: systemClock, logger, app, localWorkspaceId: ws.id,
    secrets: opts.secrets === false ? undefined : new SecretCipher(randomBytes(32)),
  };
  const context = createContext(services);
  const api = opts.server ? await createApiServer(services, { port: 0, host: '127.0.0.1' }) : null;
  return {
    dir, app, store, launcher, services, logger, api, workspaceId: ws.id, userId: user.id,
    as: (role, workspaceId = ws.id) => callerFactory(context({ principal: { kind: 'user', id: user.id, workspaceId, role } })),
    rawDatabaseBytes: () => Buffer.concat(readdirSync(dir).map((f) => readFileSync(join(dir, f)))),
    async close() {
      await api?.close();
      await launcher.close();
      await http.close();
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A small valid recipe (never fetched by these tests). */
export function sampleRecipe(name = 'products', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: 1,
    name,
    start: { urls: ['https://shop.example/list/1'] },
    page: { items: { css: 'article.product', fields: { title: { css: 'h2 a' }, price: { css: '.price', transforms: ['price'] } } } },
    ...extra,
  };
}

/** The error a call fails with (tRPC's, with the API error as its cause); throws when the call succeeds. */
export async function failure(call: Promise<unknown>): Promise<{ code: string; message: string; cause: ApiError }> {
  try {
    await call;
  } catch (e) {
    return e as { code: string; message: string; cause: ApiError };
  }
  throw new Error('expected the call to fail, it succeeded');
}
