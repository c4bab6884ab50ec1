import type { RunEvent } from '@scrapifie/recipe';
import type { RunLauncher } from '../launcher/types.ts';

/** The events a webhook may subscribe to. */
export const WEBHOOK_EVENTS = ['run.started', 'run.completed', 'run.failed', 'run.partially_completed', 'run.items'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];
/** Sent only by the `test` procedure, to one webhook, whatever it subscribes to. */
export const TEST_EVENT = 'webhook.test';

/** What every delivery's body is. */
export interface WebhookPayload {
  type: string;
  /** ISO 8601: when the event happened. */
  timestamp: string;
  data: Record<string, unknown>;
}

export interface ItemBatching {
  /** A run.items event when this many rows are waiting. */
  rows: number;
  /** ... or this long after the first waiting row. */
  intervalMs: number;
}

export type EmitFn = (type: WebhookEventType, data: Record<string, unknown>) => Promise<void>;

const FINISHED: Partial<Record<string, WebhookEventType>> = {
  completed: 'run.completed',
  failed: 'run.failed',
  partially_completed: 'run.partially_completed',
};

/** The REST link to a run's rows from `offset` on (the receiver pages on with nextCursor). */
export function resultsLink(base: string, runId: string): string {
  return `${base.replace(/\/$/, '')}/api/v1/runs/${encodeURIComponent(runId)}/results`;
}

/**
 * Follows one run's events and turns them into webhook events: run.started, item batches (run.items: the rows'
 * count and a results link, every `rows` rows or `intervalMs`), and the end (run.completed/failed/partially_completed;
 * a cancelled run sends no end event). Events already past when it starts are taken from the launcher's journal,
 * so the caller may start watching after launcher.start resolved. Emits in order; resolves when the run is over.
 */
export async function watchRun(launcher: RunLauncher, runId: string, emit: EmitFn, opts: { batching: ItemBatching; baseUrl: string; signal?: AbortSignal }): Promise<void> {
  // Subscribing and reading the journal in the same tick: the journal holds what came before, the stream what comes after.
  const stream = launcher.subscribe(runId, opts.signal);
  const before = launcher.recentEvents(runId, 1000).map((l) => l.event);
  const link = resultsLink(opts.baseUrl, runId);
  let chain = Promise.resolve();
  const send = (type: WebhookEventType, data: Record<string, unknown>): void => {
    chain = chain.then(() => emit(type, data));
  };
  let pending = 0;
  let total = 0;
  let timer: NodeJS.Timeout | null = null;
  const flush = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (pending === 0) return;
    send('run.items', { runId, count: pending, totalItems: total, offset: total - pending, resultsUrl: link });
    pending = 0;
  };
  let finished = false;
  const handle = (e: RunEvent): void => {
    if (finished) return;
    if (e.type === 'run.started') send('run.started', { runId, recipeName: e.recipeName, resumed: e.resumed });
    else if (e.type === 'items.extracted' && e.count > 0) {
      pending += e.count;
      total += e.count;
      if (pending >= opts.batching.rows) flush();
      else timer ??= setTimeout(flush, opts.batching.intervalMs);
    } else if (e.type === 'run.finished') {
      finished = true;
      flush();
      const type = FINISHED[e.status];
      const p = e.progress;
      if (type) send(type, { runId, status: e.status, items: p.items, pagesDone: p.pagesDone, pagesFailed: p.pagesFailed, elapsedMs: p.elapsedMs, resultsUrl: link });
    }
  };
  try {
    for (const e of before) handle(e);
    for await (const e of stream) handle(e);
  } finally {
    flush();
    await chain;
  }
}
