import { createServer } from 'node:net';
import { Server } from 'proxy-chain';

export interface LocalProxy {
  port: number;
  /** "host:port/path" of every request this proxy forwarded or answered. */
  seen: string[];
  close(): Promise<void>;
}

async function listen(server: Server, seen: string[]): Promise<LocalProxy> {
  await server.listen();
  return { port: server.port, seen, close: () => server.close(true) };
}

function target(request: { url?: string }, hostname: string, port: number): string {
  const path = request.url?.startsWith('http') ? new URL(request.url).pathname : (request.url ?? '');
  return `${hostname}:${port}${path}`;
}

/** A plain forwarding proxy; `port` 0 picks a free one. */
export function startWorkingProxy(port = 0): Promise<LocalProxy> {
  const seen: string[] = [];
  return listen(new Server({ port, host: '127.0.0.1', prepareRequestFunction: ({ request, hostname, port: p }) => {
    seen.push(target(request, hostname, p));
    return {};
  } }), seen);
}

/** Accepts the request and answers it (itself, never contacting the target) only after `delayMs`. */
export function startSlowProxy(delayMs: number): Promise<LocalProxy> {
  const seen: string[] = [];
  return listen(new Server({ port: 0, host: '127.0.0.1', prepareRequestFunction: ({ request, hostname, port }) => {
    seen.push(target(request, hostname, port));
    return {
      customResponseFunction: () => new Promise((resolve) => {
        setTimeout(() => resolve({ statusCode: 200, body: 'finally' }), delayMs).unref();
      }),
    };
  } }), seen);
}

/**
 * Demands Basic proxy credentials; anything `accept` refuses gets 407 Proxy Authentication Required.
 * `seen` entries of accepted requests start with the user name: "user@host:port/path".
 */
export function startAuthProxy(accept: (username: string, password: string) => boolean): Promise<LocalProxy> {
  const seen: string[] = [];
  return listen(new Server({ port: 0, host: '127.0.0.1', prepareRequestFunction: ({ request, hostname, port, username, password }) => {
    const ok = accept(username, password);
    if (ok) seen.push(`${username}@${target(request, hostname, port)}`);
    return { requestAuthentication: !ok, failMsg: 'bad proxy credentials' };
  } }), seen);
}

/** A loopback port with nothing listening (it was free a moment ago). */
export async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
