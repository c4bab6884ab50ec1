import { CronExpressionParser } from 'cron-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleRecipe, startAppStack, type AppStack } from './app-stack.ts';

let s: AppStack;
let recipeId: string;
beforeAll(async () => {
  s = await startAppStack();
  recipeId = (await s.as('editor').recipes.create({ recipe: sampleRecipe() })).id;
});
afterAll(async () => {
  await s?.close();
});

/** 06:00 in Paris is 04:00 or 05:00 UTC depending on the season: the next one, computed independently of the API. */
function nextParisSix(after: number): number {
  const d = new Date(after);
  for (let i = 0; i < 3; i++) {
    const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + i));
    for (const utcHour of [4, 5]) {
      const t = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), utcHour);
      const paris = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', hour12: false }).format(new Date(t));
      if (paris === '06' && t > after) return t;
    }
  }
  throw new Error('no 06:00 Paris within 3 days');
}

describe('schedules', () => {
  it('create computes nextRunAt in the zone; get and list show it to a viewer', async () => {
    const before = Date.now();
    const sch = await s.as('editor').schedules.create({ recipeId, name: 'morning', cron: '0 6 * * *', timezone: 'Europe/Paris', input: { rows: [{ q: 'shoes' }] } });
    expect(sch).toMatchObject({ recipeId, name: 'morning', cron: '0 6 * * *', timezone: 'Europe/Paris', enabled: true, lastRunAt: null, input: { rows: [{ q: 'shoes' }] } });
    expect(Date.parse(sch.nextRunAt!)).toBe(nextParisSix(before));
    expect(await s.as('viewer').schedules.get({ scheduleId: sch.id })).toEqual(sch);
    expect((await s.as('viewer').schedules.list({})).schedules.map((x) => x.id)).toContain(sch.id);
  });

  it('update recomputes nextRunAt when the expression changes; disable clears it, enable sets it again', async () => {
    const sch = await s.as('editor').schedules.create({ recipeId, name: 'hourly', cron: '0 * * * *' });
    expect(sch.timezone).toBe('UTC');
    const upd = await s.as('editor').schedules.update({ scheduleId: sch.id, cron: '*/15 * * * *', name: 'quarterly' });
    expect(upd.name).toBe('quarterly');
    expect(new Date(upd.nextRunAt!).getUTCMinutes() % 15).toBe(0);
    expect(Date.parse(upd.nextRunAt!) - Date.now()).toBeLessThanOrEqual(15 * 60_000);
    const renamed = await s.as('editor').schedules.update({ scheduleId: sch.id, name: 'quarter-hourly' });
    expect(renamed.nextRunAt).toBe(upd.nextRunAt);
    const off = await s.as('editor').schedules.disable({ scheduleId: sch.id });
    expect(off).toMatchObject({ enabled: false, nextRunAt: null });
    const on = await s.as('editor').schedules.enable({ scheduleId: sch.id });
    const expected = CronExpressionParser.parse('*/15 * * * *', { currentDate: new Date(Date.now()), tz: 'UTC' }).next().toDate().toISOString();
    expect(on.enabled).toBe(true);
    expect(Math.abs(Date.parse(on.nextRunAt!) - Date.parse(expected))).toBeLessThanOrEqual(15 * 60_000);
    expect(await s.as('editor').schedules.delete({ scheduleId: sch.id })).toEqual({ deleted: true });
    await expect(s.as('viewer').schedules.get({ scheduleId: sch.id })).rejects.toMatchObject({ code: 'NOT_FOUND', message: `No schedule ${sch.id} in this workspace` });
  });

  it('bad cron, bad zone and unknown recipe are clear errors naming the field', async () => {
    await expect(s.as('editor').schedules.create({ recipeId, name: 'x', cron: '61 * * * *' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/^cron: bad cron expression "61 \* \* \* \*": .*0-59/) });
    await expect(s.as('editor').schedules.create({ recipeId, name: 'x', cron: '0 6 * * *', timezone: 'Mars/Olympus' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'timezone: unknown time zone "Mars/Olympus" (use an IANA name such as "UTC" or "Europe/Paris")' });
    await expect(s.as('editor').schedules.create({ recipeId: '00000000-0000-4000-8000-000000000000', name: 'x', cron: '0 6 * * *' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('No recipe') });
    const sch = await s.as('editor').schedules.create({ recipeId, name: 'keep', cron: '0 6 * * *' });
    await expect(s.as('editor').schedules.update({ scheduleId: sch.id, cron: 'every day' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('cron: bad cron expression') });
    expect((await s.as('viewer').schedules.get({ scheduleId: sch.id })).cron).toBe('0 6 * * *');
  });

  it('a viewer cannot write; deleting the recipe takes its schedules along', async () => {
    await expect(s.as('viewer').schedules.create({ recipeId, name: 'x', cron: '0 6 * * *' })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('editor role') });
    const r = await s.as('editor').recipes.create({ recipe: sampleRecipe('temp') });
    const sch = await s.as('editor').schedules.create({ recipeId: r.id, name: 'temp', cron: '0 6 * * *' });
    await s.as('admin').recipes.delete({ recipeId: r.id });
    await expect(s.as('viewer').schedules.get({ scheduleId: sch.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
