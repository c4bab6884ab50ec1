import { RetryableError, ScrapifieError, type PageSpec, type Recipe } from '@scrapifie/recipe';
import type { PageOutcome } from '@scrapifie/extract';
import type { BlockDetector } from '../ports/block-detector.ts';
import type { Fetcher, FetchRequest, FetchResponse } from '../ports/fetcher.ts';
import type { ProxyFailure, ProxyProvider, ProxyUse } from '../ports/proxy-provider.ts';
import type { TierMemory } from '../ports/tier-memory.ts';
import type { CostMeter } from './cost.ts';
import { decide, type Decision, type LadderState, type Signal } from './escalation.ts';
import { Ladder, renders, type Fetchers, type Rung } from './ladder.ts';
import { extractionSignal, foundNothing, verdictSignal } from './signals.ts';

export interface TierControllerOptions {
  runId: string;
  recipe: Recipe;
  fetchers: Fetchers;
  memory: TierMemory;
  cost: CostMeter;
  proxies?: ProxyProvider | undefined;
  detector?: BlockDetector | undefined;
}

/** What the controller needs to know of a request. */
export interface TierTarget {
  id: number;
  url: string;
  /** Politeness key (host[:port]): tier memory and proxy cooldowns are per domain. */
  domain: string;
  /** Failed attempts so far (from the store). */
  attempts: number;
}

/** One fetch as planned: where (rung), with what, and the proxy it took. */
export interface PlannedFetch {
  rung: Rung;
  fetcher: Fetcher;
  request: FetchRequest;
  /** The request carries the engine's render hint (the item selector). */
  hinted: boolean;
  domain: string;
  proxy: ProxyUse | undefined;
  startedAt: number;
}

/** How long the render hint may wait for the items (it never waits longer than the request's timeout). */
const HINT_WAIT_MS = 10_000;
const decoder = new TextDecoder();

/**
 * Fetch mode "auto" and proxy tiers: picks each request's rung (from the tier memory at first, higher after blocks),
 * takes proxies, turns what came back into escalation signals, and records what each outcome teaches (tier memory,
 * proxy health, cost). One per run.
 */
export class TierController {
  readonly ladder: Ladder;
  private readonly o: TierControllerOptions;
  private readonly states = new Map<number, LadderState>();

  constructor(o: TierControllerOptions) {
    this.o = o;
    this.ladder = new Ladder(o.recipe, o.fetchers, o.proxies);
  }

  private stateOf(t: TierTarget): LadderState {
    let s = this.states.get(t.id);
    if (s) return s;
    const { memory } = this.o;
    const fetchTiers = this.ladder.fetchTiers.filter((f) => this.ladder.fetcher(f) !== undefined);
    const fetchTier = fetchTiers.length > 1 ? memory.choose(t.domain, 'fetch', fetchTiers) : (fetchTiers[0] ?? 'http');
    const proxyTiers = this.ladder.proxyTiers.filter((p) => this.ladder.canUse({ fetchTier, proxyTier: p }));
    if (proxyTiers.length === 0) {
      throw new ScrapifieError('TIER_UNAVAILABLE', `No proxy tier of the recipe is usable on the ${fetchTier} tier: it needs ${this.ladder.missing({ fetchTier, proxyTier: this.ladder.proxyTiers[0] ?? 'none' })}`);
    }
    const proxyTier = proxyTiers.length > 1 ? memory.choose(t.domain, 'proxy', proxyTiers) : (proxyTiers[0] ?? 'none');
    s = { fetchTier, proxyTier, transient: t.attempts, noHint: false };
    this.states.set(t.id, s);
    return s;
  }

  /** The fetch of this attempt (throws TIER_UNAVAILABLE when the runtime cannot fetch where the request stands). */
  plan(t: TierTarget, base: Omit<FetchRequest, 'url'>, spec: PageSpec): PlannedFetch {
    const s = this.stateOf(t);
    const rung: Rung = { fetchTier: s.fetchTier, proxyTier: s.proxyTier };
    const fetcher = this.ladder.fetcher(rung.fetchTier);
    if (!fetcher) throw new ScrapifieError('TIER_UNAVAILABLE', `${t.url} needs ${this.ladder.missing(rung)}`);
    const request: FetchRequest = { ...base, url: t.url };
    const { recipe } = this.o;
    if (recipe.fetch.proxy?.sticky) request.sessionId = `${this.o.runId}:${t.domain}`;
    const css = spec.items?.css;
    const wait = recipe.fetch.browser;
    const hinted = recipe.fetch.mode === 'auto' && renders(rung.fetchTier) && !s.noHint && css !== undefined && wait?.waitForSelector === undefined;
    if (hinted) request.browser = { ...wait, waitForSelector: css, waitForSelectorTimeoutMs: Math.min(HINT_WAIT_MS, base.timeoutMs) };
    else if (renders(rung.fetchTier) && wait !== undefined) {
      // The recipe's own browser options (fetch.browser: its wait, its login...) travel with the request.
      request.browser = { ...wait };
    }
    return { rung, fetcher, request, hinted, domain: t.domain, proxy: undefined, startedAt: 0 };
  }

  /** Takes a proxy for the planned fetch, right before it goes; a tier with nothing usable now passes to the next one. */
  attachProxy(t: TierTarget, plan: PlannedFetch): void {
    const { proxies, recipe } = this.o;
    while (plan.rung.proxyTier !== 'none' && proxies) {
      const tier = plan.rung.proxyTier;
      const use = proxies.select({ tier, domain: plan.domain, country: recipe.fetch.proxy?.country, sessionId: plan.request.sessionId });
      if (use) {
        plan.proxy = use;
        plan.request.proxyUrl = use.url;
        return;
      }
      const next = this.ladder.nextProxy(tier);
      if (next === undefined || !this.ladder.canUse({ fetchTier: plan.rung.fetchTier, proxyTier: next })) {
        throw new RetryableError('TIER_UNAVAILABLE', `no ${tier} proxy is usable for ${plan.domain} now (all resting or removed)`);
      }
      plan.rung = { ...plan.rung, proxyTier: next };
      this.stateOf(t).proxyTier = next;
    }
  }

