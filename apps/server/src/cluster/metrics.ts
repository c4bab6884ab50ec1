import { domainKey, type QueueName, type SharedBreakerState } from '@scrapifie/engine';
import type { RunEvent } from '@scrapifie/recipe';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface MetricsSources {
  queueDepth?: ((q: QueueName) => Promise<{ waiting: number; delayed: number; active: number; failed: number }>) | undefined;
  queues: QueueName[];
  breakerState?: ((domain: string) => Promise<SharedBreakerState>) | undefined;
}

/** The node's Prometheus metrics: pages and errors by class, fetch latency, queue depths and breaker states. */
export class ClusterMetrics {
  readonly registry = new Registry();
  private readonly pages: Counter<'tier'>;
  private readonly errors: Counter<'code'>;
  private readonly latency: Histogram<'tier'>;
  private readonly batches: Counter<'outcome'>;
  /** Domains this node has fetched (their breakers are reported). */
  private readonly domains = new Set<string>();

  constructor(sources: MetricsSources) {
    collectDefaultMetrics({ register: this.registry, prefix: 'scrapifie_process_' });
    this.pages = new Counter({ name: 'scrapifie_pages_total', help: 'Pages fetched, by fetch tier (rate() gives pages/s per tier)', labelNames: ['tier'], registers: [this.registry] });
    this.errors = new Counter({ name: 'scrapifie_request_errors_total', help: 'Failed request attempts, by error class', labelNames: ['code'], registers: [this.registry] });
    this.latency = new Histogram({
      name: 'scrapifie_fetch_seconds',
      help: 'Fetch latency by tier',
      labelNames: ['tier'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [this.registry],
    });
    this.batches = new Counter({ name: 'scrapifie_batches_total', help: 'Batch jobs handled by this node', labelNames: ['outcome'], registers: [this.registry] });
    const depth = sources.queueDepth;
    new Gauge({
      name: 'scrapifie_queue_jobs',
      help: 'Jobs per queue and state',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        if (!depth) return;
        for (const q of sources.queues) {
          const d = await depth(q);
          for (const [state, n] of Object.entries(d)) this.set({ queue: q, state }, n);
        }
      },
    });
    const breakers = sources.breakerState;
    const domains = this.domains;
    new Gauge({
      name: 'scrapifie_breaker_open',
      help: 'Per-domain circuit breakers of the cluster (1 open, 0 closed), for domains this node has fetched',
      labelNames: ['domain'],
      registers: [this.registry],
      async collect() {
        if (!breakers) return;
        for (const domain of domains) this.set({ domain }, (await breakers(domain)) === 'open' ? 1 : 0);
      },
    });
  }

  onEvent(e: RunEvent): void {
    if (e.type === 'page.fetched') {
      this.pages.inc({ tier: e.tier });
      try {
        this.domains.add(domainKey(e.url));
      } catch {
        // a URL without a domain has no breaker
      }
      this.latency.observe({ tier: e.tier }, e.ms / 1000);
    } else if (e.type === 'request.failed') {
      this.errors.inc({ code: e.code });
    }
  }

  batch(outcome: string): void {
    this.batches.inc({ outcome });
  }
}
