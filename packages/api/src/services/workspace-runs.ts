import type { StoredRun } from '@scrapifie/engine';
import { workspaceProxies } from './workspace-proxies.ts';
import type { ApiContext } from '../context.ts';
import type { StartRunRequest } from '../launcher/types.ts';
import { usageMeterOf } from '../metering/meter.ts';
import { planPages, reservePages, settleReservation, type PageReservation } from '../metering/quotas.ts';

/**
 * The workspace whose runs the caller may see, or null when it sees every run: the local owner (desktop, a loopback
 * `serve` without authentication) and any runtime without an AppStore keep seeing all runs, as before workspaces.
 */
export function runScopeOf(ctx: ApiContext): string | null {
  const p = ctx.principal;
  if (!ctx.services.app || p.kind === 'local' || p.kind === 'anonymous') return null;
  return p.workspaceId;
}

/** Whether the caller may see the run: always outside a workspace scope, else only a run its workspace started. */
export async function canSeeRun(ctx: ApiContext, runId: string): Promise<boolean> {
  const scope = runScopeOf(ctx);
  if (scope === null) return true;
  return (await ctx.services.app!.runWorkspace(runId)) === scope;
}

/** The caller's recent runs, newest first: the store's list, or in a workspace scope that workspace's runs. */
export async function visibleRuns(ctx: ApiContext, limit: number): Promise<StoredRun[]> {
  const scope = runScopeOf(ctx);
  if (scope === null) return ctx.services.store.listRuns(limit);
  const ids = await ctx.services.app!.runIdsOf(scope, limit);
  const runs = await Promise.all(ids.map((id) => ctx.services.store.getRun(id)));
  return runs.filter((r): r is StoredRun => r !== null);
}

/**
 * Starts a run for the caller: in a workspace (an AppStore and a workspace to act in) it first reserves the pages the
 * run may fetch against the workspace's quota (QUOTA_EXCEEDED, 402, when they are not left), then records the run as
 * the workspace's and meters its usage, giving back the unused reservation at its end. Elsewhere it just starts.
 */
export async function launchRun(ctx: ApiContext, req: StartRunRequest): Promise<string> {
  const { app, launcher, quotas, clock } = ctx.services;
  const workspaceId = ctx.principal.workspaceId;
  if (!app || !workspaceId) return (await launcher.start(req)).runId;
  const plan = planPages(quotas, req.recipe);
  req = { ...req, proxies: req.proxies ?? (await workspaceProxies(ctx, plan.recipe)) };
  const reservation: PageReservation | null = plan.pages === null ? null : await reservePages(app, quotas!, workspaceId, plan.pages, clock.now());
  let runId: string;
  try {
    runId = (await launcher.start({ ...req, recipe: plan.recipe })).runId;
  } catch (e) {
    if (reservation) await settleReservation(app, reservation, 0).catch((err: unknown) => ctx.logger.error('quota refund failed', { error: err instanceof Error ? err.message : String(err) }));
    throw e;
  }
  usageMeterOf(ctx.services)!.track(runId, workspaceId, reservation);
  await app.recordRunWorkspace(runId, workspaceId, new Date(clock.now()).toISOString());
  return runId;
}
