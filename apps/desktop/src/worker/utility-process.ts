import type { SpawnWorker, WorkerToMainMessage } from './protocol.ts';

/** The part of Electron's utilityProcess used here (main.ts passes the real one). */
export interface UtilityProcessLike {
  fork(modulePath: string, args?: string[], options?: { serviceName?: string; stdio?: 'inherit' | 'ignore' | 'pipe' }): {
    postMessage(message: unknown): void;
    on(event: 'message', listener: (message: unknown) => void): unknown;
    once(event: 'exit', listener: (code: number) => void): unknown;
    kill(): boolean;
  };
}

/** Starts crawl workers as Electron utility processes (a Node process each, off the main process's event loop). */
export function utilityProcessWorkers(utilityProcess: UtilityProcessLike, entry: string): SpawnWorker {
  return () => {
    const child = utilityProcess.fork(entry, [], { serviceName: 'Scrapifie crawl worker', stdio: 'inherit' });
    const exited = new Promise<string>((resolve) => child.once('exit', (code) => resolve(`exit code ${code}`)));
    return {
      postMessage: (m) => child.postMessage(m),
      onMessage: (l) => void child.on('message', (m) => l(m as WorkerToMainMessage)),
      onExit: (l) => void exited.then(l),
      kill: () => void child.kill(),
    };
  };
}
