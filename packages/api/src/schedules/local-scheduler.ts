import type { ApiContext, ApiServices, RequestInfo } from '../context.ts';
import { startRecipeRun } from '../services/start-run.ts';
import { fireDueSchedules, type FiredSchedule, type ScheduledRun } from './fire.ts';

/**
 * Starts a library schedule's run the way a member of its workspace would through runs.start: start URLs checked by
 * the target policy, the workspace's quota reserved, usage metered, the run recorded as the workspace's, webhooks told.
 */
export function startScheduledRun(contextFor: (req?: RequestInfo) => ApiContext, run: ScheduledRun): Promise<string> {
  const ctx = contextFor({ principal: { kind: 'local', id: `schedule:${run.schedule.id}`, workspaceId: run.schedule.workspaceId, role: 'editor' } });
  return startRecipeRun(ctx, { recipe: run.recipe, inputRows: run.inputRows, recipePath: 'recipe', rowsPath: 'schedule.input' });
}

export interface LocalScheduler {
  /** One pass now (tests, and the first pass at start). */
  tick(): Promise<FiredSchedule[]>;
  stop(): Promise<void>;
}

/**
 * Fires the workspaces' library schedules on a single node (the embedded `serve` and the desktop), every `tickMs`
 * (default 5 s). The team server's `scrapifie scheduler` does the same over Postgres; claims keep either from firing
 * a schedule twice.
 */
export function startLocalScheduler(services: ApiServices, contextFor: (req?: RequestInfo) => ApiContext, opts: { tickMs?: number | undefined } = {}): LocalScheduler {
  const app = services.app;
  let running: Promise<FiredSchedule[]> | null = null;
  const tick = (): Promise<FiredSchedule[]> => {
    if (!app) return Promise.resolve([]);
    running ??= fireDueSchedules({ app, logger: services.logger, now: services.clock.now(), start: (run) => startScheduledRun(contextFor, run) })
      .catch((e: unknown) => {
        services.logger.error('schedule pass failed', { error: e instanceof Error ? e.message : String(e) });
        return [];
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => void tick(), opts.tickMs ?? 5000);
  timer.unref();
  return {
    tick,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
