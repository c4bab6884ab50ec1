import { readFile } from 'node:fs/promises';
import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';
import { InvalidInputError, issuesOf } from '@scrapifie/recipe';

const ScheduleSchema = z.strictObject({
  /** Unique: several scheduler nodes start each due run once, by name and time. */
  name: z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, "letters, digits, '.', '_' and '-'"),
  cron: z.string().min(1),
  /** A recipe file, relative to the schedules file's directory or absolute. */
  recipe: z.string().min(1),
  timezone: z.string().optional(),
});
export type Schedule = z.infer<typeof ScheduleSchema>;

/** The next time (epoch ms) after `after` the schedule fires; throws naming the schedule when its cron expression is bad. */
export function nextFire(s: Schedule, after: number): number {
  try {
    return CronExpressionParser.parse(s.cron, { currentDate: new Date(after), ...(s.timezone ? { tz: s.timezone } : {}) }).next().getTime();
  } catch (e) {
    throw new InvalidInputError('INVALID_INPUT', `schedule "${s.name}": bad cron expression "${s.cron}": ${(e as Error).message}`, [{ path: `${s.name}.cron`, message: (e as Error).message }]);
  }
}

/** Reads and checks the schedules file (a JSON array), naming the bad entry. */
export async function loadSchedules(path: string): Promise<Schedule[]> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new InvalidInputError('INVALID_INPUT', `SCRAPIFIE_SCHEDULES: cannot read ${path}: ${(e as Error).message}`);
  }
  const r = z.array(ScheduleSchema).safeParse(raw);
  if (!r.success) {
    const issues = issuesOf(r.error);
    throw new InvalidInputError('INVALID_INPUT', `SCRAPIFIE_SCHEDULES ${path}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
  }
  const now = Date.now();
  for (const s of r.data) nextFire(s, now);
  return r.data;
}
