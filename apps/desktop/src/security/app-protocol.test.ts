import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppFileHandler } from './app-protocol.ts';
import { APP_CSP } from './csp.ts';

describe('the app:// file handler', () => {
  let dir: string;
  let handle: (r: Request) => Promise<Response>;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'scrapifie-app-proto-'));
    mkdirSync(join(dir, 'renderer', 'assets'), { recursive: true });
    writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Studio</title>');
    writeFileSync(join(dir, 'renderer', 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'outside the root');
    handle = createAppFileHandler(join(dir, 'renderer'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves the app page with the strict CSP, nosniff and its content type', async () => {
    for (const url of ['app://studio/index.html', 'app://studio/']) {
      const res = await handle(new Request(url));
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<title>Studio</title>');
      expect(res.headers.get('content-security-policy')).toBe(APP_CSP);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    }
    const js = await handle(new Request('app://studio/assets/app.js'));
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('never serves a file outside its root, however the path is spelled', async () => {
    for (const url of ['app://studio/../secret.txt', 'app://studio/%2e%2e/secret.txt', 'app://studio/..%2fsecret.txt', 'app://studio/assets/..%2f..%2fsecret.txt', 'app://studio/%00index.html']) {
      const res = await handle(new Request(url));
      expect(res.status, url).toBe(404);
      expect(await res.text()).not.toContain('outside the root');
    }
  });

  it('answers 404 for another host, a folder and a missing file', async () => {
    expect((await handle(new Request('app://evil/index.html'))).status).toBe(404);
    expect((await handle(new Request('app://studio/assets'))).status).toBe(404);
    expect((await handle(new Request('app://studio/nope.js'))).status).toBe(404);
  });
});
