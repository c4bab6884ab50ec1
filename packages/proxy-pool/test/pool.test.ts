import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ProxyPool, nextProxyTier, proxyFailureKind, type ProxyPoolConfigInput, type ProxyPoolEvent } from '../src/index.ts';
import { RetryableError, ScrapifieError } from '@scrapifie/recipe';

function clock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => { t += ms; } };
}

function poolOf(config: ProxyPoolConfigInput, events: ProxyPoolEvent[] = []) {
  const c = clock();
  return { pool: new ProxyPool(config, { now: c.now, onEvent: (e) => events.push(e) }), ...c, events };
}

const DC = [
  { id: 'a1', url: 'http://u:pw-a1@a1.alpha:8000', provider: 'alpha' },
  { id: 'a2', url: 'http://u:pw-a2@a2.alpha:8000', provider: 'alpha' },
  { id: 'b1', url: 'http://u:pw-b1@b1.beta:8000', provider: 'beta' },
];

describe('ProxyPool selection', () => {
  it('rotates per request across providers, least loaded provider first', () => {
    const { pool } = poolOf({ proxies: DC });
    const first = pool.select()!;
    const second = pool.select()!;
    expect(first.provider).not.toBe(second.provider); // both providers idle: alternate
    const third = pool.select()!;
    expect(third.provider).toBe('alpha'); // alpha has 1 in flight, beta 1: alpha used longest ago
    expect(new Set([first.proxyId, second.proxyId, third.proxyId]).size).toBe(3);
    // beta is now the least loaded provider (1 vs 2 in flight)
    expect(pool.select()!.provider).toBe('beta');
    pool.reportSuccess(first.id, { ms: 10 });
    pool.reportSuccess(third.id, { ms: 10 });
    expect(pool.select()!.provider).toBe('alpha'); // alpha back to 0 in flight, beta has 2
  });

  it('picks the cheapest tier with a usable proxy unless a tier is asked for; filters by country', () => {
    const { pool } = poolOf({
      proxies: [
        { id: 'dc', url: 'http://dc.example:1', tier: 'datacenter' },
        { id: 'res-de', url: 'http://res.example:2', tier: 'residential', country: 'DE' },
        { id: 'mob', url: 'http://mob.example:3', tier: 'mobile', country: 'us' },
      ],
    });
    expect(pool.select()?.proxyId).toBe('dc');
    expect(pool.select({ tier: 'residential' })?.proxyId).toBe('res-de');
    const de = pool.select({ country: 'de' });
    expect(de?.proxyId).toBe('res-de');
    expect(de?.country).toBe('de');
    expect(pool.select({ country: 'us' })?.proxyId).toBe('mob');
    expect(pool.select({ country: 'fr' })).toBeUndefined();
    expect(pool.select({ tier: 'datacenter', country: 'de' })).toBeUndefined();
    expect(() => pool.select({ country: 'germany' })).toThrow(/two-letter/);
    expect(() => pool.select({ tier: 'satellite' as never })).toThrow(/unknown proxy tier "satellite"/);
  });

  it('escalates tiers in the order datacenter → residential → mobile, skipping tiers the pool lacks', () => {
    expect(nextProxyTier('datacenter')).toBe('residential');
    expect(nextProxyTier('residential')).toBe('mobile');
    expect(nextProxyTier('mobile')).toBeUndefined();
    const { pool } = poolOf({ proxies: [{ url: 'http://dc.example:1' }, { url: 'http://m.example:1', tier: 'mobile' }] });
    expect(pool.nextTier('datacenter')).toBe('mobile');
    expect(pool.nextTier('mobile')).toBeUndefined();
  });
});

