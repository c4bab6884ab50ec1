import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppStore, Clock } from '@scrapifie/engine';
import { systemClock } from '@scrapifie/engine';
import { openSqliteAppStore } from '@scrapifie/store-sqlite';
import { createApiServer, type ApiServer, type ApiServices } from '../src/index.ts';
import { call, startStack, type Answer, type Stack } from './helpers.ts';

/** A clock the test moves forward (access tokens expire by it). */
export interface TestClock extends Clock {
  advance(ms: number): void;
}

export function testClock(): TestClock {
  let offset = 0;
  return { now: () => systemClock.now() + offset, sleep: systemClock.sleep, advance: (ms) => void (offset += ms) };
}

export interface AuthStack {
  stack: Stack;
  app: AppStore;
  appPath: string;
  clock: TestClock;
  services: ApiServices;
  api: ApiServer;
  /** A REST call with a bearer credential and (optionally) a workspace. */
  rest(method: string, path: string, opts?: { token?: string; workspaceId?: string; body?: unknown; headers?: Record<string, string> }): Promise<Answer>;
  close(): Promise<void>;
}

/** `scrapifie serve` in server mode: the real stack, a SQLite AppStore in its own file, authentication required. */
export async function startAuthStack(opts: { allowSignup?: boolean } = {}): Promise<AuthStack> {
  const stack = await startStack({ allow: ['127.0.0.1'], pages: 2 });
  const dir = mkdtempSync(join(tmpdir(), 'scrapifie-auth-'));
  const appPath = join(dir, 'app.sqlite');
  const app = openSqliteAppStore(appPath);
  const clock = testClock();
  const services: ApiServices = { ...stack.services, clock, app, authRequired: true, auth: { tokenSecret: randomBytes(32), allowSignup: opts.allowSignup },
    // Server mode rate-limits sign-in attempts; these tests sign in more often than a person would (limits have their own tests).
    rateLimits: false };
  const api = await createApiServer(services, { port: 0, host: '127.0.0.1' });
  return {
    stack, app, appPath, clock, services, api,
    rest: (method, path, o = {}) =>
      call(api, method, `/api/v1${path}`, o.body, { ...(o.token ? { authorization: `Bearer ${o.token}` } : {}), ...(o.workspaceId ? { 'x-workspace-id': o.workspaceId } : {}), ...o.headers }),
    async close() {
      await api.close();
      await app.close();
      await stack.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
