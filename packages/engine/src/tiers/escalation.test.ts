import { parseRecipe, RetryableError, ScrapifieError, type FetchTier, type RecipeInput } from '@scrapifie/recipe';
import { describe, expect, it } from 'vitest';
import type { Fetcher } from '../ports/fetcher.ts';
import type { ProxyProvider } from '../ports/proxy-provider.ts';
import { decide, type Decision, type LadderState, type Signal } from './escalation.ts';
import { Ladder, type Fetchers } from './ladder.ts';

// decide() is pure: it only asks the ladder which fetchers exist (and whether they take proxies), never calls them.
// These stand-ins are present-or-absent markers; the real fetchers run in the store-sqlite crawl tests.
const present = (tier: FetchTier, perRequestProxy = false): Fetcher => ({
  tier, perRequestProxy, fetch: () => Promise.reject(new Error('not called')), close: async () => {},
});
const provider: ProxyProvider = { select: () => undefined, reportSuccess: () => {}, reportFailure: () => {} };
const ALL: Fetchers = { http: present('http', true), browser: present('browser'), stealth: present('stealth') };

function ladder(fetch: RecipeInput['fetch'] = {}, fetchers: Fetchers = ALL, proxies?: ProxyProvider): { l: Ladder; policy: ReturnType<typeof parseRecipe>['fetch']['retry'] } {
  const recipe = parseRecipe({ version: 1, name: 't', start: { urls: ['https://shop.test/'] }, page: { fields: { t: { css: 'title' } } }, fetch });
  return { l: new Ladder(recipe, fetchers, proxies), policy: recipe.fetch.retry };
}

const at = (fetchTier: FetchTier, proxyTier: LadderState['proxyTier'] = 'none', transient = 0): LadderState => ({ fetchTier, proxyTier, transient, noHint: false });
const wall: Signal = { kind: 'blocked', reason: 'Cloudflare challenge (HTTP 403)' };
const shell: Signal = { kind: 'content', strong: true, reason: 'JavaScript-only page' };
const timeout: Signal = { kind: 'transient', error: new RetryableError('TIMEOUT', 'no answer') };

function retryTo(d: Decision): unknown {
  return d.kind === 'retry' ? { ...d.rung, delay: d.delay } : d.kind;
}

describe('decide: fetch mode "auto"', () => {
  const { l, policy } = ladder();

  it('renders a JavaScript-only shell on the browser tier at once, and accepts what the browser got', () => {
    expect(retryTo(decide(at('http'), shell, l, policy))).toEqual({ fetchTier: 'browser', proxyTier: 'none', delay: 0 });
    expect(decide(at('browser'), shell, l, policy).kind).toBe('accept');
  });

  it('climbs past a bot wall one fetch tier at a time, then fails BLOCKED naming where it stopped', () => {
    expect(retryTo(decide(at('http'), wall, l, policy))).toEqual({ fetchTier: 'browser', proxyTier: 'none', delay: 0 });
    expect(retryTo(decide(at('browser'), wall, l, policy))).toEqual({ fetchTier: 'stealth', proxyTier: 'none', delay: 0 });
    const top = decide(at('stealth'), wall, l, policy);
    expect(top).toMatchObject({ kind: 'fail', error: { code: 'BLOCKED' } });
    expect(top.kind === 'fail' && top.error.message).toMatch(/Cloudflare challenge .*no stronger tier left \(fetch tier stealth, proxy tier none\)/);
  });

  it('waits out a Retry-After the wall gave before the stronger tier tries', () => {
    expect(retryTo(decide(at('http'), { ...wall, retryAfterMs: 5000 }, l, policy))).toMatchObject({ fetchTier: 'browser', delay: 5000 });
  });

  it('backs off after a transient failure and retries one tier up (seed: escalate after 1), until maxAttempts', () => {
    expect(retryTo(decide(at('http', 'none', 0), timeout, l, policy))).toEqual({ fetchTier: 'browser', proxyTier: 'none', delay: { backoff: 1 } });
    expect(retryTo(decide(at('browser', 'none', 1), timeout, l, policy))).toEqual({ fetchTier: 'stealth', proxyTier: 'none', delay: { backoff: 2 } });
    expect(decide(at('stealth', 'none', 2), timeout, l, policy)).toMatchObject({ kind: 'fail', error: { code: 'TIMEOUT' } });
  });

  it('escalates transient failures only after escalateAfter of them', () => {
    const { l: l2, policy: p2 } = ladder({ retry: { escalateAfter: 2 } });
    expect(retryTo(decide(at('http', 'none', 0), timeout, l2, p2))).toMatchObject({ fetchTier: 'http' });
    expect(retryTo(decide(at('http', 'none', 1), timeout, l2, p2))).toMatchObject({ fetchTier: 'browser' });
  });
});

