import { randomBytes } from 'node:crypto';
import { InvalidInputError } from '@scrapifie/recipe';
import { parseProxyPoolConfig, type ProxyPoolConfig, type ProxyPoolConfigInput } from './config.ts';
import { checkWithTimeout, forEachLimited, type HealthCheckReport, type ProxyHealthChecker } from './health.ts';
import { ProxyLease } from './lease.ts';
import { ProxyMember, type ProxyFailureKind } from './member.ts';
import { describe, lexicographicallyLess, normalizeDomain } from './pool-helpers.ts';
import { proxyPoolStats, type ProxyPoolStats } from './stats.ts';
import { isProxyTier, PROXY_TIERS, type ProxyTier } from './tiers.ts';

export interface ProxySelectOptions {
  /** Only this tier; default: the cheapest tier that has a usable proxy. */
  tier?: ProxyTier;
  /** Two-letter country code; only proxies (or templates) that can exit there. */
  country?: string;
  /** Sticky session: the same proxy (and provider session) while it stays healthy, for maxUsagePerSession uses. */
  sessionId?: string;
  /** Target host (or URL): proxies cooling down for it are skipped. */
  domain?: string;
}

export type ProxyPoolEvent =
  | { type: 'cooldown'; proxyId: string; endpoint: string; until: number; domain?: string; reason: string }
  | { type: 'removed'; proxyId: string; endpoint: string; reason: string }
  | { type: 'restored'; proxyId: string; endpoint: string; reason: string };

export interface ProxyPoolOptions {
  /** Injectable clock (ms since the epoch); default Date.now. */
  now?: () => number;
  /** Cooldowns, removals and restorations, for logs and metrics. Events never carry credentials. */
  onEvent?: (event: ProxyPoolEvent) => void;
}

interface SessionBinding {
  member: ProxyMember;
  token: string | undefined;
  country: string | undefined;
  uses: number;
  lastUsed: number;
}

const HEALTH_CHECK_CONCURRENCY = 4;

/**
 * Proxies with tiers, health and sessions. select() hands out a lease; every lease must be reported back
 * with reportSuccess() or reportFailure() (leases never reported stop counting after leaseTimeoutMs).
 * - Rotation: without a sessionId each select() takes the least-loaded provider, then its least recently used proxy.
 * - connect/timeout failures cool the proxy down for cooldownMs and count towards maxFailuresBeforeRemoval
 *   (consecutive); a success resets the count. A 407 (`auth`) removes the proxy at once.
 * - `blocked` cools a fixed proxy down for that domain only and is not counted towards removal; on a template
 *   it only drops the sticky session, as the provider's next session exits from another address.
 * - Health checks probe every proxy except those removed for bad credentials; a pass restores a cooling or
 *   removed proxy, a failure counts like a connect failure.
 */
export class ProxyPool {
  readonly #config: ProxyPoolConfig;
  readonly #members: ProxyMember[];
  readonly #now: () => number;
  readonly #onEvent: ((event: ProxyPoolEvent) => void) | undefined;
  readonly #leases = new Map<string, { member: ProxyMember; sessionId: string | undefined; at: number }>();
  readonly #sessions = new Map<string, SessionBinding>();
  readonly #providerSeq = new Map<string, number>();
  #seq = 0;
  #timer: NodeJS.Timeout | undefined;
  #round: Promise<unknown> | undefined;

