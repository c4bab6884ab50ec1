import type { Consumer, Queue } from '@scrapifie/engine';

/** What describeQueue needs from an adapter: a fresh, empty queue per test. */
export interface QueueFixture {
  queue: Queue;
  /** Another handle on the same backing store (another process would open one). */
  connect(): Promise<Queue>;
  /** Removes what the fixture made (the suite closes the queues itself). */
  cleanup(): Promise<void>;
}

export type QueueFactory = () => Promise<QueueFixture>;

/** What each describeQueue case works on. */
export interface QueueContext {
  fixture: QueueFixture;
  queue: Queue;
  /** Consumers and extra handles, closed after the test. */
  consumers: Consumer[];
  handles: Queue[];
}

/** Waits until `check` returns true, polling; fails with `what` after `timeoutMs`. */
export async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A promise with its resolve function, for handlers that wait on the test. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((r) => (open = r));
  return { promise, open };
}
