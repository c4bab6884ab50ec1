import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@scrapifie/engine';
import type { ClusterMetrics } from './metrics.ts';

/** A readiness check: resolves when its dependency answers, rejects with why not. */
export type Check = () => Promise<void>;

export interface HealthServer {
  url: string;
  close(): Promise<void>;
}

function withTimeout(p: Promise<void>, ms: number): Promise<void> {
  return Promise.race([p, new Promise<void>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);
}

export interface OpsEndpoints {
  checks: Record<string, Check>;
  /** Absent: /metrics answers 404. */
  metrics?: ClusterMetrics | undefined;
}

/**
 * Answers /readiness (each dependency answers: 200, or 503 naming the failing ones) and /metrics (Prometheus text);
 * false for any other path. Shared by the health server of worker and scheduler nodes and by `serve`.
 */
export function handleOps(req: IncomingMessage, res: ServerResponse, path: string, o: OpsEndpoints): boolean {
  const send = (status: number, body: string, type = 'application/json'): void => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  };
  if (path !== '/readiness' && !(path === '/metrics' && o.metrics)) return false;
  if (req.method !== 'GET') {
    send(405, JSON.stringify({ error: 'use GET' }));
    return true;
  }
  if (path === '/readiness') {
    void (async () => {
      const results: Record<string, string> = {};
      await Promise.all(
        Object.entries(o.checks).map(async ([name, check]) => {
          try {
            await withTimeout(check(), 3000);
            results[name] = 'ok';
          } catch (e) {
            results[name] = `failing: ${(e as Error).message}`;
          }
        }),
      );
      const ready = Object.values(results).every((v) => v === 'ok');
      send(ready ? 200 : 503, JSON.stringify({ status: ready ? 'ready' : 'not ready', checks: results }));
    })();
    return true;
  }
  o.metrics!.registry
    .metrics()
    .then((text) => send(200, text, o.metrics!.registry.contentType))
    .catch((e: unknown) => send(500, JSON.stringify({ error: (e as Error).message })));
  return true;
}

/** /health (the process is alive), /readiness and /metrics on a small HTTP server of their own, for worker and scheduler nodes. */
export async function startHealthServer(o: { host: string; port: number; checks: Record<string, Check>; metrics: ClusterMetrics; logger: Logger }): Promise<HealthServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/health') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ status: 'ok' }));
      return;
    }
    if (handleOps(req, res, path, o)) return;
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: 'not found: /health, /readiness, /metrics' }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${o.host}:${port}`;
  o.logger.info('health endpoints listening', { url });
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
