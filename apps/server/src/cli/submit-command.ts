import type { Logger } from '@scrapifie/engine';
import { ScrapifieError, type RunStatus } from '@scrapifie/recipe';
import type { ClusterConfig } from '../cluster/config.ts';
import { openClusterRuntime } from '../cluster/runtime.ts';
import { exitCodeForStatus, EXIT } from './exit-codes.ts';
import { readRecipeFile } from './recipe-file.ts';

const FINAL: ReadonlySet<RunStatus> = new Set(['completed', 'partially_completed', 'failed', 'cancelled']);

/** `scrapifie submit <recipe.json> [--wait]`: queues a run on the cluster; prints its id (and waits for its end with --wait). */
export async function submitCommand(o: { cluster: ClusterConfig; recipePath: string | undefined; wait: boolean; logger: Logger; stdout: NodeJS.WritableStream; signal: AbortSignal }): Promise<number> {
  if (!o.recipePath) throw new ScrapifieError('INVALID_INPUT', 'scrapifie submit needs a recipe file');
  const recipe = await readRecipeFile(o.recipePath);
  const rt = await openClusterRuntime(o.cluster, 'submit', { logger: o.logger });
  try {
    const runId = await rt.executor.submit({ recipe });
    o.stdout.write(`${runId}\n`);
    if (!o.wait) return EXIT.OK;
    for (;;) {
      if (o.signal.aborted) return EXIT.CANCELLED;
      const run = await rt.store.getRun(runId);
      if (run && FINAL.has(run.status)) {
        o.stdout.write(`${JSON.stringify({ runId, status: run.status, progress: run.summary?.progress, failures: run.summary?.failures })}\n`);
        return exitCodeForStatus(run.status);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await rt.close();
  }
}

/** `scrapifie cancel <run-id>`: cancels a cluster run (queued batches dropped, running ones stop within seconds). */
export async function cancelCommand(o: { cluster: ClusterConfig; runId: string | undefined; logger: Logger; stdout: NodeJS.WritableStream }): Promise<number> {
  if (!o.runId) throw new ScrapifieError('INVALID_INPUT', 'scrapifie cancel needs a run id');
  const rt = await openClusterRuntime(o.cluster, 'cancel', { logger: o.logger });
  try {
    const done = await rt.executor.cancel(o.runId);
    o.stdout.write(done ? `cancelled ${o.runId}\n` : `${o.runId} had already finished\n`);
    return EXIT.OK;
  } finally {
    await rt.close();
  }
}
