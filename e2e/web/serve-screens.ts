import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startStudio, type Studio } from './studio.ts';

export type Served = Studio;

/** `scrapifie serve` (the real binary, a free port, loopback) with extra settings, e.g. SCRAPIFIE_AUTH=on. */
export const serveStudio = (dbPath: string, extraEnv: Record<string, string> = {}): Promise<Served> => startStudio(dbPath, extraEnv);

/** A webhook receiver on 127.0.0.1 that answers 204 to everything. */
export async function startReceiver(): Promise<{ url: string; hits: number; close(): Promise<void> }> {
  const state = { hits: 0 };
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      state.hits++;
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get hits() {
      return state.hits;
    },
    close: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}

/** A REST call to /api/v1 (local mode: no credential; server mode: a bearer token). */
export async function rest(base: string, method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; data: any; error: any }> {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as { data: unknown; error: unknown };
  return { status: res.status, data: json.data, error: json.error };
}
