import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../src/index.ts';
import { listingRecipe, until } from '../helpers.ts';
import { expectedSignature, startReceiver, startWebhookStack, type Received, type WebhookStack } from './setup.ts';

type Receiver = Awaited<ReturnType<typeof startReceiver>>;

function checkSigned(r: Received, secret: string, now: number): { type: string; timestamp: string; data: Record<string, any> } {
  const id = r.headers['webhook-id'] as string;
  const ts = r.headers['webhook-timestamp'] as string;
  expect(r.headers['webhook-signature']).toBe(expectedSignature(secret, id, ts, r.body));
  return verifyWebhook(secret, r.headers, r.body, { now }) as { type: string; timestamp: string; data: Record<string, any> };
}

describe('webhook deliveries (real receiver, SQLite AppStore and queue, a real run)', () => {
  let s: WebhookStack;
  let rx: Receiver;
  beforeAll(async () => {
    rx = await startReceiver();
    s = await startWebhookStack({ dispatcher: { itemBatching: { rows: 10, intervalMs: 200 } } });
  });
  afterAll(async () => {
    await s.close();
    await rx.close();
  });
  afterEach(async () => {
    for (const w of await s.app.listWebhooks(s.workspaceId, new Date().toISOString())) await s.app.deleteWebhook(s.workspaceId, w.id);
  });

  it('a run sends run.started, run.items batches and run.completed, signed with the secret', async () => {
    const { secret, webhook } = await s.caller().webhooks.create({ url: `${rx.url}/ok`, events: ['run.started', 'run.items', 'run.completed', 'run.failed'] });
    const { runId } = await s.caller().runs.start({ recipe: listingRecipe(s.site) as never });
    await s.launcher.waitUntilDone(runId);
    const got = await until(async () => rx.on('/ok').map((r) => checkSigned(r, secret, s.clock.now())), (g) => g.some((p) => p.type === 'run.completed'), 20_000);
    const forRun = got.filter((p) => p.data.runId === runId);
    expect(forRun[0]!.type).toBe('run.started');
    const completed = forRun.find((p) => p.type === 'run.completed')!;
    expect(completed.data).toMatchObject({ runId, status: 'completed', resultsUrl: `/api/v1/runs/${runId}/results` });
    expect(completed.data.items).toBeGreaterThan(10);
    const batches = forRun.filter((p) => p.type === 'run.items');
    expect(batches.length).toBeGreaterThanOrEqual(2);
    expect(batches.reduce((n, b) => n + (b.data.count as number), 0)).toBe(completed.data.items);
    for (const b of batches) expect(b.data.count).toBeLessThanOrEqual(completed.data.items);
    // One message id per event, and the log records each as one successful attempt.
    const ids = rx.on('/ok').map((r) => r.headers['webhook-id']);
    expect(new Set(ids).size).toBe(ids.length);
    const log = await s.caller().webhooks.deliveries({ webhookId: webhook.id });
    expect(log.deliveries.length).toBe(forRun.length);
    expect(log.deliveries.every((d) => d.outcome === 'succeeded' && d.responseStatus === 204 && d.attempt === 1)).toBe(true);
    expect(new Set(log.deliveries.map((d) => d.eventType))).toEqual(new Set(['run.started', 'run.items', 'run.completed']));
  });

  it('a failing receiver is retried on the schedule with the same message, every attempt logged', async () => {
    const { secret, webhook } = await s.caller().webhooks.create({ url: `${rx.url}/flaky/3`, events: ['run.completed'] });
    await s.dispatcher.emit(s.workspaceId, 'run.completed', { runId: 'retry-run' });
    const log = await until(() => s.caller().webhooks.deliveries({ webhookId: webhook.id }), (l) => l.deliveries.some((d) => d.outcome === 'succeeded'), 20_000);
    const attempts = [...log.deliveries].reverse();
    expect(attempts.map((d) => [d.attempt, d.outcome, d.responseStatus])).toEqual([
      [1, 'failed', 503], [2, 'failed', 503], [3, 'failed', 503], [4, 'succeeded', 200],
    ]);
    expect(attempts[0]!.error).toMatch(/HTTP 503/);
    expect(new Set(attempts.map((d) => d.eventId)).size).toBe(1);
    const hits = rx.on('/flaky/3');
    expect(hits.map((h) => h.headers['webhook-id'])).toEqual(Array(4).fill(attempts[0]!.eventId));
    // Backoff: 100, 200, 400 ms between the attempts (the test schedule), each at least that long.
    const gaps = hits.slice(1).map((h, i) => h.at - hits[i]!.at);
    expect(gaps[0]).toBeGreaterThanOrEqual(95);
    expect(gaps[1]).toBeGreaterThanOrEqual(195);
    expect(gaps[2]).toBeGreaterThanOrEqual(395);
    for (const h of hits) checkSigned(h, secret, s.clock.now());
    expect((await s.caller().webhooks.get({ webhookId: webhook.id })).consecutiveFailures).toBe(0);
  });

  it('a 302 is a failure and is not followed', async () => {
    const { webhook } = await s.caller().webhooks.create({ url: `${rx.url}/redirect`, events: ['run.completed'] });
    const before = rx.on('/ok').length;
    const r = await s.caller().webhooks.test({ webhookId: webhook.id });
    expect(r).toMatchObject({ ok: false, responseStatus: 302, attempt: 1 });
    expect(r.error).toMatch(/redirects are not followed/);
    expect(rx.on('/ok').length).toBe(before);
    const log = await s.caller().webhooks.deliveries({ webhookId: webhook.id });
    expect(log.deliveries[0]).toMatchObject({ eventType: 'webhook.test', outcome: 'failed', responseStatus: 302 });
  });

  it('a retry survives a restart: the delayed attempt is made by the next process', async () => {
    const { webhook } = await s.caller().webhooks.create({ url: `${rx.url}/flaky/1`, events: ['run.failed'] });
    // A long first retry delay, so the retry is still queued when the "process" stops.
    await s.restart({ retryDelaysMs: [1_500] });
    await s.dispatcher.emit(s.workspaceId, 'run.failed', { runId: 'restart-run' });
    await until(() => s.app.listDeliveries(s.workspaceId, webhook.id, 10), (l) => l.length === 1, 10_000);
    await s.restart(); // closes the dispatcher and its queue handle before the retry is due; a new one takes over
    expect(rx.on('/flaky/1')).toHaveLength(1);
    const log = await until(() => s.app.listDeliveries(s.workspaceId, webhook.id, 10), (l) => l.length === 2, 15_000);
    expect(log.map((d) => [d.attempt, d.outcome])).toEqual([[2, 'succeeded'], [1, 'failed']]);
    expect(rx.on('/flaky/1')).toHaveLength(2);
    expect(rx.on('/flaky/1')[1]!.at - rx.on('/flaky/1')[0]!.at).toBeGreaterThanOrEqual(1_400);
    await s.restart({ retryDelaysMs: [100, 200, 400] });
  });
});
