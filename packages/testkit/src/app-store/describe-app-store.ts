import { afterEach, beforeEach, describe } from 'vitest';
import { contentCases } from './content-cases.ts';
import { newUser, type AppStoreContext, type AppStoreFactory } from './fixtures.ts';
import { identityCases } from './identity-cases.ts';
import { integrationCases } from './integration-cases.ts';
import { runWorkspaceCases } from './run-workspace-cases.ts';
import { usageCases } from './usage-cases.ts';

/**
 * The AppStore conformance suite: every adapter runs it against its real database. Each test gets a fresh store with
 * one user who owns one workspace.
 */
export function describeAppStore(name: string, factory: AppStoreFactory): void {
  describe(`AppStore conformance: ${name}`, () => {
    const ctx = { extra: [] } as unknown as AppStoreContext;
    beforeEach(async () => {
      Object.assign(ctx, { fixture: undefined, store: undefined, extra: [] });
      ctx.fixture = await factory();
      ctx.store = ctx.fixture.store;
      ctx.owner = await newUser(ctx.store, 'owner');
      ctx.workspace = await ctx.store.createWorkspace({ name: 'Acme', ownerId: ctx.owner.id });
    });
    afterEach(async () => {
      for (const s of ctx.extra) await s.close();
      await ctx.store?.close();
      await ctx.fixture?.cleanup();
    });
    identityCases(ctx);
    contentCases(ctx);
    integrationCases(ctx);
    usageCases(ctx);
    runWorkspaceCases(ctx);
  });
}
