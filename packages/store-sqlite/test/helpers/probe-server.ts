import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProbeServer {
  url: string;
  /** Most requests it ever had open at once. */
  maxConcurrent(): number;
  hits(): number;
  close(): Promise<void>;
}

/** A tiny HTML server that answers every path after `delayMs` with `status`, counting concurrent requests. */
export async function startProbeServer(opts: { delayMs?: number; status?: number } = {}): Promise<ProbeServer> {
  let open = 0;
  let max = 0;
  let hits = 0;
  const server = createServer((req, res) => {
    hits++;
    open++;
    max = Math.max(max, open);
    setTimeout(() => {
      open--;
      res.writeHead(opts.status ?? 200, { 'content-type': 'text/html; charset=utf-8' }).end(`<html><head><title>${req.url}</title></head><body></body></html>`);
    }, opts.delayMs ?? 0);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    maxConcurrent: () => max,
    hits: () => hits,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
