import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryRateLimiter } from '../src/rate-limit/memory.ts';
import { call } from './helpers.ts';
import { startLimitsStack, type LimitsStack } from './limits-stack.ts';

const AUTH = { name: 'auth', limit: 5, windowMs: 60_000 };

async function trpc(url: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; body: any }> {
  const res = await fetch(`${url}/trpc/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ email: 'nobody@example.test', password: 'wrong password' }) });
  return { status: res.status, headers: res.headers, body: await res.json() };
}

describe('MemoryRateLimiter (GCRA)', () => {
  it('allows 5 auth calls a minute, refuses the 6th with a retry time, and allows one more after windowMs/limit', async () => {
    const l = new MemoryRateLimiter();
    const t0 = 1_000_000;
    const seen = [];
    for (let i = 0; i < 5; i++) seen.push(await l.hit('ip:1.2.3.4', AUTH, t0 + i));
    expect(seen.map((d) => [d.allowed, d.remaining])).toEqual([[true, 4], [true, 3], [true, 2], [true, 1], [true, 0]]);
    const sixth = await l.hit('ip:1.2.3.4', AUTH, t0 + 10);
    expect(sixth).toMatchObject({ allowed: false, remaining: 0, limit: 5 });
    expect(sixth.retryAfterSeconds).toBe(12);
    // A refused hit counts nothing: 12 s after the first hit one call is allowed again, and only one.
    expect((await l.hit('ip:1.2.3.4', AUTH, t0 + 12_000)).allowed).toBe(true);
    expect((await l.hit('ip:1.2.3.4', AUTH, t0 + 12_001)).allowed).toBe(false);
  });

  it('keeps a bucket per key and per rule', async () => {
    const l = new MemoryRateLimiter();
    for (let i = 0; i < 5; i++) await l.hit('key:a', AUTH, 0);
    expect((await l.hit('key:a', AUTH, 1)).allowed).toBe(false);
    expect((await l.hit('key:b', AUTH, 1)).allowed).toBe(true);
    expect((await l.hit('key:a', { name: 'general', limit: 100, windowMs: 60_000 }, 1)).allowed).toBe(true);
  });

  it('refuses a rule that cannot work, naming the setting', async () => {
    const l = new MemoryRateLimiter();
    await expect(l.hit('k', { name: 'auth', limit: 0, windowMs: 60_000 }, 0)).rejects.toThrow(/auth.*limit must be a whole number >= 1/);
  });
});

describe('rate limits over HTTP (server mode)', () => {
  let s: LimitsStack;
  beforeAll(async () => {
    s = await startLimitsStack({ server: true, extra: { rateLimits: { general: { limit: 4, windowMs: 60_000 } } } });
  });
  afterAll(() => s?.close());

  it('answers the 6th sign-in call within a minute from one address with 429, Retry-After and TOO_MANY_REQUESTS', async () => {
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await trpc(s.api!.url, 'auth.login'));
    for (const a of answers.slice(0, 5)) expect(a.status).not.toBe(429);
    expect(answers.slice(0, 5).map((a) => a.headers.get('ratelimit-remaining'))).toEqual(['4', '3', '2', '1', '0']);
    const sixth = answers[5]!;
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(sixth.headers.get('retry-after'))).toBeLessThanOrEqual(12);
    expect(sixth.headers.get('ratelimit-limit')).toBe('5');
    expect(sixth.body.error.data.apiCode).toBe('TOO_MANY_REQUESTS');
    expect(sixth.body.error.message).toMatch(/at most 5 per 60 s per client address/);
    // The REST path of the same rule shares the bucket, and answers in the envelope.
    const rest = await call(s.api!, 'POST', '/api/v1/auth/login', { email: 'nobody@example.test', password: 'wrong password' });
    expect(rest.status).toBe(429);
    expect(rest.body.error).toMatchObject({ code: 'TOO_MANY_REQUESTS', retryable: true });
    expect(rest.headers.get('retry-after')).not.toBeNull();
  });

  it('limits other calls per API key, each key with its own bucket, apart from the address', async () => {
    const runs = (key?: string) => call(s.api!, 'GET', '/api/v1/runs', undefined, key ? { authorization: `Bearer ${key}` } : {});
    const byA = [];
    for (let i = 0; i < 5; i++) byA.push(await runs(s.a.key));
    expect(byA.map((r) => r.status)).toEqual([200, 200, 200, 200, 429]);
    expect(byA[3]!.headers.get('ratelimit-remaining')).toBe('0');
    expect(byA[4]!.body.error?.message).toMatch(/per API key/);
    // Key B from the same address still has its whole bucket.
    const b = await runs(s.b.key);
    expect(b.status).toBe(200);
    expect(b.headers.get('ratelimit-remaining')).toBe('3');
    // A made-up key gets no bucket of its own: it counts against the address (and is refused as unauthorized).
    const fake = await runs('sfk_00000000_' + 'x'.repeat(43));
    expect(fake.status).toBe(401);
    expect(fake.headers.get('ratelimit-remaining')).toBe('3');
  });

  it('looks an API key up once per request, though both the rate gate and the procedure need the caller', async () => {
    // The real SQLite store, its method wrapped only to count the calls.
    const app = s.app as { findApiKeyByPrefix: (prefix: string) => Promise<unknown> };
    const real = app.findApiKeyByPrefix.bind(app);
    let lookups = 0;
    app.findApiKeyByPrefix = (prefix) => (lookups++, real(prefix));
    try {
      const res = await call(s.api!, 'GET', '/api/v1/runs', undefined, { authorization: `Bearer ${s.b.key}` });
      expect(res.status).toBe(200);
      expect(res.headers.get('ratelimit-remaining')).toBe('2');
      expect(lookups).toBe(1);
    } finally {
      app.findApiKeyByPrefix = real;
    }
  });

  it('never limits /health', async () => {
    for (let i = 0; i < 8; i++) {
      const res = await fetch(`${s.api!.url}/health`);
      expect(res.status).toBe(200);
      expect(res.headers.get('ratelimit-limit')).toBeNull();
    }
  });

  it('counts every procedure of a tRPC batch', async () => {
    // The address's general bucket still has 3 (the made-up key above used one): a batch of 4 passes it.
    const res = await fetch(`${s.api!.url}/trpc/runs.list,runs.list,runs.list,runs.list?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: {}, 1: {}, 2: {}, 3: {} }))}`);
    expect(res.status).toBe(429);
    const body = (await res.json()) as Array<{ error: { data: { apiCode: string } } }>;
    expect(body).toHaveLength(4);
    expect(body[0]!.error.data.apiCode).toBe('TOO_MANY_REQUESTS');
  });
});
