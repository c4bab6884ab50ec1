import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink, type TRPCClient, type TRPCLink } from '@trpc/client';
import type { AppRouter } from '@scrapifie/api';

export type StudioClient = TRPCClient<AppRouter>;
export type StudioLink = TRPCLink<AppRouter>;

/** The web studio's links: batched HTTP for queries and mutations, SSE for subscriptions, both at `${base}/trpc`. */
export function webLink(base = globalThis.location?.origin ?? ''): StudioLink {
  const url = `${base}/trpc`;
  return splitLink({
    condition: (op) => op.type === 'subscription',
    true: httpSubscriptionLink({ url }),
    false: httpBatchLink({ url, maxItems: 10 }),
  });
}

/** A client over the given link (the desktop passes its IPC link), or the web links. */
export function createStudioClient(link?: StudioLink): StudioClient {
  return createTRPCClient<AppRouter>({ links: [link ?? webLink()] });
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
