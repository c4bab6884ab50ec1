import { randomUUID } from 'node:crypto';
import type { Clock, CrawlStore, Fetcher, Logger } from '@scrapifie/engine';
import type { DesignerService } from './designer/service.ts';
import type { RunLauncher } from './launcher/types.ts';
import { DEFAULT_LIMITS, type ApiLimits } from './limits.ts';

/** Checks a caller-supplied target URL before any work starts (the SSRF guard in server mode; none on the desktop). */
export interface TargetPolicy {
  /** Resolves when the URL may be fetched; throws an InvalidInputError('INVALID_URL') naming why not. */
  checkUrl(url: string): Promise<void>;
}

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
}

export type Role = 'owner' | 'admin' | 'editor' | 'viewer';

/**
 * Who is calling. Phase 1 has no authentication: every call is the local owner. Authentication (users,
 * tokens, API keys) will set this per request, and a `requireRole` middleware will read `role`.
 */
export interface Principal {
  kind: 'local' | 'user' | 'apiKey';
  id: string;
  workspaceId: string | null;
  role: Role;
}

export const LOCAL_PRINCIPAL: Principal = Object.freeze({ kind: 'local', id: 'local', workspaceId: null, role: 'owner' });

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
  return (req = {}) => {
    const requestId = req.requestId ?? randomUUID();
    return { services, limits, principal: req.principal ?? LOCAL_PRINCIPAL, requestId, logger: services.logger.child({ requestId }) };
  };
}
