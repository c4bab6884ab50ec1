import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppStore } from '@scrapifie/engine';
import { openSqliteAppStore } from '@scrapifie/store-sqlite';
import { generateApiKey } from '../src/auth/api-keys.ts';
import { usageMeterOf } from '../src/metering/meter.ts';
import { appRouter, createApiServer, createCallerFactory, createContext, type ApiServer, type ApiServices, type Role } from '../src/index.ts';
import { startStack, type Stack } from './helpers.ts';

const callerFactory = createCallerFactory(appRouter);
export type Caller = ReturnType<typeof callerFactory>;

export interface Tenant {
  workspaceId: string;
  /** An editor API key of the workspace (Authorization: Bearer <key>). */
  key: string;
  keyId: string;
  /** A caller acting as an editor of the workspace (as an API key would). */
  caller: Caller;
}

export interface LimitsStack {
  stack: Stack;
  app: AppStore;
  services: ApiServices;
  api: ApiServer | null;
  a: Tenant;
  b: Tenant;
  close(): Promise<void>;
}

/**
 * Server mode over the real stack (SQLite crawl store, impit behind the SSRF guard, the fixture site): a SQLite AppStore
 * in its own file with two workspaces A and B, each with an editor API key; authentication required.
 */
export async function startLimitsStack(opts: { server?: boolean; pages?: number; extra?: Partial<ApiServices> } = {}): Promise<LimitsStack> {
  const stack = await startStack({ allow: ['127.0.0.1'], pages: opts.pages ?? 3 });
  const dir = mkdtempSync(join(tmpdir(), 'scrapifie-limits-'));
  const app = openSqliteAppStore(join(dir, 'app.sqlite'));
  const user = await app.createUser({ email: `limits-${Date.now()}@example.test`, passwordHash: 'not-a-real-hash' });
  const services: ApiServices = { ...stack.services, app, authRequired: true, ...opts.extra };
  const context = createContext(services);
  const tenant = async (name: string, role: Role = 'editor'): Promise<Tenant> => {
    const ws = await app.createWorkspace({ name, ownerId: user.id });
    const k = generateApiKey();
    const stored = await app.createApiKey({ workspaceId: ws.id, name: `${name} key`, prefix: k.prefix, keyHash: k.keyHash, role });
    return { workspaceId: ws.id, key: k.key, keyId: stored.id, caller: callerFactory(context({ principal: { kind: 'apiKey', id: stored.id, workspaceId: ws.id, role } })) };
  };
  const a = await tenant('A');
  const b = await tenant('B');
  const api = opts.server ? await createApiServer(services, { port: 0, host: '127.0.0.1' }) : null;
  return {
    stack, app, services, api, a, b,
    async close() {
      await api?.close();
      await stack.launcher.close();
      // The meter writes a run's last figures and settles its quota after the run ends.
      await usageMeterOf(services)?.idle();
      await stack.close();
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
