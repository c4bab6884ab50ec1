import type { IncomingMessage } from 'node:http';
import { isApiKeyShaped } from '../auth/api-keys.ts';
import { credentialsFromHeaders, principalOfRequest } from '../auth/resolve-principal.ts';
import type { ApiServices, Principal } from '../context.ts';
import { createRateLimitGate } from './http-gate.ts';
import { MemoryRateLimiter } from './memory.ts';
import { resolveRules } from './rules.ts';

export type RateLimitGate = ReturnType<typeof createRateLimitGate>;

/**
 * The HTTP server's rate limit gate, or null when limits are off: on by default in server mode (`authRequired`), on
 * whenever `rateLimits` or `rateLimiter` is given, off with `rateLimits: false`.
 */
export function rateLimitGateFor(services: ApiServices): RateLimitGate | null {
  const settings = services.rateLimits;
  if (settings === false) return null;
  if (!services.authRequired && settings === undefined && services.rateLimiter === undefined) return null;
  return createRateLimitGate({
    limiter: services.rateLimiter ?? new MemoryRateLimiter(),
    rules: resolveRules(settings),
    trustProxy: settings?.trustProxy === true,
    clock: services.clock,
    logger: services.logger,
    apiKeyCaller: (req) => apiKeyCaller(services, req),
  });
}

/**
 * The caller of a request that presents an API key, when the key is valid: only a verified key gets a bucket of its
 * own (otherwise made-up keys would each get a fresh one). A bad key counts against the client address, and the
 * request itself is then refused UNAUTHORIZED by the transport.
 */
async function apiKeyCaller(services: ApiServices, req: IncomingMessage): Promise<Principal | undefined> {
  const creds = credentialsFromHeaders(req.headers);
  const bearer = /^Bearer[ ]+(\S+)\s*$/i.exec(creds.authorization ?? '')?.[1];
  const given = creds.apiKey?.trim() || bearer;
  if (!given || !(creds.apiKey?.trim() || isApiKeyShaped(given))) return undefined;
  try {
    const p = await principalOfRequest(services, req);
    return p?.kind === 'apiKey' ? p : undefined;
  } catch {
    return undefined; // an invalid or revoked key: the address's bucket (the transport answers UNAUTHORIZED)
  }
}
