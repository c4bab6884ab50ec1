import { createTRPCClient, httpBatchLink, httpBatchStreamLink, httpSubscriptionLink, splitLink, type TRPCClient } from '@trpc/client';
import { EventSource } from 'eventsource';
import type { AppRouter } from '@scrapifie/api';

export type { AppRouter };
export type ScrapifieClient = TRPCClient<AppRouter>;

export interface ScrapifieClientOptions {
  /** The server's base URL, e.g. "http://127.0.0.1:3000" (the tRPC endpoint is its /trpc). */
  url: string;
  /** An API key (sfk_...), sent as "Authorization: Bearer <apiKey>". It acts in its own workspace. Never logged. */
  apiKey?: string | undefined;
  /**
   * A user's access token (from auth.login / auth.refresh), sent as "Authorization: Bearer <token>". A function is
   * called before every request, so a caller that refreshes tokens can hand over the current one. Never logged.
   */
  accessToken?: string | (() => string | undefined) | undefined;
  /** The workspace a user's access token acts in, sent as X-Workspace-Id. */
  workspaceId?: string | undefined;
  /** Extra headers on every call. */
  headers?: Record<string, string> | undefined;
}

/**
 * The typed Node client of the Scrapifie API: queries and mutations batched over HTTP, subscriptions
 * (runs.progress) over SSE, and results.export streamed.
 */
export function createScrapifieClient(opts: ScrapifieClientOptions): ScrapifieClient {
  let base: URL;
  try {
    base = new URL(opts.url);
  } catch {
    throw new TypeError(`createScrapifieClient: url "${opts.url}" is not an absolute URL (e.g. http://127.0.0.1:3000)`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new TypeError(`createScrapifieClient: url must be http(s), got ${base.protocol}`);
  const url = `${base.origin}${base.pathname.replace(/\/+$/, '')}/trpc`;
  if (opts.apiKey && opts.accessToken) throw new TypeError('createScrapifieClient: give either apiKey or accessToken, not both');
  const headers = (): Record<string, string> => {
    const token = typeof opts.accessToken === 'function' ? opts.accessToken() : (opts.accessToken ?? opts.apiKey);
    return { ...opts.headers, ...(token ? { authorization: `Bearer ${token}` } : {}), ...(opts.workspaceId ? { 'x-workspace-id': opts.workspaceId } : {}) };
  };
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({
          url,
          EventSource,
          eventSourceOptions: () => ({
            fetch: (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string> | undefined), ...headers() } }),
          }),
        }),
        false: splitLink({
          condition: (op) => op.path === 'results.export',
          true: httpBatchStreamLink({ url, headers }),
          false: httpBatchLink({ url, headers }),
        }),
      }),
    ],
  });
}

/** Collects a results.export stream into one Buffer (the file's bytes, whatever the format). */
export async function collectExport(chunks: AsyncIterable<{ encoding: 'utf8' | 'base64'; chunk: string }>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of chunks) parts.push(Buffer.from(c.chunk, c.encoding));
  return Buffer.concat(parts);
}
