import { ScrapifieError } from '@scrapifie/recipe';

/**
 * The queues work is delivered on: one per fetch tier, plus webhook deliveries and cleanup.
 * The Store is the record of what was done; a Queue only delivers work (at least once).
 */
export const QUEUE_NAMES = ['scrape:http', 'scrape:browser', 'scrape:stealth', 'webhook', 'cleanup'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** The largest priority number (the lowest priority); BullMQ's limit less one. */
export const MAX_PRIORITY = 2_097_150;

export interface Backoff {
  /** fixed: delayMs every time; exponential: delayMs * 2^(attempt - 1). */
  type: 'fixed' | 'exponential';
  delayMs: number;
  /** 0..1: the delay is drawn from [delay * (1 - jitter), delay]. Default 0. */
  jitter?: number | undefined;
}

export interface EnqueueOptions {
  /** Whole number 0..MAX_PRIORITY; lower runs first, ties in enqueue order. Default 0. See priorityForSize. */
  priority?: number | undefined;
  /** Tries in all, the first included. Default 1. */
  attempts?: number | undefined;
  /** Wait between tries. Default: retry at once. */
  backoff?: Backoff | undefined;
  /** Do not deliver before this many ms from now. */
  delayMs?: number | undefined;
  /**
   * Idempotent enqueue: a job whose id is still queued, active, failed or retained is not added again.
   * Letters, digits, '.', '_' and '-' only (not a bare integer), at most 200 characters.
   */
  jobId?: string | undefined;
  /** The run the job belongs to: cancelRun(runId) drops it. */
  runId?: string | undefined;
}

export interface NewJob<T = unknown> {
  data: T;
  opts?: EnqueueOptions | undefined;
}

export interface QueuedJob<T = unknown> {
  id: string;
  queue: QueueName;
  data: T;
  runId: string | undefined;
  /** 1 on the first try. */
  attempt: number;
  maxAttempts: number;
}

/**
 * Handles one job. Resolving acknowledges it (done, removed). Throwing fails this try: the job is
 * retried after its backoff while tries remain, unless the error is permanent (isPermanentJobError).
 * The signal aborts when the job's run is cancelled or the consumer is closed with `abort`.
 */
export type JobHandler<T = unknown> = (job: QueuedJob<T>, signal: AbortSignal) => Promise<void>;

export interface ConsumeOptions {
  /** Jobs handled at once by this consumer (at least 1). */
  concurrency: number;
}

export interface Consumer {
  /** Stops taking jobs and waits for the in-flight ones; with abort: true their signals abort first. */
  close(opts?: { abort?: boolean }): Promise<void>;
}

export interface QueueDepth {
  /** Due now and not yet taken. */
  waiting: number;
  /** Due later (a delay, or a retry's backoff). */
  delayed: number;
  active: number;
  /** Failed for good and still retained. */
  failed: number;
}

export interface FailedJob<T = unknown> {
  id: string;
  data: T;
  runId: string | undefined;
  /** Tries made. */
  attempts: number;
  reason: string;
}

/**
 * Work delivery. At least once: a job may be delivered again after a crash, so handlers write
 * idempotently (the Store's unique keys make that cheap).
 */
export interface Queue {
  /** Adds jobs in order. Returns each job's id, or null for a job of a cancelled run (not added). */
  enqueue<T>(queue: QueueName, jobs: NewJob<T>[]): Promise<Array<string | null>>;
  /** Starts handling jobs of `queue` until the consumer is closed. */
  consume<T>(queue: QueueName, handler: JobHandler<T>, opts: ConsumeOptions): Consumer;
  /**
   * Cancels a run on every queue: its queued jobs are dropped, its active jobs' signals abort (within
   * about a second, on every consumer), and later enqueues for it are refused. Returns the jobs dropped.
   */
  cancelRun(runId: string): Promise<number>;
  depth(queue: QueueName): Promise<QueueDepth>;
  /** Jobs that failed for good, newest first. */
  failed<T = unknown>(queue: QueueName, limit: number): Promise<FailedJob<T>[]>;
  close(): Promise<void>;
}

/** The priority that sends smaller jobs (fewer requests) first. */
export function priorityForSize(requests: number): number {
  if (!Number.isFinite(requests) || requests < 0) throw new RangeError(`job size must be a number >= 0, got ${requests}`);
  return Math.min(MAX_PRIORITY, Math.round(requests));
}

/** A failure that retrying cannot fix: a non-retryable ScrapifieError (bad input, not found, ...). */
export function isPermanentJobError(e: unknown): boolean {
  return e instanceof ScrapifieError && !e.retryable;
}

/** The wait before the next try after `attemptsMade` failed tries (the same formula as BullMQ's). */
export function backoffDelayMs(backoff: Backoff | undefined, attemptsMade: number, random: () => number = Math.random): number {
  if (!backoff) return 0;
  const full = backoff.type === 'fixed' ? backoff.delayMs : Math.round(2 ** (attemptsMade - 1) * backoff.delayMs);
  const jitter = backoff.jitter ?? 0;
  return jitter > 0 ? Math.floor(random() * full * jitter + full * (1 - jitter)) : full;
}

const JOB_ID = /^[A-Za-z0-9_.-]{1,200}$/;

/** Checks enqueue options, naming the bad one. Both adapters call it, so both accept the same jobs. */
export function validateEnqueueOptions(opts: EnqueueOptions = {}): void {
  const bad = (what: string): never => {
    throw new ScrapifieError('INVALID_INPUT', `Invalid job option: ${what}`);
  };
  const { priority, attempts, backoff, delayMs, jobId, runId } = opts;
  if (priority !== undefined && (!Number.isInteger(priority) || priority < 0 || priority > MAX_PRIORITY))
    bad(`priority must be a whole number from 0 to ${MAX_PRIORITY}, got ${priority}`);
  if (attempts !== undefined && (!Number.isInteger(attempts) || attempts < 1)) bad(`attempts must be a whole number >= 1, got ${attempts}`);
  if (backoff !== undefined) {
    if (backoff.type !== 'fixed' && backoff.type !== 'exponential') bad(`backoff.type must be "fixed" or "exponential", got ${String(backoff.type)}`);
    if (!Number.isFinite(backoff.delayMs) || backoff.delayMs < 0) bad(`backoff.delayMs must be a number >= 0, got ${backoff.delayMs}`);
    if (backoff.jitter !== undefined && !(backoff.jitter >= 0 && backoff.jitter <= 1)) bad(`backoff.jitter must be within 0..1, got ${backoff.jitter}`);
  }
  if (delayMs !== undefined && (!Number.isFinite(delayMs) || delayMs < 0)) bad(`delayMs must be a number >= 0, got ${delayMs}`);
  if (jobId !== undefined && (!JOB_ID.test(jobId) || /^-?\d+$/.test(jobId)))
    bad(`jobId "${jobId}" must be 1 to 200 letters, digits, '.', '_' or '-', and not a bare integer`);
  if (runId !== undefined && (typeof runId !== 'string' || runId.length === 0 || runId.length > 200)) bad('runId must be a non-empty string');
}

export function assertQueueName(name: string): asserts name is QueueName {
  if (!(QUEUE_NAMES as readonly string[]).includes(name)) {
    throw new ScrapifieError('INVALID_INPUT', `Unknown queue "${name}": expected one of ${QUEUE_NAMES.join(', ')}`);
  }
}
