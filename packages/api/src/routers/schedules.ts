import { z } from 'zod';
import type { Schedule } from '@scrapifie/engine';
import { ApiError } from '../errors.ts';
import { InputRowSchema } from '../schemas/common.ts';
import { nextCronRun } from '../schedules/cron.ts';
import { appCall } from '../services/app-errors.ts';
import { appOf, workspaceOf } from '../services/app.ts';
import type { ApiContext } from '../context.ts';
import { editorProcedure, router, viewerProcedure } from '../trpc.ts';

const ScheduleIdSchema = z.uuid('a schedule id is a UUID');
const Fields = {
  name: z.string().trim().min(1, 'a name is required').max(100),
  cron: z.string().trim().min(1, 'a cron expression is required').max(200).describe('Five or six fields, e.g. "0 6 * * 1-5" (06:00 on weekdays)'),
  timezone: z.string().min(1).max(100).describe('IANA time zone the expression is read in, e.g. "Europe/Paris"'),
  input: z.strictObject({ rows: z.array(InputRowSchema).max(10_000).optional().describe("Rows for the recipe's start.input"), concurrency: z.number().int().min(1).max(64).optional() }).nullable(),
};

const ScheduleView = z.object({
  id: z.string(),
  recipeId: z.string(),
  name: z.string(),
  cron: z.string(),
  timezone: z.string(),
  enabled: z.boolean(),
  nextRunAt: z.string().nullable().describe('When it fires next (null: disabled or never again)'),
  lastRunAt: z.string().nullable(),
  input: z.record(z.string(), z.unknown()).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

function view(s: Schedule): z.infer<typeof ScheduleView> {
  const input = s.input !== null && typeof s.input === 'object' && !Array.isArray(s.input) ? (s.input as Record<string, unknown>) : null;
  return { id: s.id, recipeId: s.recipeId, name: s.name, cron: s.cron, timezone: s.timezone, enabled: s.enabled, nextRunAt: s.nextRunAt, lastRunAt: s.lastRunAt, input, createdAt: s.createdAt, updatedAt: s.updatedAt };
}

const TAGS = ['schedules'];
const notFound = (id: string) => new ApiError('NOT_FOUND', `No schedule ${id} in this workspace`);

async function existing(ctx: ApiContext, id: string): Promise<Schedule> {
  const s = await appOf(ctx).getSchedule(workspaceOf(ctx), id);
  if (!s) throw notFound(id);
  return s;
}

async function patch(ctx: ApiContext, id: string, changes: Parameters<ReturnType<typeof appOf>['updateSchedule']>[2]): Promise<Schedule> {
  const updated = await appCall(() => appOf(ctx).updateSchedule(workspaceOf(ctx), id, changes));
  if (!updated) throw notFound(id);
  return updated;
}

export const schedulesRouter = router({
  create: editorProcedure
    .meta({ openapi: { method: 'POST', path: '/schedules', tags: TAGS, summary: 'Schedule a library recipe', description: 'Runs the latest version of the recipe at each time the cron expression names.' }, successStatus: 201 })
    .input(z.strictObject({ recipeId: z.uuid('a recipe id is a UUID'), name: Fields.name, cron: Fields.cron, timezone: Fields.timezone.default('UTC'), enabled: z.boolean().default(true), input: Fields.input.optional() }))
    .output(ScheduleView)
    .mutation(async ({ ctx, input }) => {
      const next = nextCronRun(input.cron, input.timezone, ctx.services.clock.now());
      const created = await appCall(() =>
        appOf(ctx).createSchedule({ workspaceId: workspaceOf(ctx), recipeId: input.recipeId, name: input.name, cron: input.cron, timezone: input.timezone, enabled: input.enabled, nextRunAt: input.enabled ? next : null, input: input.input ?? undefined }),
      );
      ctx.logger.debug('schedule created', { scheduleId: created.id, recipeId: created.recipeId, nextRunAt: created.nextRunAt });
      return view(created);
    }),

  list: viewerProcedure
    .meta({ openapi: { method: 'GET', path: '/schedules', tags: TAGS, summary: 'List schedules' } })
    .input(z.strictObject({}))
    .output(z.object({ schedules: z.array(ScheduleView) }))
    .query(async ({ ctx }) => ({ schedules: (await appOf(ctx).listSchedules(workspaceOf(ctx))).map(view) })),

  get: viewerProcedure
    .meta({ openapi: { method: 'GET', path: '/schedules/{scheduleId}', tags: TAGS, summary: 'A schedule' } })
    .input(z.strictObject({ scheduleId: ScheduleIdSchema }))
    .output(ScheduleView)
    .query(async ({ ctx, input }) => view(await existing(ctx, input.scheduleId))),

  update: editorProcedure
    .meta({ openapi: { method: 'PATCH', path: '/schedules/{scheduleId}', tags: TAGS, summary: 'Change a schedule', description: 'Only the fields given change; a new cron expression or zone recomputes nextRunAt.' } })
    .input(z.strictObject({ scheduleId: ScheduleIdSchema, name: Fields.name.optional(), cron: Fields.cron.optional(), timezone: Fields.timezone.optional(), input: Fields.input.optional() }))
    .output(ScheduleView)
    .mutation(async ({ ctx, input }) => {
      const before = await existing(ctx, input.scheduleId);
      const cron = input.cron ?? before.cron;
      const timezone = input.timezone ?? before.timezone;
      const next = nextCronRun(cron, timezone, ctx.services.clock.now());
      const timing = input.cron !== undefined || input.timezone !== undefined ? { cron, timezone, nextRunAt: before.enabled ? next : null } : {};
      return view(await patch(ctx, input.scheduleId, { name: input.name, input: input.input, ...timing }));
    }),

  delete: editorProcedure
    .meta({ openapi: { method: 'DELETE', path: '/schedules/{scheduleId}', tags: TAGS, summary: 'Delete a schedule' } })
    .input(z.strictObject({ scheduleId: ScheduleIdSchema }))
    .output(z.object({ deleted: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      if (!(await appCall(() => appOf(ctx).deleteSchedule(workspaceOf(ctx), input.scheduleId)))) throw notFound(input.scheduleId);
      return { deleted: true as const };
    }),

  enable: editorProcedure
    .meta({ openapi: { method: 'POST', path: '/schedules/{scheduleId}/enable', tags: TAGS, summary: 'Enable a schedule', description: 'It fires next at its next cron time from now (missed times are not caught up).' } })
    .input(z.strictObject({ scheduleId: ScheduleIdSchema }))
    .output(ScheduleView)
    .mutation(async ({ ctx, input }) => {
      const s = await existing(ctx, input.scheduleId);
      return view(await patch(ctx, s.id, { enabled: true, nextRunAt: nextCronRun(s.cron, s.timezone, ctx.services.clock.now()) }));
    }),

  disable: editorProcedure
    .meta({ openapi: { method: 'POST', path: '/schedules/{scheduleId}/disable', tags: TAGS, summary: 'Disable a schedule' } })
    .input(z.strictObject({ scheduleId: ScheduleIdSchema }))
    .output(ScheduleView)
    .mutation(async ({ ctx, input }) => view(await patch(ctx, input.scheduleId, { enabled: false, nextRunAt: null }))),
});
