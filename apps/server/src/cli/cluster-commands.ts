import type { Logger } from '@scrapifie/engine';
import { InvalidInputError } from '@scrapifie/recipe';
import type { AppConfig } from '../config.ts';
import { schedulerCommand } from './scheduler-command.ts';
import { cancelCommand, submitCommand } from './submit-command.ts';
import { workerCommand } from './worker-command.ts';

export interface ClusterCommandInput {
  config: AppConfig;
  logger: Logger;
  rest: string[];
  queues: string | undefined;
  concurrency: number | undefined;
  wait: boolean;
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream };
  signal: AbortSignal;
}

/** The team-server commands: worker, scheduler, submit, cancel. */
export async function clusterCommand(command: string, i: ClusterCommandInput): Promise<number> {
  const cluster = i.config.cluster;
  switch (command) {
    case 'worker':
      return workerCommand({ cluster, queues: i.queues, concurrency: i.concurrency, logger: i.logger, stderr: i.io.stderr, signal: i.signal });
    case 'scheduler':
      return schedulerCommand({ cluster, logger: i.logger, stderr: i.io.stderr, signal: i.signal });
    case 'submit':
      return submitCommand({ cluster, recipePath: i.rest[0], wait: i.wait, logger: i.logger, stdout: i.io.stdout, signal: i.signal });
    case 'cancel':
      return cancelCommand({ cluster, runId: i.rest[0], logger: i.logger, stdout: i.io.stdout });
    default:
      throw new InvalidInputError('INVALID_INPUT', `Unknown cluster command "${command}"`);
  }
}

/**
 * `serve --mode worker|scheduler|all` (mode api is plain `serve`). `all` on the team server runs the API, a worker and
 * a scheduler in this process (the smallest complete installation); each stops on the same signal.
 */
export async function serveMode(mode: string, i: ClusterCommandInput, api: (signal: AbortSignal) => Promise<number>): Promise<number> {
  if (mode === 'worker' || mode === 'scheduler') return clusterCommand(mode, i);
  if (mode !== 'all') throw new InvalidInputError('INVALID_INPUT', `--mode must be all, api, worker or scheduler, got "${mode}"`, [{ path: '--mode', message: 'unknown mode' }]);
  // One part failing (a bad setting, a lost database) stops the others: the node is up whole or not at all.
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  i.signal.addEventListener('abort', onSignal, { once: true });
  const part = async (run: () => Promise<number>): Promise<number> => {
    try {
      return await run();
    } catch (e) {
      stop.abort();
      throw e;
    }
  };
  const own = { ...i, signal: stop.signal };
  try {
    const settled = await Promise.allSettled([part(() => api(stop.signal)), part(() => clusterCommand('worker', own)), part(() => clusterCommand('scheduler', own))]);
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    return Math.max(...settled.map((r) => (r as PromiseFulfilledResult<number>).value));
  } finally {
    i.signal.removeEventListener('abort', onSignal);
  }
}
