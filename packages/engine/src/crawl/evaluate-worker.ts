/** Worker thread of WorkerEvaluatorPool: evaluates pages of one recipe with the static evaluator. */
import { parentPort, workerData } from 'node:worker_threads';
import { extractStatic } from '@scrapifie/extract';
import type { PageSpec } from '@scrapifie/recipe';
import { toScrapifieError } from '@scrapifie/recipe';
import { SpecCache, type EvaluationContext } from './evaluator.ts';

export interface EvaluateJob {
  id: number;
  specPath: string;
  body: Uint8Array | string;
  ctx: EvaluationContext;
}

const specs = new SpecCache((workerData as { page: PageSpec }).page);
const port = parentPort;
if (!port) throw new Error('evaluate-worker.ts runs as a worker thread');

port.on('message', (job: EvaluateJob) => {
  try {
    port.postMessage({ id: job.id, outcome: extractStatic(specs.get(job.specPath), job.specPath, job.body, job.ctx) });
  } catch (e) {
    const err = toScrapifieError(e);
    port.postMessage({ id: job.id, error: { code: err.code, message: err.message, retryable: err.retryable, issues: err.issues } });
  }
});