  constructor(config: ProxyPoolConfigInput, opts: ProxyPoolOptions = {}) {
    this.#config = parseProxyPoolConfig(config);
    this.#now = opts.now ?? Date.now;
    this.#onEvent = opts.onEvent;
    this.#members = [
      ...this.#config.proxies.map((p, i) => new ProxyMember(p.id ?? `proxy-${i + 1}`, { static: p })),
      ...this.#config.templates.map((t, i) => new ProxyMember(t.id ?? `template-${i + 1}`, { template: t })),
    ];
    const ids = new Set<string>();
    for (const m of this.#members) {
      if (ids.has(m.id)) throw new InvalidInputError('INVALID_INPUT', `The proxy pool configuration is not valid: duplicate proxy id "${m.id}"`);
      ids.add(m.id);
    }
  }

  select(opts: ProxySelectOptions = {}): ProxyLease | undefined {
    if (opts.tier !== undefined && !isProxyTier(opts.tier)) {
      throw new InvalidInputError('INVALID_INPUT', `unknown proxy tier "${String(opts.tier)}"; use ${PROXY_TIERS.join(', ')}`);
    }
    if (opts.country !== undefined && !/^[A-Za-z]{2}$/.test(opts.country)) {
      throw new InvalidInputError('INVALID_INPUT', `proxy country "${opts.country}" is not a two-letter code such as "us"`);
    }
    const now = this.#now();
    this.#expire(now);
    const { tier, sessionId } = opts;
    const country = opts.country?.toLowerCase();
    const domain = opts.domain === undefined ? undefined : normalizeDomain(opts.domain);
    const fits = (m: ProxyMember): boolean => (tier === undefined || m.tier === tier) && m.canServeCountry(country) && m.isUsable(now, domain);

    if (sessionId !== undefined) {
      const bound = this.#sessions.get(sessionId);
      this.#sessions.delete(sessionId);
      if (bound && bound.country === country && bound.uses < this.#config.maxUsagePerSession && fits(bound.member)) {
        bound.uses++;
        bound.lastUsed = now;
        this.#sessions.set(sessionId, bound); // re-inserted: the map stays ordered by last use
        return this.#lease(bound.member, country, bound.token, sessionId, now);
      }
    }
    const member = this.#pick(this.#members.filter(fits), tier);
    if (!member) return undefined;
    const token = member.needsSessionToken(sessionId !== undefined) ? randomBytes(6).toString('hex') : undefined;
    if (sessionId !== undefined) this.#sessions.set(sessionId, { member, token, country, uses: 1, lastUsed: now });
    return this.#lease(member, country, token, sessionId, now);
  }

  reportSuccess(leaseId: string, outcome: { domain?: string; ms: number }): void {
    const lease = this.#release(leaseId);
    if (!lease) return;
    const m = lease.member;
    m.failures = 0;
    m.successes++;
    if (Number.isFinite(outcome.ms) && outcome.ms >= 0) m.totalMs += outcome.ms;
    if (outcome.domain !== undefined) m.domainCooldowns.delete(normalizeDomain(outcome.domain));
  }

  reportFailure(leaseId: string, outcome: { domain?: string; kind: ProxyFailureKind }): void {
    const lease = this.#release(leaseId);
    if (!lease) return;
    if (lease.sessionId !== undefined && this.#sessions.get(lease.sessionId)?.member === lease.member) this.#sessions.delete(lease.sessionId);
    const m = lease.member;
    if (m.removed) return;
    const now = this.#now();
    const domain = outcome.domain === undefined ? undefined : normalizeDomain(outcome.domain);
    m.totalFailures++;
    if (outcome.kind === 'auth') {
      this.#remove(m, 'auth', `${describe(m)} rejected its credentials (HTTP 407 Proxy Authentication Required): removed from the pool; fix its user name and password`, now);
    } else if (outcome.kind === 'blocked') {
      if (m.kind === 'template') return;
      const until = now + this.#config.cooldownMs;
      if (domain !== undefined) m.domainCooldowns.set(domain, until);
      else m.cooldownUntil = until;
      this.#emit({ type: 'cooldown', proxyId: m.id, endpoint: m.endpoint, until, ...(domain ? { domain } : {}), reason: `${describe(m)} was blocked${domain ? ` by ${domain}` : ''}` });
    } else {
      this.#countFailure(m, outcome.kind, now);
    }
  }

  /** Probes every proxy once (see the class notes). Never rejects. */
  async healthCheck(checker: ProxyHealthChecker): Promise<HealthCheckReport> {
    const report: HealthCheckReport = { checked: 0, healthy: 0, restored: [], failed: [] };
    const targets = this.#members.filter((m) => m.removed?.kind !== 'auth');
    await forEachLimited(targets, HEALTH_CHECK_CONCURRENCY, async (m) => {
      const url = m.urlFor(undefined, m.needsSessionToken(true) ? randomBytes(6).toString('hex') : undefined);
      const ok = await checkWithTimeout(checker, url, this.#config.healthCheckTimeoutMs);
      const now = this.#now();
      report.checked++;
      m.lastHealthCheck = { at: now, ok };
      if (m.removed?.kind === 'auth') return;
      if (!ok) {
        report.failed.push(m.id);
        if (!m.removed) this.#countFailure(m, 'health check', now);
        return;
      }
      report.healthy++;
      const wasDown = m.removed !== undefined || m.cooldownUntil > now;
      m.removed = undefined;
      m.cooldownUntil = 0;
      m.failures = 0;
      if (wasDown) {
        report.restored.push(m.id);
        this.#emit({ type: 'restored', proxyId: m.id, endpoint: m.endpoint, reason: `${describe(m)} passed its health check and is back in the pool` });
      }
    });
    return report;
  }

  /** Runs healthCheck(checker) every healthCheckIntervalMs (the timer does not keep the process alive). */
  start(checker: ProxyHealthChecker): void {
    clearInterval(this.#timer);
    this.#timer = setInterval(() => {
      this.#round ??= this.healthCheck(checker)
        .catch(() => undefined)
        .finally(() => {
          this.#round = undefined;
        });
    }, this.#config.healthCheckIntervalMs);
    this.#timer.unref();
  }

  /** Stops the periodic checks and waits for a round in progress. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#round;
  }

  /** The next tier after `tier` (datacenter → residential → mobile) that this pool has a proxy for. */
  nextTier(tier: ProxyTier): ProxyTier | undefined {
    const rest = PROXY_TIERS.slice(PROXY_TIERS.indexOf(tier) + 1);
    return rest.find((t) => this.#members.some((m) => m.tier === t && !m.removed));
  }

  /** Counts and per-proxy health; never a credential. */
  stats(): ProxyPoolStats {
    const now = this.#now();
    this.#expire(now);
    return proxyPoolStats(this.#members, now, this.#sessions.size);
  }

  toJSON(): ProxyPoolStats {
    return this.stats();
  }

  #pick(candidates: ProxyMember[], tier: ProxyTier | undefined): ProxyMember | undefined {
    const cheapest = tier ?? PROXY_TIERS.find((t) => candidates.some((m) => m.tier === t));
    const load = new Map<string, number>();
    for (const m of this.#members) load.set(m.provider, (load.get(m.provider) ?? 0) + m.inFlight);
    let best: ProxyMember | undefined;
    let bestKey: number[] = [];
    for (const m of candidates) {
      if (m.tier !== cheapest) continue;
      // least-loaded provider, then the provider used longest ago, then its least busy, least recently used proxy
      const key = [load.get(m.provider) ?? 0, this.#providerSeq.get(m.provider) ?? 0, m.inFlight, m.lastSelectedSeq];
      if (!best || lexicographicallyLess(key, bestKey)) {
        best = m;
        bestKey = key;
      }
    }
    return best;
  }

  #lease(m: ProxyMember, country: string | undefined, token: string | undefined, sessionId: string | undefined, now: number): ProxyLease {
    const seq = ++this.#seq;
    m.inFlight++;
    m.lastSelectedSeq = seq;
    this.#providerSeq.set(m.provider, seq);
    const id = `${m.id}~${seq.toString(36)}`;
    this.#leases.set(id, { member: m, sessionId, at: now });
    return new ProxyLease({
      id, proxyId: m.id, url: m.urlFor(country, token), endpoint: m.endpoint, tier: m.tier, provider: m.provider, country: m.countryFor(country), sessionId,
    });
  }

  #release(leaseId: string): { member: ProxyMember; sessionId: string | undefined } | undefined {
    const lease = this.#leases.get(leaseId);
    if (!lease) return undefined;
    this.#leases.delete(leaseId);
    lease.member.inFlight--;
    return lease;
  }

  /** Drops leases past leaseTimeoutMs and sessions idle past sessionIdleMs (both maps are ordered oldest first). */
  #expire(now: number): void {
    for (const [id, lease] of this.#leases) {
      if (now - lease.at < this.#config.leaseTimeoutMs) break;
      this.#release(id);
    }
    for (const [id, s] of this.#sessions) {
      if (now - s.lastUsed < this.#config.sessionIdleMs) break;
      this.#sessions.delete(id);
    }
  }

  #countFailure(m: ProxyMember, what: string, now: number): void {
    m.failures++;
    if (m.failures >= this.#config.maxFailuresBeforeRemoval) {
      this.#remove(m, 'failures', `${describe(m)} removed after ${m.failures} consecutive failures (last: ${what}); a passing health check brings it back`, now);
      return;
    }
    m.cooldownUntil = now + this.#config.cooldownMs;
    this.#emit({ type: 'cooldown', proxyId: m.id, endpoint: m.endpoint, until: m.cooldownUntil, reason: `${describe(m)} failed (${what}), ${m.failures} of ${this.#config.maxFailuresBeforeRemoval} in a row` });
  }

  #remove(m: ProxyMember, kind: 'auth' | 'failures', reason: string, now: number): void {
    m.removed = { kind, reason, at: now };
    for (const [id, s] of this.#sessions) if (s.member === m) this.#sessions.delete(id);
    this.#emit({ type: 'removed', proxyId: m.id, endpoint: m.endpoint, reason });
  }

  #emit(event: ProxyPoolEvent): void {
    try {
      this.#onEvent?.(event);
    } catch {
      // a failing listener must not break proxy selection
    }
  }
}
