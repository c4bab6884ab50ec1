import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSite, type TestSite } from '@scrapifie/testsite';
import { runCli, startCli } from './cli-helpers.ts';

// `scrapifie serve` as a user starts it: the real binary, embedded SQLite, the SSRF guard, the fixture site.
let site: TestSite;
let dir: string;
beforeAll(async () => {
  site = await startTestSite({ pages: 3 });
  dir = mkdtempSync(join(tmpdir(), 'scrapifie-serve-'));
});
afterAll(async () => {
  await site?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function waitForUrl(read: () => string, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const m = /Scrapifie API on (http:\/\/[^:]+:\d+)/.exec(read());
    if (m) return m[1]!;
    if (Date.now() > deadline) throw new Error(`serve did not report its URL within ${timeoutMs} ms; stderr: ${read()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('scrapifie serve', () => {
  it('serves the API, scrapes an allow-listed local site, refuses other internal ones, and stops on SIGTERM', async () => {
    let stderr = '';
    const { child, done } = startCli(['serve', '--port', '0', '--host', '127.0.0.1', '--db', join(dir, 'serve.sqlite')], { SCRAPIFIE_ALLOW_TARGETS: '127.0.0.1' });
    child.stderr!.on('data', (c: string) => (stderr += c));
    try {
      const url = await waitForUrl(() => stderr);
      expect(await (await fetch(`${url}/health`)).json()).toEqual({ status: 'ok' });
      const post = (path: string, body: unknown) =>
        fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(60_000) });
      const ok = await post('/api/v1/scrape/sync', { url: `${site.url}/item/4`, fields: { sku: { css: '.sku' } } });
      expect(ok.status).toBe(200);
      expect(((await ok.json()) as { data: { result: { data: unknown } } }).data.result.data).toEqual({ sku: site.truth.item(4).sku });
      const refused = await post('/api/v1/scrape/sync', { url: 'http://169.254.169.254/' });
      expect(refused.status).toBe(400);
    } finally {
      child.kill('SIGTERM');
    }
    const result = await done;
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Shutting down');
  }, 90_000);

  it('on the team server it needs both DATABASE_URL and REDIS_URL, and names the missing one without echoing the other', async () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const r = await runCli(['serve', '--port', '0', '--db', join(dir, 'x.sqlite')], { DATABASE_URL: 'postgres://u:secret-pw@127.0.0.1/db', SCRAPIFIE_MASTER_KEY: key });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('set REDIS_URL');
    expect(r.stderr).not.toContain('secret-pw');
  });

  it('a bad --port or allow-list entry is a usage error naming it', async () => {
    const port = await runCli(['serve', '--port', 'http']);
    expect(port.code).toBe(2);
    expect(port.stderr).toContain('--port');
    const allow = await runCli(['serve', '--port', '0', '--db', join(dir, 'y.sqlite')], { SCRAPIFIE_ALLOW_TARGETS: '10.0.0.0/99' });
    expect(allow.code).toBe(2);
    expect(allow.stderr).toContain('SCRAPIFIE_ALLOW_TARGETS');
  });
});
