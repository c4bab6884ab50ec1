import { randomBytes } from 'node:crypto';
import { Agent, createServer, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { silentLogger, type Logger } from '@scrapifie/engine';
import { InvalidInputError } from '@scrapifie/recipe';
import type { TargetGuard } from './guard.ts';

/** The header a refusal of a plain-HTTP request carries, with this proxy's token as its value. */
export const REFUSAL_HEADER = 'x-scrapifie-ssrf-refused';

export interface GuardProxy {
  /** e.g. "http://127.0.0.1:40111": give it to the HTTP tier as its proxy. */
  url: string;
  /** The value of REFUSAL_HEADER on this proxy's refusals (random per proxy, so a site cannot fake one). */
  token: string;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['proxy-connection', 'proxy-authorization', 'connection', 'keep-alive', 'te', 'trailer', 'upgrade']);

function splitHostPort(target: string): { host: string; port: number } | null {
  const m = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(target);
  const port = m ? Number(m[2]) : NaN;
  return m && port >= 1 && port <= 65535 ? { host: m[1]!.replace(/^\[|\]$/g, ''), port } : null;
}

/**
 * A forward proxy on 127.0.0.1 that connects only to permitted addresses: it resolves each target itself,
 * connects to the checked address, and checks the peer address of the connection once it is up. The HTTP
 * tier (impit) sends every request through it (CONNECT tunnels for https, absolute-form requests for http),
 * so redirects and every hop are checked, and DNS answers cannot change between the check and the connection.
 */
export async function startGuardProxy(guard: TargetGuard, opts: { logger?: Logger } = {}): Promise<GuardProxy> {
  const logger = opts.logger ?? silentLogger;
  const token = randomBytes(16).toString('hex');
  const upstreamAgent = new Agent({ keepAlive: true, maxSockets: 256 });
  const sockets = new Set<Socket | Duplex>();

  const refuse = (host: string, e: unknown): InvalidInputError => {
    const err = e instanceof InvalidInputError ? e : new InvalidInputError('INVALID_URL', `refused by the SSRF guard: ${(e as Error).message}`);
    guard.recordRefusal(host, err);
    logger.warn('ssrf guard refused a connection', { host, reason: err.message });
    return err;
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void forwardPlainHttp(req, res);
  });

  async function forwardPlainHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let target: URL;
    try {
      target = new URL(req.url ?? '');
      if (target.protocol !== 'http:') throw new Error('not http');
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('this proxy takes absolute http:// URLs and CONNECT');
      return;
    }
    const host = target.hostname.replace(/^\[|\]$/g, '');
    let address: string;
    try {
      ({ address } = await guard.resolvePermitted(host));
    } catch (e) {
      const err = refuse(host, e);
      res.writeHead(403, { 'content-type': 'text/plain', [REFUSAL_HEADER]: token }).end(err.message);
      return;
    }
    const headers: OutgoingHttpHeaders = {};
    for (const [k, v] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(k) && v !== undefined) headers[k] = v;
    const upstream = httpRequest({
      host: address,
      port: Number(target.port || 80),
      method: req.method,
      path: `${target.pathname}${target.search}`,
      headers,
      setHost: false,
      agent: upstreamAgent,
    });
    upstream.on('socket', (socket: Socket) => {
      const check = (): void => {
        try {
          guard.checkConnected(host, socket.remoteAddress);
        } catch (e) {
          refuse(host, e);
          upstream.destroy(e as Error);
        }
      };
      if (socket.connecting) socket.once('connect', check);
      else check();
    });
    upstream.on('response', (up) => {
      const out: Record<string, string | string[]> = {};
      for (const [k, v] of Object.entries(up.headers)) if (!HOP_BY_HOP.has(k) && v !== undefined) out[k] = v;
      res.writeHead(up.statusCode ?? 502, out);
      up.pipe(res);
      up.on('error', () => res.destroy());
    });
    upstream.on('error', (e) => {
      if (!res.headersSent) {
        const refusal = e instanceof InvalidInputError;
        res.writeHead(refusal ? 403 : 502, { 'content-type': 'text/plain', ...(refusal ? { [REFUSAL_HEADER]: token } : {}) }).end(e.message);
      } else res.destroy();
    });
    // The client gave up (its deadline passed): drop the upstream request too.
    res.once('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  }

  server.on('connect', (req: IncomingMessage, client: Duplex, head: Buffer) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    void tunnel(req, client, head);
  });

  async function tunnel(req: IncomingMessage, client: Duplex, head: Buffer): Promise<void> {
    const target = splitHostPort(req.url ?? '');
    if (!target) {
      client.end('HTTP/1.1 400 Bad Request\r\n\r\n');
      return;
    }
    let address: string;
    let family: 4 | 6;
    try {
      ({ address, family } = await guard.resolvePermitted(target.host));
    } catch (e) {
      refuse(target.host, e);
      client.end(`HTTP/1.1 403 Forbidden\r\n${REFUSAL_HEADER}: ${token}\r\ncontent-length: 0\r\n\r\n`);
      return;
    }
    const upstream = connect({ host: address, port: target.port, family });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    let connected = false;
    upstream.once('connect', () => {
      connected = true;
      try {
        guard.checkConnected(target.host, upstream.remoteAddress);
      } catch (e) {
        refuse(target.host, e);
        upstream.destroy();
        client.end(`HTTP/1.1 403 Forbidden\r\n${REFUSAL_HEADER}: ${token}\r\ncontent-length: 0\r\n\r\n`);
        return;
      }
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => {
      if (!connected && client.writable) client.end('HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\n\r\n');
      else client.destroy();
    });
    client.on('close', () => upstream.destroy());
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    async close() {
      for (const s of sockets) s.destroy();
      upstreamAgent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
