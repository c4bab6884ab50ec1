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

/** `serve --mode worker|scheduler|all` (mode api is plain `serve`). `all` on the cluster runs a worker and a scheduler in this process. */
export async function serveMode(mode: string, i: ClusterCommandInput): Promise<number> {
  if (mode === 'worker' || mode === 'scheduler') return clusterCommand(mode, i);
  if (mode !== 'all') throw new InvalidInputError('INVALID_INPUT', `--mode must be all, api, worker or scheduler, got "${mode}"`, [{ path: '--mode', message: 'unknown mode' }]);
  const [worker, scheduler] = await Promise.all([clusterCommand('worker', i), clusterCommand('scheduler', i)]);
  return Math.max(worker, scheduler);
}
