import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AppStore, Logger } from '@scrapifie/engine';
import { openPgAppStore } from '@scrapifie/store-postgres';
import { openSqliteAppStore } from '@scrapifie/store-sqlite';
import { pgQuery, testPostgres } from '@scrapifie/testkit';
import { fireDueSchedules, type ScheduledRun } from '@scrapifie/api';

interface Lines {
  logger: Logger;
  lines: Array<{ level: string; msg: string; fields: Record<string, unknown> }>;
}
function recorder(): Lines {
  const lines: Lines['lines'] = [];
  const make = (): Logger => ({
    debug: (msg, fields = {}) => void lines.push({ level: 'debug', msg, fields }),
    info: (msg, fields = {}) => void lines.push({ level: 'info', msg, fields }),
    warn: (msg, fields = {}) => void lines.push({ level: 'warn', msg, fields }),
    error: (msg, fields = {}) => void lines.push({ level: 'error', msg, fields }),
    child: () => make(),
  });
  return { logger: make(), lines };
}

const RECIPE = { version: 1, name: 'nightly', start: { urls: ['https://shop.example/'] }, page: { items: { css: 'li', fields: { t: { css: 'a' } } } } } as never;
const MINUTE = 60_000;

/** Two handles on one database (two scheduler processes); SQLite keeps one handle per process, so both are the same one. */
interface Backend {
  name: string;
  open(): Promise<{ a: AppStore; b: AppStore; close(): Promise<void> }>;
}
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const backends: Backend[] = [
  {
    name: 'SQLite AppStore',
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'scrapifie-sched-'));
      const a = openSqliteAppStore(join(dir, 'app.sqlite'));
      return { a, b: a, close: async () => (await a.close(), rmSync(dir, { recursive: true, force: true })) };
    },
  },
  {
    name: 'Postgres AppStore',
    async open() {
      const { url } = testPostgres();
      const schema = `t_${randomBytes(6).toString('hex')}`;
      const a = await openPgAppStore({ connectionString: url, schema, max: 3 });
      const b = await openPgAppStore({ connectionString: url, schema, max: 3 });
      return { a, b, close: async () => (await a.close(), await b.close(), void (await pgQuery(url, `DROP SCHEMA IF EXISTS ${schema} CASCADE`))) };
    },
  },
];

describe.each(backends)('fireDueSchedules on the $name', (backend) => {
  it('two schedulers racing fire a due schedule once, with its recipe and rows, and move nextRunAt on', async () => {
    const { a, b, close } = await backend.open();
    cleanups.push(close);
    const user = await a.createUser({ email: `u-${randomUUID()}@example.test`, passwordHash: 'x' });
    const ws = await a.createWorkspace({ name: 'w', ownerId: user.id });
    const recipe = await a.createRecipe({ workspaceId: ws.id, name: 'nightly', recipe: RECIPE });
    const now = Date.parse('2030-01-01T10:00:30.000Z');
    const due = new Date(now - 30_000).toISOString();
    const every = await a.createSchedule({ workspaceId: ws.id, recipeId: recipe.id, name: 'every minute', cron: '* * * * *', nextRunAt: due, input: { rows: [{ q: 'x' }] } });
    const off = await a.createSchedule({ workspaceId: ws.id, recipeId: recipe.id, name: 'off', cron: '* * * * *', nextRunAt: due, enabled: false });
    const later = await a.createSchedule({ workspaceId: ws.id, recipeId: recipe.id, name: 'later', cron: '0 12 * * *', nextRunAt: '2030-01-01T12:00:00.000Z' });

    const started: ScheduledRun[] = [];
    const start = async (run: ScheduledRun) => (started.push(run), `run-${started.length}`);
    const log = recorder();
    const [x, y] = await Promise.all([fireDueSchedules({ app: a, start, logger: log.logger, now }), fireDueSchedules({ app: b, start, logger: log.logger, now })]);
    expect([...x, ...y]).toEqual([{ scheduleId: every.id, dueAt: due, runId: 'run-1', error: null }]);
    expect(started).toHaveLength(1);
    expect(started[0]).toMatchObject({ schedule: { id: every.id }, recipe: { name: 'nightly' }, inputRows: [{ q: 'x' }], dueAt: due });
    const after = await a.getSchedule(ws.id, every.id);
    expect(after).toMatchObject({ nextRunAt: '2030-01-01T10:01:00.000Z', lastRunAt: new Date(now).toISOString() });
    expect((await a.getSchedule(ws.id, off.id))!.lastRunAt).toBeNull();
    expect((await a.getSchedule(ws.id, later.id))!.lastRunAt).toBeNull();
    expect(log.lines.filter((l) => l.msg === 'scheduled run started')).toHaveLength(1);

    // Nothing more at the same time; the next minute fires again, once.
    expect(await fireDueSchedules({ app: b, start, logger: log.logger, now })).toEqual([]);
    expect((await fireDueSchedules({ app: b, start, logger: log.logger, now: now + MINUTE })).map((f) => f.scheduleId)).toEqual([every.id]);
    expect(started).toHaveLength(2);
  });

  it('a start that fails is logged and the schedule still moves on; a broken cron stops firing with an error', async () => {
    const { a, close } = await backend.open();
    cleanups.push(close);
    const user = await a.createUser({ email: `u-${randomUUID()}@example.test`, passwordHash: 'x' });
    const ws = await a.createWorkspace({ name: 'w', ownerId: user.id });
    const recipe = await a.createRecipe({ workspaceId: ws.id, name: 'nightly', recipe: RECIPE });
    const now = Date.parse('2030-06-01T08:00:10.000Z');
    const due = new Date(now - 5_000).toISOString();
    const failing = await a.createSchedule({ workspaceId: ws.id, recipeId: recipe.id, name: 'failing', cron: '*/5 * * * *', nextRunAt: due });
    const broken = await a.createSchedule({ workspaceId: ws.id, recipeId: recipe.id, name: 'broken', cron: 'every day', nextRunAt: due });
    const log = recorder();
    const fired = await fireDueSchedules({ app: a, logger: log.logger, now, start: async () => Promise.reject(new Error('queue full: 3 runs active')) });
    expect(fired).toEqual([{ scheduleId: failing.id, dueAt: due, runId: null, error: 'queue full: 3 runs active' }]);
    expect((await a.getSchedule(ws.id, failing.id))!.nextRunAt).toBe('2030-06-01T08:05:00.000Z');
    expect((await a.getSchedule(ws.id, broken.id))!.nextRunAt).toBeNull();
    expect(log.lines.find((l) => l.msg === 'scheduled run could not start')?.fields).toMatchObject({ scheduleId: failing.id, error: 'queue full: 3 runs active' });
    expect(log.lines.find((l) => l.level === 'error' && l.fields.scheduleId === broken.id)?.fields.error).toMatch(/^cron: bad cron expression "every day"/);
  });
});
