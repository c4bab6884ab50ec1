import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export interface FixtureServer {
  origin: string;
  close(): Promise<void>;
}

/**
 * Serves test/fixtures: any path under /<fixture>/ answers with that fixture's page.html and the Content-Type of
 * its context.json (default text/html; charset=utf-8), so pages have real http URLs and links resolve as on a site.
 */
export async function startFixtureServer(fixturesDir: string, contentTypes: Record<string, string>): Promise<FixtureServer> {
  const server: Server = createServer((req, res) => {
    const name = (req.url ?? '/').split('/')[1]?.split('?')[0] ?? '';
    let body: Buffer;
    try {
      if (!/^[\w-]+$/.test(name)) throw new Error('bad name');
      body = readFileSync(join(fixturesDir, name, 'page.html'));
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': contentTypes[name] ?? 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
