import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SpawnWorker, WorkerHandle, WorkerToMainMessage } from './protocol.ts';

/** The worker's entry point when run from source (tests, `node` without a build). */
export const WORKER_SOURCE_ENTRY = fileURLToPath(new URL('./crawl-worker-main.ts', import.meta.url));

/** Starts crawl workers as Node child processes (child_process.fork). The app itself uses Electron's utilityProcess. */
export function forkWorkers(entry = WORKER_SOURCE_ENTRY, opts: { env?: NodeJS.ProcessEnv; execArgv?: string[] } = {}): SpawnWorker & { pids: number[] } {
  const pids: number[] = [];
  const spawn: SpawnWorker & { pids: number[] } = Object.assign((): WorkerHandle => {
    const child = fork(entry, [], { env: opts.env ?? process.env, execArgv: opts.execArgv ?? [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
    if (child.pid !== undefined) pids.push(child.pid);
    const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? `exit code ${code}`)));
    return {
      postMessage: (m) => void child.send(m),
      onMessage: (l) => void child.on('message', (m) => l(m as WorkerToMainMessage)),
      onExit: (l) => void exited.then(l),
      kill: () => void child.kill('SIGKILL'),
    };
  }, { pids });
  return spawn;
}
