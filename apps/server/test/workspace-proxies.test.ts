import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appRouter, createCallerFactory, createContext, createInProcessLauncher, ensureLocalWorkspace, SecretCipher } from '@scrapifie/api';
import { silentLogger, systemClock } from '@scrapifie/engine';
import { HttpFetcher } from '@scrapifie/fetch-http';
import { openSqliteAppStore, openSqliteStore } from '@scrapifie/store-sqlite';
import { startTestSite, type TestSite } from '@scrapifie/testsite';
import { Server } from 'proxy-chain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspaceProxyPool } from '../src/runtime/proxies.ts';
import { runCli } from './cli-helpers.ts';
import { writeFileSync } from 'node:fs';

// A run whose recipe climbs to the datacenter proxy tier goes out through the workspace's proxy, authenticated with
// the password kept in the workspace's encrypted credential (real proxy on 127.0.0.1, real impit, real SQLite).
describe("runs use their workspace's proxies", () => {
  let site: TestSite;
  let proxy: Server;
  const seen: Array<{ url: string; user: string | undefined; password: string | undefined }> = [];
  const dir = mkdtempSync(join(tmpdir(), 'scrapifie-ws-proxies-'));
  beforeAll(async () => {
    site = await startTestSite({ pages: 2 });
    proxy = new Server({
      port: 0,
      host: '127.0.0.1',
      prepareRequestFunction: ({ request, username, password }) => {
        seen.push({ url: request.url ?? '', user: username, password });
        return { requestAuthentication: password !== 'proxy-secret-1', failMsg: 'bad proxy password' };
      },
    });
    await proxy.listen();
  });
  afterAll(async () => {
    await proxy?.close(true);
    await site?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('routes the pages through the proxy with the credential password, which no procedure returns', async () => {
    const store = openSqliteStore(join(dir, 'runs.sqlite'));
    const app = openSqliteAppStore(join(dir, 'app.sqlite'));
    const http = new HttpFetcher();
    const launcher = createInProcessLauncher({ store, fetchers: { http } });
    try {
      const localWorkspaceId = await ensureLocalWorkspace(app);
      const services = { store, launcher, fetchers: { http }, clock: systemClock, logger: silentLogger, app, localWorkspaceId, secrets: new SecretCipher(randomBytes(32)), proxyPoolFor: workspaceProxyPool };
      const api = createCallerFactory(appRouter)(createContext(services)());
      const credential = await api.credentials.create({ name: 'dc proxy', kind: 'proxy', username: 'team', value: 'proxy-secret-1' });
      const added = await api.proxies.create({ name: 'dc-1', url: `http://team@127.0.0.1:${proxy.port}`, tier: 'datacenter', credentialId: credential.id });
      expect(JSON.stringify(added)).not.toContain('proxy-secret-1');
      const recipe = {
        version: 1,
        name: 'through the proxy',
        start: { urls: [`${site.url}/list/1`, `${site.url}/list/2`] },
        fetch: { mode: 'http', proxy: { tiers: ['datacenter'] } },
        page: { items: { css: 'article.product', fields: { title: { css: 'h2 a' } } } },
      } as const;
      const { runId } = await api.runs.start({ recipe: { ...recipe, fetch: { ...recipe.fetch, proxy: { tiers: [...recipe.fetch.proxy.tiers] } }, start: { urls: [...recipe.start.urls] } } });
      await launcher.waitUntilDone(runId, AbortSignal.timeout(30_000));
      const run = await api.runs.status({ runId });
      expect(run.status).toBe('completed');
      const listings = seen.filter((s) => s.url.includes('/list/'));
      expect(listings.map((s) => new URL(s.url).pathname).sort()).toEqual(['/list/1', '/list/2']);
      expect(listings.every((s) => s.user === 'team' && s.password === 'proxy-secret-1')).toBe(true);
      expect((await store.counts(runId)).results).toBe(40);
    } finally {
      await launcher.close();
      await http.close();
      await app.close();
      await store.close();
    }
  });

  it('scrapifie run takes its proxy pool from SCRAPIFIE_PROXIES, and a broken pool file is a usage error naming it', async () => {
    seen.length = 0;
    const pool = join(dir, 'proxies.json');
    writeFileSync(pool, JSON.stringify({ proxies: [{ url: `http://team:proxy-secret-1@127.0.0.1:${proxy.port}`, tier: 'residential' }] }));
    const recipe = join(dir, 'r.json');
    writeFileSync(recipe, JSON.stringify({ version: 1, name: 'cli proxied', start: { urls: [`${site.url}/list/2`] }, fetch: { mode: 'http', proxy: { tiers: ['residential'] } }, page: { items: { css: 'article.product', fields: { title: { css: 'h2 a' } } } } }));
    const ok = await runCli(['run', recipe, '--db', join(dir, 'cli.sqlite')], { SCRAPIFIE_PROXIES: pool });
    expect(ok.code).toBe(0);
    expect(ok.stdout.trim().split('\n')).toHaveLength(20);
    expect(seen.map((s) => new URL(s.url).pathname)).toContain('/list/2');
    writeFileSync(pool, JSON.stringify({ proxies: [{ url: 'ftp://team:proxy-secret-1@127.0.0.1:1', tier: 'residential' }] }));
    const bad = await runCli(['run', recipe, '--db', join(dir, 'cli.sqlite')], { SCRAPIFIE_PROXIES: pool });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/SCRAPIFIE_PROXIES \S*proxies\.json: The proxy pool configuration is not valid/);
    expect(bad.stderr).toMatch(/proxies\[0\]\.url: scheme "ftp"/);
    expect(bad.stderr).not.toContain('proxy-secret-1');
  }, 60_000);
});
