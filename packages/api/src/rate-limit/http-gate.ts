import { isIP } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock, Logger, RateLimitDecision, RateLimiter, RateLimitRule } from '@scrapifie/engine';
import type { Principal } from '../context.ts';
import { ApiError, toApiError } from '../errors.ts';
import { sendError, sendJson } from '../http/envelope.ts';
import { costsOf, type RuleName } from './rules.ts';

export interface RateLimitGateOptions {
  limiter: RateLimiter;
  rules: Record<RuleName, RateLimitRule>;
  /** Take the client address from X-Forwarded-For (its first entry): only behind a proxy that sets it. */
  trustProxy: boolean;
  clock: Clock;
  logger: Logger;
  /** The caller when it presents an API key that is valid (undefined otherwise): its bucket is then the key's. */
  apiKeyCaller?: ((req: IncomingMessage) => Promise<Principal | undefined>) | undefined;
}

/** The client's address: the connection's peer, or with trustProxy the first address of X-Forwarded-For. */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const fwd = req.headers['x-forwarded-for'];
    const first = (Array.isArray(fwd) ? fwd[0] : fwd)?.split(',')[0]?.trim();
    if (first && isIP(first)) return first;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

/** The bucket a caller counts against: its API key when it signed in with one, its address otherwise. */
export function callerKey(req: IncomingMessage, principal: Principal | undefined, trustProxy: boolean): string {
  if (principal?.kind === 'apiKey') return `key:${principal.id}`;
  return `ip:${clientAddress(req, trustProxy)}`;
}

/** A tRPC-shaped error answer (one per procedure of a batch), so tRPC clients see the API code as for any error. */
function sendTrpcRefusal(res: ServerResponse, sub: string, batch: boolean, err: ReturnType<typeof toApiError>, headers: Record<string, string>): void {
  const shape = (path: string) => ({
    error: { message: err.message, code: -32029, data: { code: 'TOO_MANY_REQUESTS', httpStatus: 429, path, apiCode: err.code, retryable: true, issues: [] } },
  });
  const paths = sub.split(',');
  sendJson(res, 429, batch ? paths.map(shape) : shape(paths[0] ?? ''), { ...headers, 'retry-after': String(err.retryAfterSeconds ?? 1) });
}

/**
 * Counts one request against the caller's buckets before any procedure runs; sets RateLimit-Limit, RateLimit-Remaining
 * and RateLimit-Reset (the tightest bucket) and answers 429 TOO_MANY_REQUESTS with Retry-After when a bucket is empty.
 * Resolves false when it answered (the request must go no further).
 */
export function createRateLimitGate(o: RateLimitGateOptions) {
  return async (req: IncomingMessage, res: ServerResponse, kind: 'trpc' | 'rest', sub: string, requestId: string): Promise<boolean> => {
    const key = callerKey(req, await o.apiKeyCaller?.(req), o.trustProxy);
    const now = o.clock.now();
    let tightest: RateLimitDecision | undefined;
    let refusedBy: RuleName | undefined;
    try {
      for (const [name, cost] of costsOf(kind, sub)) {
        const d = await o.limiter.hit(key, o.rules[name], now, cost);
        if (!tightest || d.remaining < tightest.remaining || !d.allowed) tightest = d;
        if (!d.allowed) {
          refusedBy = name;
          break;
        }
      }
    } catch (e) {
      // The limiter's store is down: serve the request rather than refuse everyone, and say so loudly.
      o.logger.error('rate limiter failed: request served without a limit', { error: e instanceof Error ? e.message : String(e) });
      return true;
    }
    if (!tightest) return true;
    const headers = {
      'ratelimit-limit': String(tightest.limit),
      'ratelimit-remaining': String(tightest.remaining),
      'ratelimit-reset': String(Math.max(0, Math.ceil((tightest.resetAt - now) / 1000))),
    };
    if (refusedBy === undefined) {
      for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
      return true;
    }
    const rule = o.rules[refusedBy];
    const what = refusedBy === 'auth' ? 'sign-in and token calls' : refusedBy === 'designer' ? 'designer calls' : 'calls';
    const err = toApiError(
      new ApiError('TOO_MANY_REQUESTS', `Too many ${what}: at most ${rule.limit} per ${rule.windowMs / 1000} s ${key.startsWith('key:') ? 'per API key' : 'per client address'}; retry in ${tightest.retryAfterSeconds} s`, {
        retryAfterSeconds: tightest.retryAfterSeconds,
      }),
    );
    if (kind === 'rest') sendError(res, err, requestId, headers);
    else sendTrpcRefusal(res, sub, new URL(req.url ?? '/', 'http://api.invalid').searchParams.get('batch') === '1', err, headers);
    return false;
  };
}
