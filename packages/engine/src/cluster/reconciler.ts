import { silentLogger, type Logger } from '../ports/logger.ts';
import type { ClusterStore } from '../ports/cluster-store.ts';
import type { ClusterExecutor } from './executor.ts';

export interface ReconcilerOptions {
  cluster: ClusterStore;
  executor: ClusterExecutor;
  /** Leases older than this are expired (a dead worker's claims go back to pending). Default 30 s. */
  leaseMs?: number | undefined;
  /** A run with work but no sign of life for this long gets fresh batch jobs. Default 60 s. */
  staleMs?: number | undefined;
  intervalMs?: number | undefined;
  logger?: Logger | undefined;
}

/**
 * Postgres is the record, Redis only delivers: after a worker dies its leased requests go back to pending, and after
 * Redis lost its jobs (a restart without persistence, jobs failed for good) runs that Postgres still shows open get
 * their batches enqueued again. Safe to run on every node: each stalled run is claimed by one reconciler.
 */
export class Reconciler {
  private readonly o: ReconcilerOptions;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(o: ReconcilerOptions) {
    this.o = o;
  }

  /** One pass: returns how many requests were requeued and runs revived. */
  async tick(): Promise<{ requeued: number; revived: number }> {
    const requeued = await this.o.cluster.requeueExpired(this.o.leaseMs ?? 30_000);
    const stalled = await this.o.cluster.claimStalledRuns(this.o.staleMs ?? 60_000, 100);
    for (const runId of stalled) await this.o.executor.revive(runId);
    if (requeued > 0) (this.o.logger ?? silentLogger).warn('requeued requests whose worker stopped renewing its lease', { requeued });
    return { requeued, revived: stalled.length };
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.tick()
        .then(() => undefined)
        .catch((e: unknown) => (this.o.logger ?? silentLogger).error('reconciler pass failed', { error: (e as Error).message }))
        .finally(() => {
          this.running = null;
        });
    }, this.o.intervalMs ?? 5000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
