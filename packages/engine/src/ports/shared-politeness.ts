import type { Politeness } from '@scrapifie/recipe';

export type SharedBreakerState = 'closed' | 'open';

/**
 * Per-domain politeness that holds across every worker of a cluster: a rate limit (at most
 * politeness.rateLimit.requests fetch starts in any window of rateLimit.perSeconds) and a circuit breaker (open after
 * failureThreshold failures among the last windowSize outcomes, for cooldownMs). Each process's crawl loop keeps its
 * own limits too; this adds the cluster-wide one. In-process (one node): LocalSharedPoliteness; Redis: the queue-bullmq
 * adapter.
 */
export interface SharedPoliteness {
  /** Resolves when `domain` may be fetched once more (the breaker is closed and the rate allows it); rejects on abort. */
  acquire(domain: string, politeness: Politeness, signal?: AbortSignal): Promise<void>;
  /** Records a fetch outcome for the domain's breaker (ok: a response that was not 429 or 5xx). */
  record(domain: string, politeness: Politeness, ok: boolean): Promise<void>;
  breakerState(domain: string): Promise<SharedBreakerState>;
  close(): Promise<void>;
}
