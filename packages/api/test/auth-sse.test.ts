import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink, TRPCClientError } from '@trpc/client';
import { EventSource } from 'eventsource';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunEvent } from '@scrapifie/recipe';
import type { AppRouter } from '../src/index.ts';
import { listingRecipe } from './helpers.ts';
import { startAuthStack, type AuthStack } from './auth-stack.ts';

// SSE subscriptions in server mode: EventSource cannot send headers, so the browser studio passes the access token in
// httpSubscriptionLink's connectionParams ({ token, workspaceId }); the server reads them for subscriptions only.
let s: AuthStack;
let token: string;
let workspaceId: string;
beforeAll(async () => {
  s = await startAuthStack();
  const r = await s.rest('POST', '/auth/register', { body: { email: 'sse@example.com', password: 'long enough password' } });
  token = r.body.data.accessToken;
  workspaceId = r.body.data.workspace.id;
}, 30_000);
afterAll(async () => {
  await s?.close();
});

function client(params: Record<string, string> | null) {
  const url = `${s.api.url}/trpc`;
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        // Node's EventSource, without a custom fetch: like a browser's, it sends no Authorization header.
        true: httpSubscriptionLink({ url, EventSource, connectionParams: params ? () => params : undefined }),
        false: httpBatchLink({ url, headers: { authorization: `Bearer ${token}`, 'x-workspace-id': workspaceId } }),
      }),
    ],
  });
}

function follow(c: ReturnType<typeof client>, runId: string): Promise<RunEvent[]> {
  const events: RunEvent[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no run.finished within 60 s')), 60_000);
    const sub = c.runs.progress.subscribe({ runId }, {
      onData: (e) => {
        events.push(e);
        if (e.type === 'run.finished') {
          clearTimeout(timer);
          sub.unsubscribe();
          resolve(events);
        }
      },
      onError: (err) => {
        clearTimeout(timer);
        sub.unsubscribe();
        reject(err);
      },
    });
  });
}

it('a subscription with the token in connectionParams streams the run; without it the stream is refused UNAUTHORIZED', async () => {
  const c = client({ token, workspaceId });
  const { runId } = await c.runs.start.mutate({ recipe: listingRecipe(s.stack.site) as never });
  const events = await follow(c, runId);
  expect(events.at(-1)).toMatchObject({ type: 'run.finished', status: 'completed' });

  const refused = await follow(client(null), runId).catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(TRPCClientError);
  expect((refused as TRPCClientError<AppRouter>).data?.code).toBe('UNAUTHORIZED');
}, 90_000);

it('connectionParams are not read for queries: a token in the URL of a query does not sign it in', async () => {
  const params = encodeURIComponent(JSON.stringify({ token, workspaceId }));
  const r = await fetch(`${s.api.url}/trpc/auth.me?input=${encodeURIComponent('{}')}&connectionParams=${params}`);
  expect(r.status).toBe(401);
});
