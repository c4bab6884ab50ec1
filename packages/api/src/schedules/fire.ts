import type { AppStore, InputRow, Logger, Schedule } from '@scrapifie/engine';
import { nextCronRun } from './cron.ts';
import { parseRecipe, type Recipe } from '@scrapifie/recipe';

/** One firing of a library schedule, as handed to whatever starts the run. */
export interface ScheduledRun {
  schedule: Schedule;
  /** The latest version of the schedule's library recipe, checked (defaults filled in). */
  recipe: Recipe;
  /** Rows from the schedule's input, when it has any. */
  inputRows: InputRow[] | undefined;
  /** The time the firing was due (ISO). */
  dueAt: string;
}

export interface FireSchedulesOptions {
  app: AppStore;
  /** Starts the run; answers its id. */
  start: (run: ScheduledRun) => Promise<string>;
  logger: Logger;
  /** Epoch ms. */
  now: number;
  /** Most schedules fired per pass. Default 100. */
  limit?: number | undefined;
}

export interface FiredSchedule {
  scheduleId: string;
  dueAt: string;
  runId: string | null;
  error: string | null;
}

function rowsOf(input: unknown): InputRow[] | undefined {
  const rows = input !== null && typeof input === 'object' ? (input as { rows?: unknown }).rows : undefined;
  return Array.isArray(rows) ? (rows as InputRow[]) : undefined;
}

/**
 * Fires the AppStore schedules due at `now`: each is claimed first (claimScheduleRun moves its nextRunAt to the next cron
 * time, which exactly one of several schedulers racing manages), then its recipe's latest version is started. A firing
 * missed while no scheduler ran fires once, not once per missed time. Answers what this scheduler fired.
 */
export async function fireDueSchedules(o: FireSchedulesOptions): Promise<FiredSchedule[]> {
  const at = new Date(o.now).toISOString();
  const fired: FiredSchedule[] = [];
  for (const s of await o.app.dueSchedules(at, o.limit ?? 100)) {
    if (s.nextRunAt === null) continue;
    let next: string | null;
    let broken = false;
    try {
      next = nextCronRun(s.cron, s.timezone, o.now);
    } catch (e) {
      // A bad expression (edited outside the API): claim the firing with no next one, so it stops being due, and say why.
      o.logger.error('schedule has a bad cron expression or zone; it will not fire again until fixed', { scheduleId: s.id, workspaceId: s.workspaceId, error: (e as Error).message });
      next = null;
      broken = true;
    }
    if (!(await o.app.claimScheduleRun(s.id, s.nextRunAt, next, at))) continue;
    if (broken) continue;
    const entry: FiredSchedule = { scheduleId: s.id, dueAt: s.nextRunAt, runId: null, error: null };
    fired.push(entry);
    try {
      const stored = await o.app.getRecipe(s.workspaceId, s.recipeId);
      if (!stored) throw new Error(`recipe ${s.recipeId} is gone from workspace ${s.workspaceId}`);
      // Parsed again: defaults filled in, and a recipe stored before a format change fails here with its paths named.
      entry.runId = await o.start({ schedule: s, recipe: parseRecipe(stored.recipe), inputRows: rowsOf(s.input), dueAt: s.nextRunAt });
      o.logger.info('scheduled run started', { scheduleId: s.id, workspaceId: s.workspaceId, recipeId: s.recipeId, runId: entry.runId, dueAt: s.nextRunAt, nextRunAt: next });
    } catch (e) {
      entry.error = (e as Error).message;
      o.logger.error('scheduled run could not start', { scheduleId: s.id, workspaceId: s.workspaceId, dueAt: s.nextRunAt, error: entry.error });
    }
  }
  return fired;
}
