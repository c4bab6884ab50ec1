import { dirname, resolve } from 'node:path';
import type { Logger } from '@scrapifie/engine';
import { openPgAppStore } from '@scrapifie/store-postgres';
import { fireDueSchedules } from '@scrapifie/api';
import type { ClusterConfig } from '../cluster/config.ts';
import { openClusterRuntime } from '../cluster/runtime.ts';
import { loadSchedules, nextFire, type Schedule } from '../cluster/schedules.ts';
import { EXIT } from './exit-codes.ts';
import { readRecipeFile } from './recipe-file.ts';

const RETENTION_EVERY_MS = 3_600_000;

/**
 * `scrapifie scheduler`: starts the runs of cron schedules (the workspaces' library schedules in Postgres, and the
 * SCRAPIFIE_SCHEDULES file), deletes finished runs past the
 * retention (SCRAPIFIE_RETENTION_DAYS), and reconciles (leases, runs Redis lost). Several may run: each fire is claimed
 * once in Redis.
 */
export async function schedulerCommand(o: { cluster: ClusterConfig; logger: Logger; stderr: NodeJS.WritableStream; signal: AbortSignal; tickMs?: number }): Promise<number> {
  const schedules: Schedule[] = o.cluster.schedulesFile ? await loadSchedules(o.cluster.schedulesFile) : [];
  const base = o.cluster.schedulesFile ? dirname(resolve(o.cluster.schedulesFile)) : process.cwd();
  const rt = await openClusterRuntime(o.cluster, 'scheduler', { logger: o.logger });
  // The library schedules live in the AppStore on the same database (openClusterRuntime checked DATABASE_URL).
  const app = await openPgAppStore({ connectionString: o.cluster.databaseUrl!, schema: o.cluster.pgSchema, allowUnsafe: o.cluster.allowUnsafe, logger: o.logger, max: 2 }).catch(async (e: unknown) => {
    await rt.close();
    throw e;
  });
  const next = new Map(schedules.map((s) => [s.name, nextFire(s, Date.now())]));
  let lastRetention = 0;
  const tick = async (): Promise<void> => {
    const now = Date.now();
    for (const s of schedules) {
      const at = next.get(s.name) as number;
      if (at > now) continue;
      next.set(s.name, nextFire(s, now));
      const claimed = await rt.redis.set(`${o.cluster.queuePrefix}:schedule:${s.name}:${at}`, String(process.pid), 'PX', 86_400_000, 'NX');
      if (claimed !== 'OK') continue;
      const recipe = await readRecipeFile(resolve(base, s.recipe));
      const runId = await rt.executor.submit({ recipe });
      o.logger.info('scheduled run submitted', { schedule: s.name, runId, firedAt: new Date(at).toISOString() });
    }
    await fireDueSchedules({
      app,
      logger: o.logger,
      now,
      // A library schedule's run belongs to its workspace: its members see it, its usage counts there.
      start: async (run) => {
        const runId = await rt.executor.submit({ recipe: run.recipe, inputRows: run.inputRows });
        await app.recordRunWorkspace(runId, run.schedule.workspaceId, new Date().toISOString());
        return runId;
      },
    });
    if (o.cluster.retentionDays > 0 && now - lastRetention >= RETENTION_EVERY_MS) {
      lastRetention = now;
      const deleted = await rt.cluster.deleteFinishedRuns(o.cluster.retentionDays * 86_400_000);
      if (deleted > 0) o.logger.info('retention: deleted finished runs', { deleted, olderThanDays: o.cluster.retentionDays });
    }
  };
  try {
    rt.reconciler.start();
    o.stderr.write(`scrapifie scheduler ready: ${schedules.length} schedule(s), retention ${o.cluster.retentionDays} days\n`);
    while (!o.signal.aborted) {
      await tick().catch((e: unknown) => o.logger.error('scheduler pass failed', { error: (e as Error).message }));
      await new Promise<void>((r) => {
        const t = setTimeout(r, o.tickMs ?? 1000);
        o.signal.addEventListener('abort', () => (clearTimeout(t), r()), { once: true });
      });
    }
    return EXIT.OK;
  } finally {
    await app.close();
    await rt.close();
  }
}
