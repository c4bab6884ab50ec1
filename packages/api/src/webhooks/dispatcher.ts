import { randomUUID } from 'node:crypto';
import { silentLogger, systemClock, type AppStore, type Clock, type Consumer, type Logger, type Queue, type QueuedJob, type Webhook } from '@scrapifie/engine';
import type { TargetPolicy } from '../ssrf/target-policy.ts';
import type { RunLauncher } from '../launcher/types.ts';
import type { SecretCipher } from '../secrets/cipher.ts';
import { TEST_EVENT, watchRun, type ItemBatching, type WebhookEventType, type WebhookPayload } from './events.ts';
import { postWebhook, type AttemptResult } from './post.ts';
import { generateWebhookSecret, signWebhook } from './sign.ts';

/** The purpose signing secrets are encrypted under. */
const WEBHOOK_SECRET_PURPOSE = 'webhook-secret';

/** The Standard Webhooks retry schedule: after the first try, 5 s, 5 min, 30 min, 2 h, 5 h and 10 h (7 attempts, ~17.5 h). */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [5_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 5 * 3_600_000, 10 * 3_600_000];

export interface WebhookDispatcherOptions {
  app: AppStore;
  /** Durable delivery: every attempt is a job on the `webhook` queue; a retry is a delayed job, so it survives a restart. */
  queue: Queue;
  /** Signing secrets are stored encrypted with it (purpose "webhook-secret", a key per workspace). */
  cipher: Pick<SecretCipher, 'encrypt' | 'decrypt'>;
  /** The SSRF guard (server mode): checked on every attempt, and the connection goes through its resolve-and-check. */
  targetPolicy?: TargetPolicy | undefined;
  /** Where run events come from (watchRun). */
  launcher?: RunLauncher | undefined;
  clock?: Clock | undefined;
  logger?: Logger | undefined;
  /** Waits before the 2nd, 3rd, ... attempt. Default DEFAULT_RETRY_DELAYS_MS. */
  retryDelaysMs?: readonly number[] | undefined;
  /** Per attempt. Default 10 s. */
  timeoutMs?: number | undefined;
  /**
   * Disabling: when a message has failed all its attempts and no attempt of any message succeeded for the last
   * `disableAfterMessages` x attempts-per-message attempts (the store's consecutive-failure count), the webhook is
   * disabled. Default 5 (35 failed attempts with the default schedule, at least ~17.5 h of failure).
   */
  disableAfterMessages?: number | undefined;
  /** How long the previous secret keeps signing after a rotation. Default 24 h. */
  rotationGraceMs?: number | undefined;
  /** run.items batching. Default 100 rows or 5 s. */
  itemBatching?: ItemBatching | undefined;
  /** The API's public base URL for links in payloads (results). Default: none, links are absolute paths ("/api/v1/..."). */
  baseUrl?: string | undefined;
  /** Deliveries handled at once by this process. Default 4. */
  concurrency?: number | undefined;
}

/** A job on the webhook queue: one attempt of one message to one webhook. */
interface DeliveryJob {
  webhookId: string;
  workspaceId: string;
  /** The message id (webhook-id header): the same for every attempt. */
  eventId: string;
  eventType: string;
  /** The exact body, kept so every attempt sends the same bytes. */
  body: string;
  attempt: number;
}

export interface SentAttempt extends AttemptResult {
  eventId: string;
  attempt: number;
}

/**
 * Webhook deliveries: signing (Standard Webhooks), durable retries on the Queue, the delivery log, disabling after
 * sustained failure, and the run events that feed them.
 */
export class WebhookDispatcher {
  readonly #o: WebhookDispatcherOptions;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #delays: readonly number[];
  readonly #watches = new Set<AbortController>();
  readonly #watching = new Set<Promise<void>>();
  #consumer: Consumer | null = null;

  constructor(opts: WebhookDispatcherOptions) {
    this.#o = opts;
    this.#clock = opts.clock ?? systemClock;
    this.#logger = (opts.logger ?? silentLogger).child({ component: 'webhooks' });
    this.#delays = opts.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    if (this.#delays.some((d) => !(d >= 0))) throw new RangeError('retryDelaysMs must be numbers >= 0');
  }

