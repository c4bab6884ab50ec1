import { BlockedError, ScrapifieError, type RetryPolicy } from '@scrapifie/recipe';
import type { ProxyFailure } from '../ports/proxy-provider.ts';
import type { TierDimension } from '../ports/tier-memory.ts';
import { mayRetry } from '../crawl/backoff.ts';
import { renders, type Ladder, type Rung } from './ladder.ts';

/** Why a fetch did not give the page, as escalation sees it. */
export type Signal =
  /** The content is not there without JavaScript (a JS-only shell; strong) or seems not to be (no items; weak). */
  | { kind: 'content'; strong: boolean; reason: string }
  /** A bot wall a stronger fetch tier gets past (challenge, CAPTCHA gate). */
  | { kind: 'blocked'; reason: string; retryAfterMs?: number | undefined }
  /** An IP-level block (rate limit, "you have been blocked"): a stronger proxy tier helps most. */
  | { kind: 'ip'; reason: string; retryAfterMs?: number | undefined }
  /** The proxy failed (refused, timed out, 407): another proxy of the same tier. */
  | { kind: 'proxy'; error: ScrapifieError; failure: ProxyFailure }
  /** A transient failure (timeout, 5xx, 429, dropped connection): back off, and escalate after `escalateAfter`. */
  | { kind: 'transient'; error: ScrapifieError; retryAfterMs?: number | undefined };

/** Where a request stands on the ladder. `transient` counts transient and proxy failures (bounded by retry.maxAttempts). */
export interface LadderState extends Rung {
  transient: number;
  /** The render hint failed once (its selector never appeared, or was invalid): fetch without it. */
  noHint: boolean;
}

export type Decision =
  | { kind: 'accept' }
  /**
   * Try again at `rung`: after `delay` ms (0 for escalations, Retry-After when the wall named one), or after the
   * retry policy's backoff for `{ backoff: failures }`.
   */
  | { kind: 'retry'; rung: Rung; delay: number | { backoff: number }; transient: boolean; error: ScrapifieError; blame: TierDimension[] }
  | { kind: 'fail'; error: ScrapifieError; blame: TierDimension[] };

function retry(rung: Rung, error: ScrapifieError, blame: TierDimension[], delay: number | { backoff: number } = 0, transient = false): Decision {
  return { kind: 'retry', rung, delay, transient, error, blame };
}

function blockedError(reason: string, then: string, retryAfterMs: number | undefined): BlockedError {
  return new BlockedError(`${reason}; ${then}`, retryAfterMs === undefined ? {} : { retryAfterMs });
}

/** A block: climb `first` (fetch or proxy), else the other dimension; name what is missing when neither can go up. */
function climbPastBlock(state: LadderState, ladder: Ladder, reason: string, retryAfterMs: number | undefined, first: TierDimension): Decision {
  const f = ladder.nextFetch(state.fetchTier);
  const p = ladder.nextProxy(state.proxyTier);
  const options: Array<{ dim: TierDimension; rung: Rung }> = [];
  if (f) options.push({ dim: 'fetch', rung: { fetchTier: f, proxyTier: state.proxyTier } });
  if (p) options.push({ dim: 'proxy', rung: { fetchTier: state.fetchTier, proxyTier: p } });
  if (first === 'proxy') options.reverse();
  for (const o of options) {
    if (!ladder.canUse(o.rung)) continue;
    const what = o.dim === 'fetch' ? `retrying on the ${o.rung.fetchTier} tier` : `retrying through ${o.rung.proxyTier} proxies`;
    return retry(o.rung, blockedError(reason, what, retryAfterMs), [o.dim], retryAfterMs ?? 0);
  }
  const needed = options[0];
  if (needed) {
    const err = new ScrapifieError('TIER_UNAVAILABLE', `${reason}; getting past it needs ${ladder.missing(needed.rung)}`);
    return { kind: 'fail', error: err, blame: [needed.dim] };
  }
  const top = `no stronger tier left (fetch tier ${state.fetchTier}, proxy tier ${state.proxyTier})`;
  return { kind: 'fail', error: new ScrapifieError('BLOCKED', `${reason}; ${top}`), blame: ['fetch', 'proxy'] };
}

/**
 * What to do after `signal` at the request's current rung. Escalations past blocks and missing content go at once
 * (each one climbs, so they end); transient and proxy failures count against retry.maxAttempts.
 */
export function decide(state: LadderState, signal: Signal, ladder: Ladder, policy: RetryPolicy): Decision {
  switch (signal.kind) {
    case 'content': {
      if (renders(state.fetchTier)) return { kind: 'accept' };
      const next = ladder.nextFetch(state.fetchTier, { rendering: true });
      if (next === undefined) return { kind: 'accept' };
      const rung = { fetchTier: next, proxyTier: state.proxyTier };
      if (ladder.canUse(rung)) return retry(rung, new BlockedError(`${signal.reason}; rendering it on the ${next} tier`), ['fetch']);
      if (!signal.strong) return { kind: 'accept' };
      return { kind: 'fail', error: new ScrapifieError('TIER_UNAVAILABLE', `${signal.reason}; rendering it needs ${ladder.missing(rung)}`), blame: ['fetch'] };
    }
    case 'blocked':
      return climbPastBlock(state, ladder, signal.reason, signal.retryAfterMs, 'fetch');
    case 'ip':
      return climbPastBlock(state, ladder, signal.reason, signal.retryAfterMs, 'proxy');
    case 'proxy': {
      const failed = state.transient + 1;
      if (!mayRetry(policy, failed)) return { kind: 'fail', error: signal.error, blame: [] };
      return retry({ fetchTier: state.fetchTier, proxyTier: state.proxyTier }, signal.error, [], 0, true);
    }
    case 'transient': {
      const failed = state.transient + 1;
      if (!mayRetry(policy, failed)) return { kind: 'fail', error: signal.error, blame: [] };
      let rung: Rung = { fetchTier: state.fetchTier, proxyTier: state.proxyTier };
      const up = failed >= policy.escalateAfter ? ladder.nextFetch(state.fetchTier) : undefined;
      if (up !== undefined && ladder.canUse({ fetchTier: up, proxyTier: state.proxyTier })) rung = { fetchTier: up, proxyTier: state.proxyTier };
      return retry(rung, signal.error, [], { backoff: failed }, true);
    }
  }
}
