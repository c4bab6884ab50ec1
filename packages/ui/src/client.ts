import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink, type TRPCClient, type TRPCLink } from '@trpc/client';
import type { AppRouter } from '@scrapifie/api';
import { authRetryLink } from './auth-link.ts';
import { sessionFor, type AuthSession } from './session.ts';

export type StudioClient = TRPCClient<AppRouter>;
export type StudioLink = TRPCLink<AppRouter>;

/**
 * The web studio's links: batched HTTP for queries and mutations, SSE for subscriptions, both at `${base}/trpc`.
 * In server mode each call carries the session's access token (Authorization: Bearer; for SSE in connectionParams)
 * and workspace (X-Workspace-Id); a call refused as UNAUTHORIZED is retried once after a token refresh.
 */
export function webLink(base = globalThis.location?.origin ?? '', session: AuthSession = sessionFor(base)): StudioLink[] {
  const url = `${base}/trpc`;
  return [
    authRetryLink(session),
    splitLink({
      condition: (op) => op.type === 'subscription',
      true: httpSubscriptionLink({ url, connectionParams: () => session.connectionParams() }),
      false: httpBatchLink({ url, maxItems: 10, headers: () => session.headers() }),
    }),
  ];
}

/** A client over the given links (the desktop passes its IPC link), or the web links. */
export function createStudioClient(link?: StudioLink | StudioLink[]): StudioClient {
  const links = link ?? webLink();
  return createTRPCClient<AppRouter>({ links: Array.isArray(links) ? links : [links] });
}

let current: StudioClient | undefined;

/** The client the stores use (set once when the studio mounts; tests set their own). */
export function setClient(client: StudioClient): void {
  current = client;
}

export function client(): StudioClient {
  if (!current) throw new Error('the studio has no API client yet: mountStudio() sets it');
  return current;
}

/** A readable message of any error (tRPC errors carry the API's message). */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
