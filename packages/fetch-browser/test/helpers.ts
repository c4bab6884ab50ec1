import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ScrapifieError } from '@scrapifie/recipe';

/** The Chromium the tests launch: SCRAPIFIE_CHROMIUM, else the system package's. */
export const CHROMIUM = process.env.SCRAPIFIE_CHROMIUM ?? '/usr/bin/chromium';

// The browser tier talks to 127.0.0.1 only in these tests; keep any proxy setting out of Chromium's way.
for (const k of ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'ALL_PROXY', 'all_proxy']) delete process.env[k];

export const text = (b: Uint8Array): string => new TextDecoder().decode(b);

/** The error a promise rejects with, which must be a ScrapifieError. */
export async function failure(p: Promise<unknown>): Promise<ScrapifieError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ScrapifieError) return e;
    throw new Error(`expected a ScrapifieError, got ${String(e)}`);
  }
  throw new Error('expected a failure');
}

/** Polls `cond` every 20 ms until it holds; fails after `timeoutMs`. */
export async function waitFor(cond: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Whether a promise has settled yet (checked after letting pending callbacks run for `ms`). */
export async function settledWithin(p: Promise<unknown>, ms: number): Promise<boolean> {
  let settled = false;
  p.then(() => (settled = true), () => (settled = true));
  await new Promise((r) => setTimeout(r, ms));
  return settled;
}

export interface LocalServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** A throwaway HTTP server on 127.0.0.1 with the given handler. */
export async function startLocalServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<LocalServer> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

/** Width and height from a PNG's IHDR chunk; throws when the bytes are not a PNG. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (png.length < 24 || signature.some((b, i) => png[i] !== b)) throw new Error('not a PNG');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
