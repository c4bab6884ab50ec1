import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { Logger } from '@scrapifie/engine';
import { openPgAppStore } from '@scrapifie/store-postgres';
import { pgQuery, until } from '@scrapifie/testkit';
import { schedulerCommand } from '../../src/cli/scheduler-command.ts';
import { loadConfig } from '../../src/config.ts';
import { clusterEnv, openTestRuntime } from './harness.ts';

const env = clusterEnv();
const logged: string[] = [];
const logger: Logger = {
  debug: () => {},
  info: (msg, f) => void logged.push(`info ${msg} ${JSON.stringify(f)}`),
  warn: (msg, f) => void logged.push(`warn ${msg} ${JSON.stringify(f)}`),
  error: (msg, f) => void logged.push(`error ${msg} ${JSON.stringify(f)}`),
  child: () => logger,
};
afterAll(async () => {
  await pgQuery(env.DATABASE_URL!, `DROP SCHEMA IF EXISTS ${env.SCRAPIFIE_PG_SCHEMA} CASCADE`);
});

describe('scrapifie scheduler', () => {
  it('submits the run of a due library schedule from the AppStore, and moves the schedule on', async () => {
    const app = await openPgAppStore({ connectionString: env.DATABASE_URL!, schema: env.SCRAPIFIE_PG_SCHEMA, max: 2 });
    const rt = await openTestRuntime(env);
    const controller = new AbortController();
    let command: Promise<number> | undefined;
    try {
      const user = await app.createUser({ email: `u-${randomUUID()}@example.test`, passwordHash: 'x' });
      const ws = await app.createWorkspace({ name: 'w', ownerId: user.id });
      const name = `scheduled-${randomUUID().slice(0, 8)}`;
      const recipe = await app.createRecipe({ workspaceId: ws.id, name, recipe: { version: 1, name, start: { urls: ['https://shop.example/'] }, page: { items: { css: 'li', fields: { t: { css: 'a' } } } } } as never });
      const due = new Date(Date.now() - 1000).toISOString();
      const schedule = await app.createSchedule({ workspaceId: ws.id, recipeId: recipe.id, name: 'yearly', cron: '0 0 1 1 *', nextRunAt: due });

      const stderr = { write: () => true } as unknown as NodeJS.WritableStream;
      command = schedulerCommand({ cluster: loadConfig({ ...process.env, ...env }).cluster, logger, stderr, signal: controller.signal, tickMs: 200 });
      const runsNamed = async () => (await rt.store.listRuns(20)).filter((r) => r.recipe.name === name);
      await until('the scheduled run to be submitted', async () => (await runsNamed()).length > 0, 20_000).catch((e: Error) => {
        throw new Error(`${e.message}; the scheduler logged:\n${logged.join('\n')}`);
      });
      // A few more ticks: still one run (the firing was claimed once).
      await new Promise((r) => setTimeout(r, 700));
      const runs = await runsNamed();
      expect(runs).toHaveLength(1);
      // The run belongs to the schedule's workspace (its members see it; nobody else does).
      expect(await app.runWorkspace(runs[0]!.id)).toBe(ws.id);
      const after = await app.getSchedule(ws.id, schedule.id);
      expect(after!.lastRunAt).not.toBeNull();
      expect(Date.parse(after!.nextRunAt!)).toBeGreaterThan(Date.now());
      expect(new Date(after!.nextRunAt!).toISOString()).toMatch(/-01-01T00:00:00.000Z$/);
    } finally {
      controller.abort();
      if (command) expect(await command).toBe(0);
      await rt.close();
      await app.close();
    }
  }, 60_000);
});
