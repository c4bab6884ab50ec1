import { randomUUID } from 'node:crypto';
import type { AppStore, Clock, CrawlStore, Fetcher, Logger, RateLimiter } from '@scrapifie/engine';
import type { DesignerService } from './designer/service.ts';
import type { RunLauncher } from './launcher/types.ts';
import type { SecretCipher } from './secrets/cipher.ts';
import { DEFAULT_LIMITS, type ApiLimits } from './limits.ts';
import type { WorkspaceQuotas } from './metering/quotas.ts';
import type { RateLimitSettings } from './rate-limit/rules.ts';
import type { WebhookDispatcher } from './webhooks/dispatcher.ts';

import type { TargetPolicy } from './ssrf/target-policy.ts';
import type { ProxyPoolFactory } from './services/proxy-pool-types.ts';

export type { TargetPolicy } from './ssrf/target-policy.ts';

/** The services the router works with. The app chooses the adapters; nothing in the API is a singleton. */
export interface ApiServices {
  store: CrawlStore;
  launcher: RunLauncher;
  /** The fetch tiers this runtime has (the launcher crawls with them; the API checks which modes are available). */
  fetchers: { http: Fetcher; browser?: Fetcher | undefined };
  clock: Clock;
  logger: Logger;
  targetPolicy?: TargetPolicy | undefined;
  limits?: Partial<ApiLimits> | undefined;
  /** The visual designer's live page sessions (the app builds it on @scrapifie/designer; absent: no designer). */
  designer?: DesignerService | undefined;
  /**
   * What the API keeps beyond crawls (users, workspaces, keys, recipe library, schedules, webhooks, credentials,
   * proxies, usage). Absent: those procedures answer TIER_UNAVAILABLE-style "not configured" errors.
   */
  app?: AppStore | undefined;
  /**
   * Server mode: every request must name its caller (an access token or an API key, resolved by the transport into
   * `RequestInfo.principal`); without one, every procedure but the public ones refuses with UNAUTHORIZED.
   * Off (the desktop, a loopback-only `serve`): every call is the local owner of `localWorkspaceId`.
   */
  authRequired?: boolean | undefined;
  /** The workspace the local owner works in when authentication is off (the desktop creates one on first start). */
  localWorkspaceId?: string | undefined;
  /** Builds a run's proxy pool from its workspace's proxies (absent: runs use direct connections only). */
  proxyPoolFor?: ProxyPoolFactory | undefined;
  /** Encrypts credentials and webhook secrets at rest (absent: those procedures answer NOT_CONFIGURED). */
  secrets?: SecretCipher | undefined;
  /**
   * Sign-in settings (server mode): `tokenSecret` signs access tokens (HS256, at least 32 bytes, kept secret and
   * stable across restarts or every token dies); access tokens live `accessTtlMs` (15 min), refresh tokens
   * `refreshTtlMs` (7 days); `allowSignup` lets anyone register (otherwise only the first user, who bootstraps the
   * server). Absent: sign-in procedures answer NOT_CONFIGURED and bearer tokens are refused.
   */
  auth?: AuthSettings | undefined;
  /**
   * The API's own rate limits over HTTP (/trpc and /api/v1), per API key or per client address (defaults: auth 5/min,
   * general 100/min). On by default when `authRequired`; `false` turns them off.
   */
  rateLimits?: RateLimitSettings | false | undefined;
  /** Where the rate limits count (default: in this process; RedisRateLimiter shares them across servers). */
  rateLimiter?: RateLimiter | undefined;
  /** Per-workspace quotas (absent: none), reserved atomically in the AppStore before work starts. */
  quotas?: WorkspaceQuotas | undefined;
  /** Webhook subscriptions' deliveries (signing, durable retries) and the run events that feed them (absent: NOT_CONFIGURED). */
  webhooks?: WebhookDispatcher | undefined;
}

export interface AuthSettings {
  tokenSecret: Buffer;
  accessTtlMs?: number | undefined;
  refreshTtlMs?: number | undefined;
  allowSignup?: boolean | undefined;
}

export type Role = 'owner' | 'admin' | 'editor' | 'viewer';

/**
 * Who is calling, resolved by the transport before the procedure runs: `local` (authentication off: the single
 * desktop user, owner of the local workspace), `user` (an access token; `workspaceId`/`role` are the workspace the
 * request names and the user's role there, null when it names none), `apiKey` (a key belongs to one workspace with
 * one role) or `anonymous` (server mode, no credentials: only public procedures answer).
 */
export interface Principal {
  kind: 'local' | 'user' | 'apiKey' | 'anonymous';
  /** The user id, the API key id, 'local' or 'anonymous'. */
  id: string;
  workspaceId: string | null;
  role: Role | null;
}

export const LOCAL_PRINCIPAL: Principal = Object.freeze({ kind: 'local', id: 'local', workspaceId: null, role: 'owner' });
export const ANONYMOUS_PRINCIPAL: Principal = Object.freeze({ kind: 'anonymous', id: 'anonymous', workspaceId: null, role: null });

/** Strongest first; `atLeast(role, min)` is the one comparison of roles. */
export const ROLES: readonly Role[] = ['owner', 'admin', 'editor', 'viewer'];
export function atLeast(role: Role | null, min: Role): boolean {
  return role !== null && ROLES.indexOf(role) <= ROLES.indexOf(min);
}

export interface ApiContext {
  services: ApiServices;
  limits: ApiLimits;
  principal: Principal;
  requestId: string;
  logger: Logger;
}

/** What a transport knows about one request. */
export interface RequestInfo {
  requestId?: string | undefined;
  principal?: Principal | undefined;
}

/** The context factory every transport calls per request (HTTP, IPC, tests via createCallerFactory). */
export function createContext(services: ApiServices): (req?: RequestInfo) => ApiContext {
  const limits: ApiLimits = { ...DEFAULT_LIMITS, ...services.limits };
  const local: Principal = Object.freeze({ ...LOCAL_PRINCIPAL, workspaceId: services.localWorkspaceId ?? null });
  return (req = {}) => {
    const requestId = req.requestId ?? randomUUID();
    const principal = req.principal ?? (services.authRequired ? ANONYMOUS_PRINCIPAL : local);
    return { services, limits, principal, requestId, logger: services.logger.child({ requestId }) };
  };
}
