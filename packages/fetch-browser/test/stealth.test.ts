import { Server } from 'proxy-chain';
import { startTestSite, type TestSite } from '@scrapifie/testsite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BrowserFetcher, StealthFetcher, httpHeadersFor, isStealthFingerprint, type BrowserFetchRequest, type BrowserFetchResponse, type StealthFingerprint,
} from '../src/index.ts';
import { startFixturePages } from './fixture-pages.ts';
import { CHROMIUM, text, type LocalServer } from './helpers.ts';
import { rowsOf, truthRows } from './listing-spec.ts';

interface Report {
  userAgent: string; webdriver: boolean; languages: string[]; platform: string; brands: Array<{ brand: string; version: string }> | null;
  fullVersionList: Array<{ brand: string; version: string }> | null; uaPlatform: string | null; timezone: string; intlLocale: string; screen: { width: number; height: number };
  inner: { width: number; height: number }; canvasHash: string; webglVendor: string | null; webglRenderer: string | null; toDataURLSource: string;
}

function reportOf(res: BrowserFetchResponse): { report: Report; headers: Record<string, string> } {
  const html = text(res.body);
  const report = JSON.parse(/<pre id="report">(.*?)<\/pre>/s.exec(html)?.[1]?.replace(/&quot;/g, '"').replace(/&amp;/g, '&') ?? 'null') as Report;
  const headers = JSON.parse(/<script type="application\/json" id="headers">(.*?)<\/script>/s.exec(html)?.[1] ?? '{}') as Record<string, string>;
  return { report, headers };
}

describe('the stealth tier on real Chromium', () => {
  let site: TestSite;
  let pages: LocalServer;
  let proxy: Server;
  let stealth: StealthFetcher;
  let plain: BrowserFetcher;
  let chromiumMajor: string;
  const req = (url: string, over: Partial<BrowserFetchRequest> = {}): BrowserFetchRequest => ({
    url, timeoutMs: 30_000, maxRedirects: 5, maxBodyBytes: 10 << 20, impersonate: 'chrome', ...over,
  });
  const navigator = (over: Partial<BrowserFetchRequest> = {}): BrowserFetchRequest => req(`${pages.url}/navigator`, { browser: { waitForSelector: '#report:not(:empty)' }, ...over });

  beforeAll(async () => {
    site = await startTestSite({ pages: 3 });
    pages = await startFixturePages();
    proxy = new Server({ port: 0, host: '127.0.0.1' });
    await proxy.listen();
    const poolOptions = { executablePath: CHROMIUM, maxBrowsers: 1, maxPagesPerBrowser: 2, launchTimeoutMs: 20_000 };
    stealth = new StealthFetcher({ poolOptions, fingerprint: { operatingSystems: ['windows'] } });
    plain = new BrowserFetcher({ poolOptions });
  });
  afterAll(async () => {
    await stealth?.close();
    await plain?.close();
    await proxy?.close(true);
    await pages?.close();
    await site?.close();
  });

  it("gets through the fixture shop's bot wall (a 403 challenge that sets a cookie by script) with the ground-truth rows", async () => {
    expect((await fetch(`${site.url}/protected/list/2`)).status).toBe(403);
    const res = await stealth.fetch(req(`${site.url}/protected/list/2`));
    expect(res).toMatchObject({ status: 200, tier: 'stealth', url: `${site.url}/protected/list/2` });
    expect(rowsOf(res)).toEqual(truthRows(site.truth.listing(2)));
  });

  it("shows one consistent browser, matched to the proxy's country: UA, client hints, headers, languages, timezone, screen, no webdriver", async () => {
    const res = await stealth.fetch(navigator({ session: 'fr-1', proxy: { url: `http://127.0.0.1:${proxy.port}`, country: 'fr' } }));
    const { report, headers } = reportOf(res);
    const fp = (await stealth.sessions.store.get('fr-1'))?.fingerprint as StealthFingerprint;
    expect(isStealthFingerprint(fp)).toBe(true);
    chromiumMajor = fp.browserVersion.split('.')[0] as string;

    expect(report.webdriver).toBe(false);
    expect(report.userAgent).toBe(fp.userAgent);
    expect(report.userAgent).toContain(`Chrome/${chromiumMajor}.0.0.0`);
    expect(report.userAgent).toContain('Windows NT');
    expect(report.userAgent).not.toContain('Headless');
    expect(report.platform).toBe('Win32');
    expect(report.uaPlatform).toBe('Windows');
    expect(report.brands?.find((b) => b.brand === 'Chromium')?.version).toBe(chromiumMajor);
    expect(report.fullVersionList?.find((b) => b.brand === 'Chromium')?.version).toBe(fp.browserVersion);
    expect(report.languages).toEqual(['fr-FR', 'fr', 'en-US', 'en']);
    expect(report.timezone).toBe('Europe/Paris');
    expect(report.intlLocale).toBe('fr-FR');
    expect(report.screen).toEqual(fp.screen);
    expect(report.webglRenderer).toBe(fp.data.fingerprint.videoCard.renderer);
    expect(report.toDataURLSource).toBe('function toDataURL() { [native code] }');

    // The headers the page came with tell the same story, and the HTTP tier's headers match them.
    expect(headers['user-agent']).toBe(fp.userAgent);
    expect(headers['sec-ch-ua']).toContain(`"Chromium";v="${chromiumMajor}"`);
    expect(headers['sec-ch-ua-platform']).toBe('"Windows"');
    expect(headers['accept-language']).toBe('fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7');
    const http = httpHeadersFor(fp);
    for (const name of ['user-agent', 'sec-ch-ua', 'sec-ch-ua-mobile', 'sec-ch-ua-platform', 'accept-language']) expect(http[name]).toBe(headers[name]);
    expect(http).toMatchObject({ 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' });
  });

  it('keeps a fingerprint per session (same canvas, UA and screen on every page) and differs between sessions and from stock Chromium', async () => {
    const a1 = reportOf(await stealth.fetch(navigator({ session: 'a' }))).report;
    const a2 = reportOf(await stealth.fetch(navigator({ session: 'a' }))).report;
    const b = reportOf(await stealth.fetch(navigator({ session: 'b', proxy: { url: `http://127.0.0.1:${proxy.port}`, country: 'jp' } }))).report;
    const stock = reportOf(await plain.fetch(navigator())).report;
    expect(a2).toEqual(a1);
    expect(b.canvasHash).not.toBe(a1.canvasHash);
    expect(b.timezone).toBe('Asia/Tokyo');
    expect(stock.canvasHash).not.toBe(a1.canvasHash);
    expect(stock.webdriver).toBe(true);
    expect(stock.userAgent).toContain('HeadlessChrome');
  });

  it('moves the pointer along paths and types with human delays when asked', async () => {
    const res = await stealth.fetch(req(`${pages.url}/form`, {
      browser: { humanize: true, actions: [{ action: 'type', css: '#q', value: 'lamp' }, { action: 'click', css: '#go' }] },
    }));
    const html = text(res.body);
    expect(html).toContain('<div id="out">lamp|new</div>');
    const stats = JSON.parse(/<div id="stats">(.*?)<\/div>/.exec(html)?.[1]?.replace(/&quot;/g, '"') ?? '{}') as { moves: number; keys: number; gaps: number[]; trusted: boolean };
    expect(stats.trusted).toBe(true);
    expect(stats.moves).toBeGreaterThan(10);
    expect(stats.keys).toBeGreaterThanOrEqual(5); // End, then four letters (and the clearing, if it shows as a key)
    expect(Math.min(...stats.gaps)).toBeGreaterThanOrEqual(30);
  });
});