describe('decide: missing tiers', () => {
  it('a JavaScript-only shell without a browser tier fails TIER_UNAVAILABLE naming it; a weak hint is accepted', () => {
    const { l, policy } = ladder({}, { http: present('http') });
    const d = decide(at('http'), shell, l, policy);
    expect(d).toMatchObject({ kind: 'fail', error: { code: 'TIER_UNAVAILABLE' } });
    expect(d.kind === 'fail' && d.error.message).toMatch(/JavaScript-only page; rendering it needs the browser tier, which this runtime does not have/);
    expect(decide(at('http'), { kind: 'content', strong: false, reason: 'no items' }, l, policy).kind).toBe('accept');
  });

  it('a wall the browser did not pass, without a stealth tier, fails naming the stealth tier', () => {
    const { l, policy } = ladder({}, { http: present('http'), browser: present('browser') });
    const d = decide(at('browser'), wall, l, policy);
    expect(d.kind === 'fail' && d.error).toMatchObject({ code: 'TIER_UNAVAILABLE', message: expect.stringMatching(/needs the stealth tier, which this runtime does not have/) });
  });

  it('a transient failure stays on the tier it has when the next one is missing', () => {
    const { l, policy } = ladder({}, { http: present('http') });
    expect(retryTo(decide(at('http'), timeout, l, policy))).toMatchObject({ fetchTier: 'http' });
  });

  it('fetch mode "http" never renders: a shell is accepted, a wall fails BLOCKED', () => {
    const { l, policy } = ladder({ mode: 'http' });
    expect(decide(at('http'), shell, l, policy).kind).toBe('accept');
    expect(decide(at('http'), wall, l, policy)).toMatchObject({ kind: 'fail', error: { code: 'BLOCKED' } });
  });
});

describe('decide: proxy tiers', () => {
  const proxyTiers = { tiers: ['none', 'datacenter', 'residential'] as Array<'none' | 'datacenter' | 'residential'> };

  it('an IP block moves up a proxy tier first; a challenge moves up a fetch tier first', () => {
    const { l, policy } = ladder({ proxy: proxyTiers }, ALL, provider);
    const ip: Signal = { kind: 'ip', reason: 'you have been blocked' };
    expect(retryTo(decide(at('http'), ip, l, policy))).toEqual({ fetchTier: 'http', proxyTier: 'datacenter', delay: 0 });
    expect(retryTo(decide(at('http', 'datacenter'), ip, l, policy))).toEqual({ fetchTier: 'http', proxyTier: 'residential', delay: 0 });
    expect(retryTo(decide(at('http'), wall, l, policy))).toEqual({ fetchTier: 'browser', proxyTier: 'none', delay: 0 });
  });

  it('in mode "http" a wall climbs the proxy tiers, and a fetcher without per-request proxies is passed over', () => {
    const { l, policy } = ladder({ mode: 'http', proxy: proxyTiers }, ALL, provider);
    expect(retryTo(decide(at('http'), wall, l, policy))).toEqual({ fetchTier: 'http', proxyTier: 'datacenter', delay: 0 });
    const { l: noProxyBrowser } = ladder({ proxy: proxyTiers }, ALL, provider);
    // The browser stand-in takes no per-request proxy: from http+datacenter a wall goes to residential instead.
    expect(retryTo(decide(at('http', 'datacenter'), wall, noProxyBrowser, policy))).toEqual({ fetchTier: 'http', proxyTier: 'residential', delay: 0 });
  });

  it('without a proxy provider, a wall at the top fetch tier fails naming the missing proxies', () => {
    const { l, policy } = ladder({ mode: 'http', proxy: proxyTiers });
    const d = decide(at('http'), wall, l, policy);
    expect(d.kind === 'fail' && d.error).toMatchObject({ code: 'TIER_UNAVAILABLE', message: expect.stringMatching(/needs datacenter proxies, and this runtime has no proxy pool/) });
  });

  it('a failed proxy is replaced at once by another of the same tier, within maxAttempts', () => {
    const { l, policy } = ladder({ proxy: proxyTiers }, ALL, provider);
    const dead: Signal = { kind: 'proxy', failure: 'connect', error: new RetryableError('CONNECTION_ERROR', 'connection refused') };
    expect(decide(at('http', 'datacenter', 0), dead, l, policy)).toMatchObject({ kind: 'retry', rung: { fetchTier: 'http', proxyTier: 'datacenter' }, delay: 0, transient: true });
    expect(decide(at('http', 'datacenter', 2), dead, l, policy)).toMatchObject({ kind: 'fail', error: { code: 'CONNECTION_ERROR' } });
  });

  it('the error it carries is a ScrapifieError with the reason', () => {
    const d = decide(at('http'), wall, ladder().l, ladder().policy);
    expect(d.kind === 'retry' && d.error).toBeInstanceOf(ScrapifieError);
    expect(d.kind === 'retry' && d.error.message).toBe('Cloudflare challenge (HTTP 403); retrying on the browser tier');
  });
});
