import type { RequestCounts, StoredRun } from '@scrapifie/engine';
import { ScrapifieError, type ErrorCode, type RunProgress, type RunStatus } from '@scrapifie/recipe';
import type { ApiContext } from '../context.ts';
import { canSeeRun } from './workspace-runs.ts';

export interface RunListItem {
  runId: string;
  name: string;
  status: RunStatus;
  active: boolean;
  createdAt: string;
  updatedAt: string;
  progress: RunProgress | null;
}

export interface RunView extends RunListItem {
  counts: RequestCounts;
  failures: Partial<Record<ErrorCode, number>>;
}

export async function getRunOrThrow(ctx: ApiContext, runId: string, what = 'run'): Promise<StoredRun> {
  // A run of another workspace is not found, exactly as a run that does not exist (its existence is not told).
  const run = (await canSeeRun(ctx, runId)) ? await ctx.services.store.getRun(runId) : null;
  if (!run) throw new ScrapifieError('NOT_FOUND', `No ${what} "${runId}"`);
  return run;
}

export function listItem(ctx: ApiContext, run: StoredRun): RunListItem {
  const { launcher } = ctx.services;
  return {
    runId: run.id,
    name: run.recipe.name,
    status: run.status,
    active: launcher.isActive(run.id),
    createdAt: run.createdAt,
    updatedAt: run.updatedAt,
    progress: launcher.progress(run.id) ?? run.summary?.progress ?? null,
  };
}

export async function runView(ctx: ApiContext, run: StoredRun): Promise<RunView> {
  const [counts, failures] = await Promise.all([ctx.services.store.counts(run.id), ctx.services.store.failureCounts(run.id)]);
  return { ...listItem(ctx, run), counts, failures };
}
