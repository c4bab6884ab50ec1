import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTargetGuard, type Resolver } from '../../src/index.ts';
import { postWebhook } from '../../src/webhooks/post.ts';
import { startReceiver } from './setup.ts';

type Receiver = Awaited<ReturnType<typeof startReceiver>>;

describe('one delivery attempt (postWebhook)', () => {
  let rx: Receiver;
  beforeAll(async () => {
    rx = await startReceiver();
  });
  afterAll(async () => {
    await rx.close();
  });

  it('without a target policy (the desktop) delivers to a local address', async () => {
    const r = await postWebhook(`${rx.url}/ok`, { 'webhook-id': 'msg_1' }, '{"a":1}', { timeoutMs: 2_000 });
    expect(r).toMatchObject({ ok: true, status: 204, error: null });
    const hit = rx.on('/ok').at(-1)!;
    expect(hit.body).toBe('{"a":1}');
    expect(hit.headers['content-type']).toBe('application/json');
    expect(hit.headers['webhook-id']).toBe('msg_1');
  });

  it('with the guard and no allow-list entry, a loopback target is refused before any request', async () => {
    const before = rx.received.length;
    const r = await postWebhook(`${rx.url}/ok`, {}, '{}', { timeoutMs: 2_000, policy: createTargetGuard({ allow: [] }) });
    expect(r).toMatchObject({ ok: false, status: null });
    expect(r.error).toMatch(/refused by the SSRF guard: 127.0.0.1 is a loopback address/);
    expect(rx.received.length).toBe(before);
  });

  it('a DNS answer that changes between the check and the connection is caught at connect time (the guard resolves)', async () => {
    let calls = 0;
    const resolve: Resolver = async () => [{ address: calls++ === 0 ? '93.184.216.34' : '127.0.0.1', family: 4 }];
    const before = rx.received.length;
    const r = await postWebhook(`http://rebinding.test:${rx.port}/ok`, {}, '{}', { timeoutMs: 2_000, policy: createTargetGuard({ allow: [], resolve }) });
    expect(calls).toBe(2);
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/rebinding.test resolves to 127.0.0.1, a loopback address/);
    expect(rx.received.length).toBe(before);
  });

  it('only http and https; a receiver that does not answer in time fails the attempt', async () => {
    expect((await postWebhook('ftp://127.0.0.1/x', {}, '{}', { timeoutMs: 1_000 })).error).toMatch(/"ftp:" URLs are not delivered to/);
    const started = Date.now();
    const r = await postWebhook(`${rx.url}/hang`, {}, '{}', { timeoutMs: 500 });
    expect(r).toMatchObject({ ok: false, status: null });
    expect(r.error).toBe('no answer within 500 ms');
    expect(Date.now() - started).toBeGreaterThanOrEqual(480);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
