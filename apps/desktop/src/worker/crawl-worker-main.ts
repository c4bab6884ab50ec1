// The crawl worker process: an Electron utilityProcess in the app (process.parentPort), or a plain
// Node child started with child_process.fork (process.send), as in the tests. Logic: crawl-worker.ts.
import type { WorkerPort, WorkerToMainMessage } from './protocol.ts';
import { serveCrawlWorker } from './crawl-worker.ts';

interface ParentPortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
}

function portOfThisProcess(): WorkerPort {
  const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
  if (parentPort) {
    return { postMessage: (m) => parentPort.postMessage(m), onMessage: (l) => parentPort.on('message', (e) => l(e.data)) };
  }
  if (!process.send) throw new Error('crawl worker: start me with Electron utilityProcess.fork or child_process.fork (no IPC channel)');
  const send = process.send.bind(process);
  return { postMessage: (m: WorkerToMainMessage) => void send(m), onMessage: (l) => process.on('message', l) };
}

await serveCrawlWorker(portOfThisProcess());
// Let the last message leave before the process ends.
setTimeout(() => process.exit(0), 50);