  private detect(plan: PlannedFetch, res: FetchResponse): Signal | undefined {
    const detector = this.o.detector;
    if (!detector || !this.ladder.climbs) return undefined;
    const verdict = detector({ status: res.status, headers: res.headers, body: decoder.decode(res.body), url: res.url });
    const signal = verdictSignal(verdict, res.status);
    // A rate limit with no stronger proxy tier to move to is left to the retry policy (back off, honour Retry-After).
    if (signal?.kind === 'ip' && verdict.kind === 'rate-limit' && this.ladder.nextProxy(plan.rung.proxyTier) === undefined) return undefined;
    return signal;
  }

  /** Before the status is classified: a proxy's 407, or a wall behind an error status. */
  screen(plan: PlannedFetch, res: FetchResponse): Signal | undefined {
    if (plan.proxy && res.status === 407) {
      return { kind: 'proxy', failure: 'auth', error: new RetryableError('CONNECTION_ERROR', `the ${plan.rung.proxyTier} proxy refused our credentials (HTTP 407)`) };
    }
    if (res.status < 400 || res.status === 404 || res.status === 410) return undefined;
    return this.detect(plan, res);
  }

  /** A thrown fetch error as a signal; undefined when it ends the request (not retryable). */
  thrownSignal(t: TierTarget, plan: PlannedFetch, error: ScrapifieError): Signal | undefined {
    if (plan.proxy && (error.code === 'CONNECTION_ERROR' || error.code === 'TIMEOUT')) {
      return { kind: 'proxy', error, failure: error.code === 'TIMEOUT' ? 'timeout' : 'connect' };
    }
    if (plan.hinted && (error.code === 'TIMEOUT' || error.code === 'INVALID_INPUT')) {
      // The items never showed (or the selector is one the browser does not know): next time, read the page without waiting.
      this.stateOf(t).noHint = true;
      return { kind: 'transient', error: error.retryable ? error : new RetryableError(error.code, error.message) };
    }
    return error.retryable ? { kind: 'transient', error, retryAfterMs: error.retryAfterMs } : undefined;
  }

  /** After a 2xx page was evaluated: a wall or missing content, or undefined to accept the page. */
  judgePage(plan: PlannedFetch, res: FetchResponse, spec: PageSpec, outcome: PageOutcome): Signal | undefined {
    if (!this.ladder.climbs) return undefined;
    if (foundNothing(spec, outcome)) {
      const detected = this.detect(plan, res);
      if (detected) return detected;
    }
    if (renders(plan.rung.fetchTier)) return undefined;
    return extractionSignal(spec, outcome, () => decoder.decode(res.body));
  }

  /** Decides what `signal` leads to, records what it teaches (tier memory, proxy health) and moves the request. */
  decide(t: TierTarget, plan: PlannedFetch, signal: Signal): Decision {
    const state = this.stateOf(t);
    const d = decide(state, signal, this.ladder, this.o.recipe.fetch.retry);
    if (d.kind === 'accept') return d;
    this.settleProxy(plan, signal.kind === 'proxy' ? signal.failure : signal.kind === 'blocked' || signal.kind === 'ip' ? 'blocked' : undefined);
    for (const dim of d.blame) this.remember(t.domain, dim, dim === 'fetch' ? plan.rung.fetchTier : plan.rung.proxyTier, false);
    if (d.kind === 'fail') this.states.delete(t.id);
    else {
      state.fetchTier = d.rung.fetchTier;
      state.proxyTier = d.rung.proxyTier;
      if (d.transient) state.transient++;
    }
    return d;
  }

  /** The page was accepted: the rung worked. */
  accepted(t: TierTarget, plan: PlannedFetch): void {
    this.settleProxy(plan, undefined);
    this.remember(t.domain, 'fetch', plan.rung.fetchTier, true);
    this.remember(t.domain, 'proxy', plan.rung.proxyTier, true);
    this.o.cost.page(plan.rung);
    this.states.delete(t.id);
  }

  /** The request ended for a reason escalation does not handle (404, invalid URL, a bad page): the proxy did its job. */
  finished(t: TierTarget, plan: PlannedFetch | undefined): void {
    if (plan) this.settleProxy(plan, undefined);
    this.states.delete(t.id);
  }

  /** The fetch never went (the breaker opened meanwhile): the proxy was not used. */
  unused(plan: PlannedFetch): void {
    this.settleProxy(plan, undefined);
  }

  private remember(domain: string, dim: 'fetch' | 'proxy', tier: string, ok: boolean): void {
    const climbs = dim === 'fetch' ? this.ladder.fetchTiers.length > 1 : this.ladder.proxyTiers.length > 1;
    if (climbs) this.o.memory.record(domain, dim, tier, ok);
  }

  /** Reports the plan's proxy back, once: a success unless `failure` says how it failed. */
  private settleProxy(plan: PlannedFetch, failure: ProxyFailure | undefined): void {
    const use = plan.proxy;
    const proxies = this.o.proxies;
    if (!use || !proxies) return;
    plan.proxy = undefined;
    if (failure === undefined) proxies.reportSuccess(use.id, { domain: plan.domain, ms: Math.max(0, performance.now() - plan.startedAt) });
    else proxies.reportFailure(use.id, { domain: plan.domain, kind: failure });
  }
}
