import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppStore } from '@scrapifie/engine';
import { openSqliteAppStore } from '@scrapifie/store-sqlite';
import { appRouter, createCallerFactory, createContext, type ApiServices, type Principal, type Role } from '../src/index.ts';
import { startStack, type Stack } from './helpers.ts';

/**
 * The minimum role of every procedure. A procedure missing here fails the test: whoever adds one decides who may call
 * it. 'public' needs nothing, 'caller' any signed-in caller (no workspace), the rest a workspace role at least that.
 */
type Level = 'public' | 'caller' | Role;
const MINIMUM: Record<string, Level> = {
  // auth
  'auth.register': 'public', 'auth.login': 'public', 'auth.refresh': 'public', 'auth.logout': 'public', 'auth.me': 'caller',
  // workspaces, members, keys
  'workspaces.list': 'caller', 'workspaces.create': 'caller', 'workspaces.rename': 'admin', 'workspaces.delete': 'owner',
  'members.list': 'viewer', 'members.add': 'admin', 'members.setRole': 'admin', 'members.remove': 'admin',
  'apiKeys.create': 'admin', 'apiKeys.list': 'admin', 'apiKeys.revoke': 'admin',
  // runs, results, scraping, usage
  'runs.start': 'editor', 'runs.cancel': 'editor', 'runs.list': 'viewer', 'runs.status': 'viewer', 'runs.logs': 'viewer', 'runs.progress': 'viewer',
  'results.page': 'viewer', 'results.export': 'viewer',
  'scrape.start': 'editor', 'scrape.sync': 'editor', 'scrape.batch': 'editor', 'scrape.cancelJob': 'editor', 'scrape.task': 'viewer', 'scrape.job': 'viewer', 'scrape.jobResults': 'viewer',
  'usage.get': 'viewer',
  // the designer drives live pages: editors
  'designer.open': 'editor', 'designer.state': 'editor', 'designer.close': 'editor', 'designer.frames': 'editor', 'designer.input': 'editor', 'designer.hover': 'editor',
  'designer.pick': 'editor', 'designer.edit': 'editor', 'designer.detectPagination': 'editor', 'designer.checkTiers': 'editor', 'designer.recipe': 'editor', 'designer.record': 'editor',
  // recipes: the schema is public; the library is read by viewers, changed by editors, deleted by admins
  'recipes.schema': 'public', 'recipes.validate': 'viewer',
  'recipes.list': 'viewer', 'recipes.get': 'viewer', 'recipes.versions': 'viewer', 'recipes.version': 'viewer', 'recipes.export': 'viewer',
  'recipes.create': 'editor', 'recipes.update': 'editor', 'recipes.archive': 'editor', 'recipes.unarchive': 'editor', 'recipes.import': 'editor', 'recipes.delete': 'admin',
  'schedules.list': 'viewer', 'schedules.get': 'viewer',
  'schedules.create': 'editor', 'schedules.update': 'editor', 'schedules.delete': 'editor', 'schedules.enable': 'editor', 'schedules.disable': 'editor',
  // secrets and infrastructure: admins change them, viewers see metadata (credentials may be written by editors)
  'credentials.list': 'viewer', 'credentials.create': 'editor', 'credentials.update': 'editor', 'credentials.delete': 'admin',
  'proxies.list': 'viewer', 'proxies.create': 'admin', 'proxies.update': 'admin', 'proxies.delete': 'admin',
  'webhooks.list': 'viewer', 'webhooks.get': 'viewer', 'webhooks.deliveries': 'viewer',
  'webhooks.create': 'admin', 'webhooks.update': 'admin', 'webhooks.delete': 'admin', 'webhooks.rotateSecret': 'admin', 'webhooks.enable': 'admin', 'webhooks.disable': 'admin', 'webhooks.test': 'admin',
};

/** Who calls: every role in a workspace, a user who named no workspace, and nobody. */
const WORKSPACE = randomUUID();
const CALLERS: Array<{ name: string; principal: Principal }> = [
  ...(['owner', 'admin', 'editor', 'viewer'] as const).map((role) => ({ name: role, principal: { kind: 'user' as const, id: randomUUID(), workspaceId: WORKSPACE, role } })),
  { name: 'api key (editor)', principal: { kind: 'apiKey', id: randomUUID(), workspaceId: WORKSPACE, role: 'editor' } },
  { name: 'user without a workspace', principal: { kind: 'user', id: randomUUID(), workspaceId: null, role: null } },
  { name: 'anonymous', principal: { kind: 'anonymous', id: 'anonymous', workspaceId: null, role: null } },
];
const ORDER: Role[] = ['viewer', 'editor', 'admin', 'owner'];

function allowed(min: Level, p: Principal): boolean {
  if (min === 'public') return true;
  if (p.kind === 'anonymous') return false;
  if (min === 'caller') return true;
  return p.role !== null && p.workspaceId !== null && ORDER.indexOf(p.role) >= ORDER.indexOf(min);
}

let s: Stack;
let app: AppStore;
let dir: string;
let services: ApiServices;
beforeAll(async () => {
  s = await startStack({ allow: [] });
  dir = mkdtempSync(join(tmpdir(), 'scrapifie-roles-'));
  app = openSqliteAppStore(join(dir, 'app.sqlite'));
  services = { ...s.services, app, authRequired: true };
}, 30_000);
afterAll(async () => {
  await app?.close();
  await s?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const procedures = Object.keys(appRouter._def.procedures as Record<string, unknown>).sort();

describe('role × procedure matrix', () => {
  it('every procedure has a minimum role in the table (and the table names no procedure that is gone)', () => {
    expect(procedures.filter((p) => !(p in MINIMUM)), 'procedures missing from MINIMUM in roles.test.ts').toEqual([]);
    expect(Object.keys(MINIMUM).filter((p) => !procedures.includes(p)), 'MINIMUM names procedures that do not exist').toEqual([]);
  });

  // The role check is a middleware added before .input(), so it runs before the input is parsed: an input that no
  // schema accepts (an unknown field) gets UNAUTHORIZED/FORBIDDEN when the role is too weak, and BAD_REQUEST (input
  // parsing reached: the role passed) otherwise. No call gets as far as doing anything.
  const factory = createCallerFactory(appRouter);
  for (const path of procedures) {
    it(`${path} answers by role`, async () => {
      const min = MINIMUM[path];
      if (min === undefined) return; // reported by the test above
      for (const { name, principal } of CALLERS) {
        const caller = factory(createContext(services)({ principal }));
        let node: unknown = caller;
        for (const part of path.split('.')) node = (node as Record<string, unknown>)[part];
        const err = await Promise.resolve()
          .then(() => (node as (input: unknown) => Promise<unknown>)({ 'not-a-field': true }))
          .then(() => null, (e: unknown) => e);
        expect(err, `${path} as ${name} did not fail on an invalid input`).toBeInstanceOf(TRPCError);
        const code = (err as TRPCError).code;
        const expected = allowed(min, principal) ? 'BAD_REQUEST' : principal.kind === 'anonymous' ? 'UNAUTHORIZED' : 'FORBIDDEN';
        expect(`${path} as ${name}: ${code}`).toBe(`${path} as ${name}: ${expected}`);
      }
    });
  }
});
