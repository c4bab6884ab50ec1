import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface Served {
  url: string;
  stop(): Promise<void>;
}

/** `scrapifie serve` (the real binary, a free port, loopback) with extra settings, e.g. SCRAPIFIE_AUTH=on. */
export async function serveStudio(dbPath: string, extraEnv: Record<string, string> = {}): Promise<Served> {
  const env: NodeJS.ProcessEnv = { ...process.env, SCRAPIFIE_ALLOW_TARGETS: '127.0.0.1', SCRAPIFIE_LOG_LEVEL: 'warn', SCRAPIFIE_CHROMIUM: '/usr/bin/chromium', ...extraEnv };
  for (const k of ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'ALL_PROXY', 'all_proxy']) delete env[k];
  const child: ChildProcess = spawn(process.execPath, ['apps/server/bin/scrapifie.js', 'serve', '--port', '0', '--host', '127.0.0.1', '--db', dbPath], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const m = /Scrapifie API on (http:\/\/[^:]+:\d+)/.exec(stderr);
    if (m && /Studio on|web studio is not built/.test(stderr)) {
      if (!stderr.includes('Studio on')) throw new Error(`serve runs without the web studio (build it first: npm run build -w @scrapifie/ui); stderr: ${stderr}`);
      return {
        url: m[1]!,
        stop: async () => {
          child.kill('SIGTERM');
          await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
          if (child.exitCode === null) child.kill('SIGKILL');
        },
      };
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`scrapifie serve did not start; stderr: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

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
