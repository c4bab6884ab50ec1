import { AppStoreError, type AppStore, type Schedule } from '@scrapifie/engine';
import type { Kysely, Selectable, Updateable } from 'kysely';
import type { AppDB, SchedulesTable } from './schema.ts';
import { changed, isForeignKeyViolation, isUuid, iso, newId, nonEmpty, nowIso, readNullableTime, readTime } from './util.ts';

type ScheduleQueries = Pick<AppStore, 'createSchedule' | 'getSchedule' | 'listSchedules' | 'updateSchedule' | 'deleteSchedule' | 'dueSchedules' | 'claimScheduleRun'>;

const toSchedule = (r: Selectable<SchedulesTable>): Schedule => ({
  id: r.id,
  workspaceId: r.workspace_id,
  recipeId: r.recipe_id,
  name: r.name,
  cron: r.cron,
  timezone: r.timezone,
  enabled: Number(r.enabled) === 1,
  nextRunAt: readNullableTime(r.next_run_at),
  lastRunAt: readNullableTime(r.last_run_at),
  input: r.input === null ? null : JSON.parse(r.input),
  createdAt: readTime(r.created_at),
  updatedAt: readTime(r.updated_at),
});

const maybeTime = (v: string | null, what: string): string | null => (v === null ? null : iso(v, what));

export function scheduleQueries(db: Kysely<AppDB>): ScheduleQueries {
  const getSchedule = async (workspaceId: string, id: string): Promise<Schedule | null> => {
    if (!isUuid(workspaceId) || !isUuid(id)) return null;
    const r = await db.selectFrom('schedules').selectAll().where('id', '=', id).where('workspace_id', '=', workspaceId).executeTakeFirst();
    return r ? toSchedule(r) : null;
  };
  return {
    getSchedule,
    async createSchedule(input) {
      const now = nowIso();
      const row = {
        id: newId(),
        workspace_id: input.workspaceId,
        recipe_id: input.recipeId,
        name: nonEmpty(input.name, 'schedule name'),
        cron: nonEmpty(input.cron, 'cron'),
        timezone: input.timezone ?? 'UTC',
        enabled: input.enabled === false ? 0 : 1,
        next_run_at: maybeTime(input.nextRunAt, 'nextRunAt'),
        last_run_at: null,
        input: input.input === undefined ? null : JSON.stringify(input.input),
        created_at: now,
        updated_at: now,
      };
      const notFound = () => new AppStoreError('not_found', `No recipe ${JSON.stringify(input.recipeId)} in this workspace`);
      if (!isUuid(input.workspaceId) || !isUuid(input.recipeId)) throw notFound();
      const recipe = await db.selectFrom('recipes').select('id').where('id', '=', input.recipeId).where('workspace_id', '=', input.workspaceId).executeTakeFirst();
      if (!recipe) throw notFound();
      try {
        await db.insertInto('schedules').values(row).execute();
      } catch (e) {
        if (isForeignKeyViolation(e)) throw notFound();
        throw e;
      }
      return toSchedule(row);
    },
    async listSchedules(workspaceId) {
      if (!isUuid(workspaceId)) return [];
      const rows = await db.selectFrom('schedules').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at').orderBy('id').execute();
      return rows.map(toSchedule);
    },
    async updateSchedule(workspaceId, id, patch) {
      if (!isUuid(workspaceId) || !isUuid(id)) return null;
      const set: Updateable<SchedulesTable> = { updated_at: nowIso() };
      if (patch.name !== undefined) set.name = nonEmpty(patch.name, 'schedule name');
      if (patch.cron !== undefined) set.cron = nonEmpty(patch.cron, 'cron');
      if (patch.timezone !== undefined) set.timezone = nonEmpty(patch.timezone, 'timezone');
      if (patch.enabled !== undefined) set.enabled = patch.enabled ? 1 : 0;
      if (patch.nextRunAt !== undefined) set.next_run_at = maybeTime(patch.nextRunAt, 'nextRunAt');
      if (patch.input !== undefined) set.input = JSON.stringify(patch.input);
      const res = await db.updateTable('schedules').set(set).where('id', '=', id).where('workspace_id', '=', workspaceId).executeTakeFirst();
      return changed(res) > 0 ? getSchedule(workspaceId, id) : null;
    },
    async deleteSchedule(workspaceId, id) {
      if (!isUuid(workspaceId) || !isUuid(id)) return false;
      return changed(await db.deleteFrom('schedules').where('id', '=', id).where('workspace_id', '=', workspaceId).executeTakeFirst()) > 0;
    },
    async dueSchedules(now, limit) {
      const rows = await db
        .selectFrom('schedules')
        .selectAll()
        .where('enabled', '=', 1)
        .where('next_run_at', 'is not', null)
        .where('next_run_at', '<=', iso(now, 'now'))
        .orderBy('next_run_at')
        .orderBy('id')
        .limit(Math.max(0, Math.floor(limit)))
        .execute();
      return rows.map(toSchedule);
    },
    async claimScheduleRun(id, expectedNextRunAt, nextRunAt, at) {
      if (!isUuid(id)) return false;
      const res = await db
        .updateTable('schedules')
        .set({ next_run_at: maybeTime(nextRunAt, 'nextRunAt'), last_run_at: iso(at, 'at'), updated_at: nowIso() })
        .where('id', '=', id)
        .where('enabled', '=', 1)
        .where('next_run_at', '=', iso(expectedNextRunAt, 'expectedNextRunAt'))
        .executeTakeFirst();
      return changed(res) > 0;
    },
  };
}