describe('ProxyPool sticky sessions', () => {
  it('keeps a session on one proxy until maxUsagePerSession, then moves it', () => {
    const { pool } = poolOf({ proxies: DC, maxUsagePerSession: 3 });
    const first = pool.select({ sessionId: 's1' })!;
    pool.reportSuccess(first.id, { ms: 5 });
    for (let i = 0; i < 2; i++) {
      const again = pool.select({ sessionId: 's1' })!;
      expect(again.proxyId).toBe(first.proxyId);
      pool.reportSuccess(again.id, { ms: 5 });
    }
    const moved = pool.select({ sessionId: 's1' })!;
    expect(moved.proxyId).not.toBe(first.proxyId);
    expect(pool.stats().sessions).toBe(1);
  });

  it('moves a session off a proxy that failed, and forgets idle sessions', () => {
    const { pool, advance } = poolOf({ proxies: DC, sessionIdleMs: 60_000 });
    const first = pool.select({ sessionId: 's1', domain: 'shop.example' })!;
    pool.reportFailure(first.id, { kind: 'blocked', domain: 'shop.example' });
    const next = pool.select({ sessionId: 's1', domain: 'shop.example' })!;
    expect(next.proxyId).not.toBe(first.proxyId);
    expect(pool.stats().sessions).toBe(1);
    advance(61_000);
    expect(pool.stats().sessions).toBe(0);
  });

  it('gives a template session one provider session token while healthy and a fresh one after', () => {
    const { pool } = poolOf({
      templates: [{
        id: 'acme', provider: 'acme', tier: 'residential', username: 'bob', password: 'p@ss:w0rd',
        template: 'http://user-{username}[-country-{country}][-session-{session}]:{password}@gw.acme.example:7000',
      }],
      maxUsagePerSession: 2,
    });
    const rotating = pool.select()!;
    expect(rotating.url).toBe('http://user-bob:p%40ss%3Aw0rd@gw.acme.example:7000');
    const s1 = pool.select({ sessionId: 'checkout', country: 'DE' })!;
    expect(s1.url).toMatch(/^http:\/\/user-bob-country-de-session-[0-9a-f]{12}:p%40ss%3Aw0rd@gw\.acme\.example:7000$/);
    expect(s1.country).toBe('de');
    expect(pool.select({ sessionId: 'checkout', country: 'de' })!.url).toBe(s1.url);
    expect(pool.select({ sessionId: 'checkout', country: 'de' })!.url).not.toBe(s1.url); // 3rd use > maxUsagePerSession
  });

  it('a template without {country} cannot serve a country request; a required {session} rotates per request', () => {
    const { pool } = poolOf({
      templates: [
        { id: 'plain', provider: 'p', tier: 'residential', username: 'u', password: 'x', template: 'http://{username}-s-{session}:{password}@gw.p.example:1' },
        { id: 'geo', provider: 'g', tier: 'residential', username: 'u', password: 'x', countries: ['us', 'gb'], template: 'http://{username}-c-{country}:{password}@gw.g.example:1' },
      ],
    });
    expect(pool.select({ country: 'us' })?.proxyId).toBe('geo');
    expect(pool.select({ country: 'fr' })).toBeUndefined(); // geo does not list fr, plain has no {country}
    const a = pool.select()!;
    const b = pool.select()!;
    expect(a.proxyId).toBe('plain'); // geo requires a country and has no default
    expect(b.proxyId).toBe('plain');
    expect(a.url).not.toBe(b.url);
  });
});

