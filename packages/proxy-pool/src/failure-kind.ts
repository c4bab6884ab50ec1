import { isScrapifieError } from '@scrapifie/recipe';
import type { ProxyFailureKind } from './member.ts';

/**
 * How a fetch through a proxy went, as a failure kind for ProxyPool.reportFailure, or undefined when the
 * proxy did its job (any other status, including the site's own 4xx and 5xx).
 * - a 407 response: `auth` (the proxy refused our credentials);
 * - a TIMEOUT error: `timeout`; a CONNECTION_ERROR: `connect`;
 * - a BLOCKED error, or `blocked: true` from a block detector: `blocked`.
 * Other errors (invalid URL, body too large, cancelled) say nothing about the proxy.
 */
export function proxyFailureKind(outcome: { status?: number; error?: unknown; blocked?: boolean }): ProxyFailureKind | undefined {
  if (outcome.status === 407) return 'auth';
  if (outcome.blocked) return 'blocked';
  const e = outcome.error;
  if (e === undefined) return undefined;
  if (!isScrapifieError(e)) return 'connect';
  if (e.code === 'TIMEOUT') return 'timeout';
  if (e.code === 'CONNECTION_ERROR') return 'connect';
  if (e.code === 'BLOCKED') return 'blocked';
  return undefined;
}
