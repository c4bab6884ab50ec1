import { createServer } from 'node:net';
import { Server } from 'proxy-chain';
import { CLEARANCE_COOKIE, clearanceToken } from '@scrapifie/testsite';

export interface LocalProxy {
  url: string;
  /** Paths of the requests that reached this proxy. */
  seen: string[];
  close(): Promise<void>;
}

function pathOf(request: { url?: string }): string {
  const raw = request.url ?? '';
  return raw.startsWith('http') ? new URL(raw).pathname : raw;
}

async function listen(server: Server, seen: string[]): Promise<LocalProxy> {
  await server.listen();
  return { url: `http://127.0.0.1:${server.port}`, seen, close: () => server.close(true) };
}

/**
 * An exit the fixture site's bot wall trusts (as a residential address would be): the proxy fetches the target
 * itself, carrying the clearance the wall's script would have earned, and relays the answer.
 */
export function startTrustedExit(siteSeed: number): Promise<LocalProxy> {
  const seen: string[] = [];
  const server = new Server({
    port: 0,
    host: '127.0.0.1',
    prepareRequestFunction: ({ request }) => {
      seen.push(pathOf(request));
      const target = request.url ?? '';
      return {
        customResponseFunction: async () => {
          const res = await fetch(target, { headers: { cookie: `${CLEARANCE_COOKIE}=${clearanceToken(siteSeed)}` } });
          return { statusCode: res.status, headers: { 'content-type': res.headers.get('content-type') ?? 'text/html' }, body: await res.text() };
        },
      };
    },
  });
  return listen(server, seen);
}

/** An exit the site has banned (a flagged datacenter range): it answers every request with the site's block page. */
export function startBannedExit(): Promise<LocalProxy> {
  const seen: string[] = [];
  const server = new Server({
    port: 0,
    host: '127.0.0.1',
    prepareRequestFunction: ({ request }) => {
      seen.push(pathOf(request));
      return {
        customResponseFunction: () => ({
          statusCode: 403,
          headers: { 'content-type': 'text/html; charset=utf-8' },
          body: '<!DOCTYPE html><html><head><title>Access denied</title></head><body><h1>Access denied</h1><p>Sorry, you have been blocked. Your IP address is on our deny list.</p></body></html>',
        }),
      };
    },
  });
  return listen(server, seen);
}

/** A loopback port with nothing listening (it was free a moment ago): a dead proxy. */
export async function deadProxyUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