  /** Attempts a message gets in all. */
  get attemptsPerMessage(): number {
    return this.#delays.length + 1;
  }

  #nowIso(): string {
    return new Date(this.#clock.now()).toISOString();
  }

  /** Starts taking delivery jobs (also the ones left by a previous process). */
  start(): this {
    this.#consumer ??= this.#o.queue.consume<DeliveryJob>('webhook', (job) => this.#handle(job), { concurrency: this.#o.concurrency ?? 4 });
    return this;
  }

  /** Stops watching runs (pending item batches are sent) and stops taking jobs; queued retries stay queued. */
  async close(): Promise<void> {
    for (const c of this.#watches) c.abort();
    await Promise.all([...this.#watching]);
    await this.#consumer?.close();
    this.#consumer = null;
  }

  // ---- Subscriptions ----

  /** A new webhook and its secret in clear (shown to the caller once, stored encrypted). */
  async create(workspaceId: string, input: { url: string; events: string[] }): Promise<{ webhook: Webhook; secret: string }> {
    const secret = generateWebhookSecret();
    const secretCiphertext = this.#o.cipher.encrypt(workspaceId, WEBHOOK_SECRET_PURPOSE, secret);
    const webhook = await this.#o.app.createWebhook({ workspaceId, url: input.url, events: input.events, secretCiphertext });
    return { webhook, secret };
  }

  /** A new current secret; the previous one keeps signing until `validUntil`. Null when there is no such webhook. */
  async rotateSecret(workspaceId: string, id: string): Promise<{ secret: string; previousValidUntil: string } | null> {
    const secret = generateWebhookSecret();
    const previousValidUntil = new Date(this.#clock.now() + (this.#o.rotationGraceMs ?? 24 * 3_600_000)).toISOString();
    const ok = await this.#o.app.rotateWebhookSecret(workspaceId, id, this.#o.cipher.encrypt(workspaceId, WEBHOOK_SECRET_PURPOSE, secret), previousValidUntil);
    return ok ? { secret, previousValidUntil } : null;
  }

  // ---- Events ----

  /**
   * Queues `type` for every enabled webhook of the workspace subscribed to it. Never throws: a failure to queue is
   * logged (the run goes on).
   */
  async emit(workspaceId: string, type: WebhookEventType, data: Record<string, unknown>): Promise<void> {
    try {
      const hooks = await this.#o.app.webhooksFor(workspaceId, type, this.#nowIso());
      if (hooks.length === 0) return;
      const payload: WebhookPayload = { type, timestamp: this.#nowIso(), data };
      const body = JSON.stringify(payload);
      const eventId = `msg_${randomUUID()}`;
      await this.#o.queue.enqueue<DeliveryJob>(
        'webhook',
        hooks.map((h) => ({ data: { webhookId: h.id, workspaceId, eventId, eventType: type, body, attempt: 1 }, opts: { jobId: jobId(eventId, h.id, 1) } })),
      );
    } catch (e) {
      this.#logger.error('could not queue a webhook event', { workspaceId, type, error: (e as Error).message });
    }
  }

  /** Follows a run of the workspace and sends its events (see watchRun). Returns at once. */
  watchRun(runId: string, workspaceId: string): void {
    const launcher = this.#o.launcher;
    if (!launcher) return;
    const controller = new AbortController();
    this.#watches.add(controller);
    const done = watchRun(launcher, runId, (type, data) => this.emit(workspaceId, type, data), {
      batching: this.#o.itemBatching ?? { rows: 100, intervalMs: 5_000 },
      baseUrl: this.#o.baseUrl ?? '',
      signal: controller.signal,
    })
      .catch((e: unknown) => this.#logger.error('watching a run for webhooks failed', { runId, error: (e as Error).message }))
      .finally(() => {
        this.#watches.delete(controller);
        this.#watching.delete(done);
      });
    this.#watching.add(done);
  }

  /** Sends a `webhook.test` message to one webhook now (one attempt, recorded, no retries). Null: no such webhook. */
  async sendTest(workspaceId: string, id: string): Promise<SentAttempt | null> {
    const hook = await this.#o.app.getWebhook(workspaceId, id, this.#nowIso());
    if (!hook) return null;
    const eventId = `msg_${randomUUID()}`;
    const payload: WebhookPayload = { type: TEST_EVENT, timestamp: this.#nowIso(), data: { webhookId: id, message: 'A test delivery from Scrapifie' } };
    const result = await this.#attempt(hook, eventId, JSON.stringify(payload));
    await this.#o.app.recordDelivery({ webhookId: id, eventId, eventType: TEST_EVENT, attempt: 1, outcome: result.ok ? 'succeeded' : 'failed', responseStatus: result.status, error: result.error, durationMs: result.durationMs });
    return { ...result, eventId, attempt: 1 };
  }

  // ---- Delivery ----

  async #attempt(hook: Webhook, eventId: string, body: string): Promise<AttemptResult> {
    let secrets: string[];
    try {
      secrets = hook.secrets.map((s) => this.#o.cipher.decrypt(hook.workspaceId, WEBHOOK_SECRET_PURPOSE, s.ciphertext));
    } catch (e) {
      return { ok: false, status: null, durationMs: 0, error: `the signing secret could not be decrypted: ${(e as Error).message}` };
    }
    if (secrets.length === 0) return { ok: false, status: null, durationMs: 0, error: 'the webhook has no valid signing secret' };
    const headers = signWebhook(secrets, eventId, Math.floor(this.#clock.now() / 1000), body);
    return postWebhook(hook.url, { ...headers }, body, { timeoutMs: this.#o.timeoutMs ?? 10_000, policy: this.#o.targetPolicy });
  }

  async #handle(job: QueuedJob<DeliveryJob>): Promise<void> {
    const d = job.data;
    const hook = await this.#o.app.getWebhook(d.workspaceId, d.webhookId, this.#nowIso());
    // Deleted or disabled since: the message is dropped (a disabled webhook gets no deliveries, also no retries).
    if (!hook || hook.disabledAt !== null) return;
    const result = await this.#attempt(hook, d.eventId, d.body);
    const { consecutiveFailures } = await this.#o.app.recordDelivery({
      webhookId: d.webhookId,
      eventId: d.eventId,
      eventType: d.eventType,
      attempt: d.attempt,
      outcome: result.ok ? 'succeeded' : 'failed',
      responseStatus: result.status,
      error: result.error,
      durationMs: result.durationMs,
    });
    if (result.ok) return;
    if (d.attempt < this.attemptsPerMessage) {
      const next = d.attempt + 1;
      await this.#o.queue.enqueue<DeliveryJob>('webhook', [{ data: { ...d, attempt: next }, opts: { jobId: jobId(d.eventId, d.webhookId, next), delayMs: this.#delays[d.attempt - 1]! } }]);
      return;
    }
    const threshold = (this.#o.disableAfterMessages ?? 5) * this.attemptsPerMessage;
    if (consecutiveFailures >= threshold) {
      const reason = `disabled after sustained failure: all ${this.attemptsPerMessage} attempts of a message failed and the last ${consecutiveFailures} attempts failed with no success (last: ${result.error ?? 'failed'})`;
      await this.#o.app.setWebhookDisabled(d.workspaceId, d.webhookId, { at: this.#nowIso(), reason: reason.slice(0, 1000) });
      this.#logger.warn('webhook disabled after sustained failure', { webhookId: d.webhookId, consecutiveFailures });
    }
  }
}

function jobId(eventId: string, webhookId: string, attempt: number): string {
  return `wh_${eventId}_${webhookId}_${attempt}`;
}

export function createWebhookDispatcher(opts: WebhookDispatcherOptions): WebhookDispatcher {
  return new WebhookDispatcher(opts);
}