describe('ProxyPool health accounting', () => {
  it('cools a proxy down for 30 s on a connect failure and removes it after N in a row', () => {
    const events: ProxyPoolEvent[] = [];
    const { pool, advance } = poolOf({ proxies: [DC[0]!, DC[2]!], maxFailuresBeforeRemoval: 3 }, events);
    let lease = pool.select({ tier: 'datacenter' })!;
    const victim = lease.proxyId;
    for (let i = 1; i <= 3; i++) {
      pool.reportFailure(lease.id, { kind: 'connect' });
      const s = pool.stats().proxies.find((p) => p.id === victim)!;
      if (i < 3) {
        expect(s.state).toBe('cooling');
        expect(pool.select()?.proxyId).not.toBe(victim);
        advance(29_000);
        expect(pool.stats().proxies.find((p) => p.id === victim)!.state).toBe('cooling');
        advance(1_000);
        // the other proxy is busy (never reported), so the rested victim is the least-loaded choice again
        lease = pool.select()!;
        expect(lease.proxyId).toBe(victim);
      } else {
        expect(s.state).toBe('removed');
        expect(s.removedReason).toMatch(/removed after 3 consecutive failures \(last: connect\)/);
      }
    }
    advance(3_600_000);
    expect(pool.stats().proxies.find((p) => p.id === victim)!.state).toBe('removed');
    expect(events.filter((e) => e.type === 'cooldown')).toHaveLength(2);
    expect(events.at(-1)?.type).toBe('removed');
  });

  it('a success resets the consecutive failure count', () => {
    const { pool, advance } = poolOf({ proxies: [DC[0]!], maxFailuresBeforeRemoval: 2 });
    for (let i = 0; i < 4; i++) {
      const lease = pool.select()!;
      pool.reportFailure(lease.id, { kind: 'timeout' });
      advance(30_000);
      const ok = pool.select()!;
      pool.reportSuccess(ok.id, { ms: 120 });
    }
    const s = pool.stats().proxies[0]!;
    expect(s.state).toBe('available');
    expect(s.totalFailures).toBe(4);
    expect(s.avgMs).toBe(120);
  });

  it('a block cools the proxy down for that domain only', () => {
    const { pool, advance } = poolOf({ proxies: [DC[0]!] });
    const lease = pool.select({ domain: 'shop.example' })!;
    pool.reportFailure(lease.id, { kind: 'blocked', domain: 'https://Shop.Example/list/1' });
    expect(pool.select({ domain: 'shop.example' })).toBeUndefined();
    const other = pool.select({ domain: 'news.example' });
    expect(other?.proxyId).toBe('a1');
    expect(pool.stats().proxies[0]!.coolingDomains).toEqual(['shop.example']);
    advance(30_000);
    expect(pool.select({ domain: 'shop.example' })?.proxyId).toBe('a1');
  });

  it('removes a proxy at once on a 407, with a reason that names it and no password', () => {
    const events: ProxyPoolEvent[] = [];
    const { pool } = poolOf({ proxies: DC }, events);
    const lease = pool.select()!;
    pool.reportFailure(lease.id, { kind: 'auth' });
    const s = pool.stats().proxies.find((p) => p.id === lease.proxyId)!;
    expect(s.state).toBe('removed');
    expect(s.removedReason).toMatch(/rejected its credentials \(HTTP 407 Proxy Authentication Required\)/);
    expect(s.removedReason).toContain(lease.endpoint);
    expect(JSON.stringify(events)).not.toMatch(/pw-/);
  });

  it('ignores unknown or twice-reported leases and stops counting leases never reported', () => {
    const { pool, advance } = poolOf({ proxies: [DC[0]!], leaseTimeoutMs: 10_000 });
    const lease = pool.select()!;
    pool.reportSuccess(lease.id, { ms: 1 });
    pool.reportFailure(lease.id, { kind: 'connect' });
    pool.reportFailure('nope', { kind: 'auth' });
    expect(pool.stats().proxies[0]).toMatchObject({ state: 'available', successes: 1, totalFailures: 0 });
    pool.select();
    expect(pool.stats().inFlight).toBe(1);
    advance(10_000);
    expect(pool.stats().inFlight).toBe(0);
  });
});

describe('credentials stay out of logs', () => {
  it('stats, toJSON and leases serialise without user names or passwords', () => {
    const { pool } = poolOf({
      proxies: DC,
      templates: [{ provider: 'acme', tier: 'mobile', username: 'bob-user', password: 'tmpl-secret', template: 'socks5h://{username}:{password}@gw.acme.example:1080' }],
    });
    const lease = pool.select({ tier: 'mobile' })!;
    expect(lease.url).toBe('socks5h://bob-user:tmpl-secret@gw.acme.example:1080');
    const dumped = JSON.stringify({ pool, stats: pool.stats(), lease, spread: { ...lease } }) + inspect(lease) + inspect(pool, { depth: 5 });
    expect(dumped).not.toMatch(/pw-|tmpl-secret|bob-user/);
    expect(JSON.parse(JSON.stringify(lease))).toMatchObject({ endpoint: 'socks5h://gw.acme.example:1080', tier: 'mobile', provider: 'acme' });
  });
});

describe('proxyFailureKind', () => {
  it('maps fetch outcomes to failure kinds', () => {
    expect(proxyFailureKind({ status: 407 })).toBe('auth');
    expect(proxyFailureKind({ status: 200 })).toBeUndefined();
    expect(proxyFailureKind({ status: 403, blocked: true })).toBe('blocked');
    expect(proxyFailureKind({ error: new RetryableError('TIMEOUT', 't') })).toBe('timeout');
    expect(proxyFailureKind({ error: new RetryableError('CONNECTION_ERROR', 'c') })).toBe('connect');
    expect(proxyFailureKind({ error: new ScrapifieError('BODY_TOO_LARGE', 'b') })).toBeUndefined();
  });
});
