import { startTestSite, type TestSite } from '@scrapifie/testsite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, createTargetGuard, startLocalScheduler } from '../src/index.ts';
import { startAppStack, type AppStack } from './app-stack.ts';

const listing = (url: string) => ({
  version: 1,
  name: 'nightly listing',
  start: { urls: [url] },
  fetch: { mode: 'http' },
  page: { items: { css: 'article.product', fields: { title: { css: 'h2 a', transforms: ['trim'] } } } },
});

// Library schedules on one node (the embedded serve, the desktop): a due schedule starts a real run of its recipe
// in its workspace, once, and a schedule whose recipe points at a forbidden address starts nothing and says why.
describe('the local scheduler', () => {
  let site: TestSite;
  let stack: AppStack;
  beforeAll(async () => {
    site = await startTestSite({ pages: 2 });
    stack = await startAppStack();
  });
  afterAll(async () => {
    await stack?.close();
    await site?.close();
  });

  it('fires a due schedule once: a run of the latest recipe version, recorded in the workspace, with its rows', async () => {
    const owner = stack.as('owner');
    const recipe = await owner.recipes.create({ recipe: listing(`${site.url}/list/1`) });
    const schedule = await owner.schedules.create({ recipeId: recipe.id, name: 'nightly', cron: '0 3 * * *', timezone: 'UTC' });
    // Due now (as if 03:00 had come).
    await stack.app.updateSchedule(stack.workspaceId, schedule.id, { nextRunAt: new Date(Date.now() - 1000).toISOString() });
    const scheduler = startLocalScheduler(stack.services, createContext(stack.services), { tickMs: 60_000 });
    try {
      const fired = await scheduler.tick();
      expect(fired).toHaveLength(1);
      expect(fired[0]).toMatchObject({ scheduleId: schedule.id, error: null });
      const runId = fired[0]!.runId!;
      await stack.launcher.waitUntilDone(runId, AbortSignal.timeout(30_000));
      expect((await stack.store.getRun(runId))?.status).toBe('completed');
      expect(await stack.app.runWorkspace(runId)).toBe(stack.workspaceId);
      expect((await stack.store.counts(runId)).results).toBe(20);
      expect(await scheduler.tick()).toEqual([]); // claimed: not again until the next 03:00
      const after = await owner.schedules.get({ scheduleId: schedule.id });
      expect(Date.parse(after.nextRunAt!)).toBeGreaterThan(Date.now());
    } finally {
      await scheduler.stop();
    }
  });

  it('in server mode the SSRF guard checks a scheduled run like any other: a metadata address starts nothing and the reason is kept', async () => {
    const owner = stack.as('owner');
    const recipe = await owner.recipes.create({ recipe: { ...listing('http://169.254.169.254/latest/meta-data/'), name: 'sneaky' } });
    const schedule = await owner.schedules.create({ recipeId: recipe.id, name: 'sneaky', cron: '*/5 * * * *', timezone: 'UTC' });
    await stack.app.updateSchedule(stack.workspaceId, schedule.id, { nextRunAt: new Date(Date.now() - 1000).toISOString() });
    const guarded = { ...stack.services, targetPolicy: createTargetGuard({ allow: [] }) };
    const scheduler = startLocalScheduler(guarded, createContext(guarded), { tickMs: 60_000 });
    try {
      const fired = await scheduler.tick();
      expect(fired).toHaveLength(1);
      expect(fired[0]!.runId).toBeNull();
      expect(fired[0]!.error).toMatch(/recipe\.start\.urls\[0\].*169\.254\.169\.254/);
    } finally {
      await scheduler.stop();
    }
  });
});
