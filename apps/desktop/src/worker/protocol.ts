/**
 * Messages between the main process and a crawl worker (an Electron utilityProcess in the app,
 * a child_process.fork in tests). Plain objects: both transports copy them with structured clone.
 */
import type { InputRow, RunSummary } from '@scrapifie/engine';
import type { Recipe, RunEvent } from '@scrapifie/recipe';

/** Main -> worker: crawl one run (new, or resume `runId`) into the SQLite file `dbPath`. */
export interface WorkerStartMessage {
  type: 'start';
  dbPath: string;
  runId: string;
  /** A new run's recipe; absent when resuming (the stored run's recipe is used). */
  recipe?: Recipe | undefined;
  resume: boolean;
  inputRows?: readonly InputRow[] | undefined;
  concurrency?: number | undefined;
  /** Worker threads for page parsing inside the worker (runCrawl's evaluatorThreads). */
  evaluatorThreads?: number | undefined;
  /**
   * The secrets the recipe's browser steps name ("shop.password"), by credential name and field: the main process
   * resolves them from the local workspace (the worker cannot open its keychain-protected store). Kept in memory only.
   */
  credentials?: WorkerCredentials | undefined;
}

/** Credential values by name and field, e.g. { shop: { username: 'demo', password: '…' } }. */
export type WorkerCredentials = Record<string, Record<string, string>>;

/** Main -> worker: stop the run (fetches in flight finish, the run ends cancelled and stays resumable). */
export interface WorkerCancelMessage {
  type: 'cancel';
}

export type MainToWorkerMessage = WorkerStartMessage | WorkerCancelMessage;

export type WorkerToMainMessage =
  | { type: 'event'; event: RunEvent }
  | { type: 'done'; summary: RunSummary }
  /** The run could not start or crashed; `code` is the ScrapifieError code when there is one. */
  | { type: 'error'; message: string; code?: string | undefined; started: boolean };

/** What the worker needs of its transport (process.parentPort in Electron, process.send/on in a fork). */
export interface WorkerPort {
  postMessage(message: WorkerToMainMessage): void;
  onMessage(listener: (message: unknown) => void): void;
}

/** What the main process holds of one worker. */
export interface WorkerHandle {
  postMessage(message: MainToWorkerMessage): void;
  onMessage(listener: (message: WorkerToMainMessage) => void): void;
  /** Called once when the worker process ends, however it ends (`reason` says how: exit code or signal). */
  onExit(listener: (reason: string) => void): void;
  kill(): void;
}

/** Starts one worker process. */
export type SpawnWorker = () => WorkerHandle;

export function parseMainMessage(raw: unknown): MainToWorkerMessage {
  if (!raw || typeof raw !== 'object') throw new TypeError('crawl worker: the message is not an object');
  if ((raw as { type?: unknown }).type === 'cancel') return { type: 'cancel' };
  const m = raw as Partial<WorkerStartMessage>;
  if (m.type !== 'start') throw new TypeError(`crawl worker: unknown message type ${JSON.stringify(m.type)}`);
  if (typeof m.dbPath !== 'string' || m.dbPath === '') throw new TypeError('crawl worker: start needs dbPath, the SQLite file');
  if (typeof m.runId !== 'string' || m.runId === '') throw new TypeError('crawl worker: start needs runId');
  if (typeof m.resume !== 'boolean') throw new TypeError('crawl worker: start needs resume (true or false)');
  if (!m.resume && (!m.recipe || typeof m.recipe !== 'object')) throw new TypeError('crawl worker: a new run needs its recipe');
  if (m.credentials !== undefined && !isCredentials(m.credentials)) throw new TypeError('crawl worker: credentials must map names to { field: value } objects of strings');
  return m as WorkerStartMessage;
}

function isCredentials(v: unknown): v is WorkerCredentials {
  const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
  return isRecord(v) && Object.values(v).every((fields) => isRecord(fields) && Object.values(fields).every((x) => typeof x === 'string'));
}
