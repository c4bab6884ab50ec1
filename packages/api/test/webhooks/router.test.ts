import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter, createCallerFactory, createContext, toApiError, verifyWebhook, type Resolver } from '../../src/index.ts';
import { call, until } from '../helpers.ts';
import { expectedSignature, startReceiver, startWebhookStack, type WebhookStack } from './setup.ts';

type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/** receiver.test is the local receiver (only the guard's resolver knows it); rebind.test is public at first, then internal. */
let rebindCalls = 0;
const resolve: Resolver = async (host) => {
  if (host === 'receiver.test') return [{ address: '127.0.0.1', family: 4 }];
  if (host === 'rebind.test') return [{ address: rebindCalls++ === 0 ? '93.184.216.34' : '10.0.0.1', family: 4 }];
  throw new Error(`no such host ${host}`);
};

async function apiError(p: Promise<unknown>): Promise<{ apiCode: string; message: string }> {
  const outcome = await p.then(() => ({ failed: false as const }), (err: unknown) => ({ failed: true as const, err }));
  if (!outcome.failed) throw new Error('expected the call to fail');
  const api = toApiError(outcome.err);
  return { apiCode: api.code, message: api.message };
}

describe('webhooks router (server mode: the SSRF guard is the target policy)', () => {
  let s: WebhookStack;
  let rx: Receiver;
  beforeAll(async () => {
    rx = await startReceiver();
    s = await startWebhookStack({ resolve, server: true, dispatcher: { retryDelaysMs: [20, 20], disableAfterMessages: 2 } });
  });
  afterAll(async () => {
    await s.close();
    await rx.close();
  });

  it('refuses private, link-local and non-http targets at create time with INVALID_URL / INVALID_INPUT', async () => {
    for (const url of ['http://10.0.0.1/', 'http://169.254.169.254/latest/meta-data', 'http://[::ffff:10.0.0.1]/']) {
      const e = await apiError(s.caller().webhooks.create({ url, events: ['run.completed'] }));
      expect(e.apiCode, url).toBe('INVALID_URL');
      expect(e.message).toMatch(/^url: refused by the SSRF guard/);
    }
    expect((await apiError(s.caller().webhooks.create({ url: 'file:///etc/passwd', events: ['run.completed'] }))).apiCode).toBe('INVALID_INPUT');
    expect((await apiError(s.caller().webhooks.create({ url: `${rx.url}/ok`, events: ['run.exploded' as 'run.failed'] }))).apiCode).toBe('INVALID_INPUT');
    expect((await s.caller().webhooks.list({})).webhooks).toHaveLength(0);
  });

  it('create over REST answers 201 with the secret once; list/get never show it; viewers may read but not change', async () => {
    const res = await call(s.api!, 'POST', '/api/v1/webhooks', { url: `${rx.url}/ok`, events: ['run.completed'] });
    expect(res.status).toBe(201);
    const { webhook, secret } = res.body.data as { webhook: { id: string; enabled: boolean }; secret: string };
    expect(secret).toMatch(/^whsec_/);
    expect(webhook.enabled).toBe(true);
    const listed = await call(s.api!, 'GET', '/api/v1/webhooks');
    expect(JSON.stringify(listed.body)).not.toContain(secret.slice(6, 20));
    expect(listed.body.data.webhooks.map((w: { id: string }) => w.id)).toContain(webhook.id);
    // The store holds only a ciphertext.
    const stored = await s.app.getWebhook(s.workspaceId, webhook.id, new Date().toISOString());
    expect(stored!.secrets[0]!.ciphertext).not.toContain(secret.slice(6, 20));

    const viewer = createCallerFactory(appRouter)(createContext(s.services)({ principal: { kind: 'apiKey', id: 'k1', workspaceId: s.workspaceId, role: 'viewer' } }));
    expect((await viewer.webhooks.get({ webhookId: webhook.id })).id).toBe(webhook.id);
    expect((await apiError(viewer.webhooks.rotateSecret({ webhookId: webhook.id }))).apiCode).toBe('FORBIDDEN');
    expect((await apiError(viewer.webhooks.delete({ webhookId: webhook.id }))).apiCode).toBe('FORBIDDEN');

    const del = await call(s.api!, 'DELETE', `/api/v1/webhooks/${webhook.id}`);
    expect(del.status).toBe(200);
    expect((await call(s.api!, 'GET', `/api/v1/webhooks/${webhook.id}`)).status).toBe(404);
  });

  it('rotation: during the window both secrets sign and verify; after it only the new one', async () => {
    const { webhook, secret: oldSecret } = await s.caller().webhooks.create({ url: 'http://receiver.test:' + rx.port + '/ok', events: ['run.completed'] });
    const { secret: newSecret, previousSecretValidUntil } = await s.caller().webhooks.rotateSecret({ webhookId: webhook.id });
    expect(Date.parse(previousSecretValidUntil) - s.clock.now()).toBeGreaterThan(23 * 3_600_000);
    expect((await s.caller().webhooks.get({ webhookId: webhook.id })).previousSecretValidUntil).toBe(previousSecretValidUntil);

    const r = await s.caller().webhooks.test({ webhookId: webhook.id });
    expect(r).toMatchObject({ ok: true, responseStatus: 204 });
    const hit = rx.on('/ok').find((h) => h.headers['webhook-id'] === r.eventId)!;
    expect(hit.headers.host).toBe(`receiver.test:${rx.port}`); // resolved by the guard, not the system resolver
    const sigs = (hit.headers['webhook-signature'] as string).split(' ');
    const [id, ts] = [hit.headers['webhook-id'] as string, hit.headers['webhook-timestamp'] as string];
    expect(sigs).toEqual([expectedSignature(newSecret, id, ts, hit.body), expectedSignature(oldSecret, id, ts, hit.body)]);
    expect(verifyWebhook(oldSecret, hit.headers, hit.body, { now: s.clock.now() })).toMatchObject({ type: 'webhook.test' });
    expect(verifyWebhook(newSecret, hit.headers, hit.body, { now: s.clock.now() })).toMatchObject({ type: 'webhook.test' });

    s.clock.offsetMs = 25 * 3_600_000; // past the window
    try {
      const later = await s.caller().webhooks.test({ webhookId: webhook.id });
      const hit2 = rx.on('/ok').find((h) => h.headers['webhook-id'] === later.eventId)!;
      expect((hit2.headers['webhook-signature'] as string).split(' ')).toHaveLength(1);
      expect(Number(hit2.headers['webhook-timestamp']) * 1000).toBeGreaterThan(Date.now() + 24 * 3_600_000);
      expect(verifyWebhook(newSecret, hit2.headers, hit2.body, { now: s.clock.now() })).toMatchObject({ type: 'webhook.test' });
      expect(() => verifyWebhook(oldSecret, hit2.headers, hit2.body, { now: s.clock.now() })).toThrow(/no webhook-signature matches/);
      expect((await s.caller().webhooks.get({ webhookId: webhook.id })).previousSecretValidUntil).toBeNull();
    } finally {
      s.clock.offsetMs = 0;
    }
  });

  it('a host that resolves to an internal address at delivery time is refused then, without a request', async () => {
    const { webhook } = await s.caller().webhooks.create({ url: 'http://rebind.test/hook', events: ['run.completed'] });
    const r = await s.caller().webhooks.test({ webhookId: webhook.id });
    expect(r).toMatchObject({ ok: false, responseStatus: null });
    expect(r.error).toMatch(/refused by the SSRF guard: rebind.test resolves to 10.0.0.1/);
    await s.caller().webhooks.delete({ webhookId: webhook.id });
  });

  it('is disabled after sustained failure (every attempt of 2 messages failed), and enabling clears it', async () => {
    const { webhook } = await s.caller().webhooks.create({ url: `${rx.url}/fail`, events: ['run.failed'] });
    s.clock.offsetMs = 3 * 24 * 3_600_000;
    try {
      await s.dispatcher.emit(s.workspaceId, 'run.failed', { runId: 'a' });
      const first = await until(() => s.caller().webhooks.deliveries({ webhookId: webhook.id }), (l) => l.deliveries.length === 3, 10_000);
      expect(first.deliveries.map((d) => d.attempt)).toEqual([3, 2, 1]);
      expect((await s.caller().webhooks.get({ webhookId: webhook.id })).enabled).toBe(true); // one message's failure is not enough
      await s.dispatcher.emit(s.workspaceId, 'run.failed', { runId: 'b' });
      const hook = await until(() => s.caller().webhooks.get({ webhookId: webhook.id }), (w) => !w.enabled, 10_000);
      expect(hook.consecutiveFailures).toBe(6);
      expect(hook.disabledReason).toMatch(/sustained failure: all 3 attempts of a message failed and the last 6 attempts failed/);
      expect(Date.parse(hook.disabledAt!)).toBeGreaterThan(Date.now() + 2 * 24 * 3_600_000); // the injected clock's time
      const hits = rx.on('/fail').length;
      await s.dispatcher.emit(s.workspaceId, 'run.failed', { runId: 'c' });
      await new Promise((r) => setTimeout(r, 300));
      expect(rx.on('/fail').length).toBe(hits);
      const enabled = await s.caller().webhooks.enable({ webhookId: webhook.id });
      expect(enabled).toMatchObject({ enabled: true, consecutiveFailures: 0, disabledReason: null });
      const disabled = await s.caller().webhooks.disable({ webhookId: webhook.id });
      expect(disabled).toMatchObject({ enabled: false, disabledReason: 'disabled by a workspace admin' });
    } finally {
      s.clock.offsetMs = 0;
    }
  });

  it('update re-checks the URL and changes events; unknown ids are NOT_FOUND', async () => {
    const { webhook } = await s.caller().webhooks.create({ url: `${rx.url}/ok`, events: ['run.completed'] });
    expect((await apiError(s.caller().webhooks.update({ webhookId: webhook.id, url: 'http://169.254.169.254/' }))).apiCode).toBe('INVALID_URL');
    const u = await s.caller().webhooks.update({ webhookId: webhook.id, events: ['run.started', 'run.items'] });
    expect(u.events).toEqual(['run.started', 'run.items']);
    expect((await apiError(s.caller().webhooks.get({ webhookId: '00000000-0000-4000-8000-000000000000' }))).apiCode).toBe('NOT_FOUND');
    expect((await apiError(s.caller().webhooks.test({ webhookId: 'nope' }))).apiCode).toBe('NOT_FOUND');
  });
});
