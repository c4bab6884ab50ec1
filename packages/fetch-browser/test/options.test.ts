import { existsSync } from 'node:fs';
import { InvalidInputError, parseRecipe } from '@scrapifie/recipe';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LAUNCH_ARGS, SYSTEM_CHROMIUM, SYSTEM_HEADLESS_SHELL, isTrackerUrl, resolveChromiumPath, resolveFetchOptions, resolvePoolOptions, type BrowserFetchOptions,
} from '../src/index.ts';

describe('browser pool options', () => {
  it('applies the seed defaults', () => {
    const o = resolvePoolOptions({ executablePath: '/opt/chrome' });
    expect(o).toMatchObject({
      maxBrowsers: 5, maxPagesPerBrowser: 3, recycleAfterPages: 100, pagesPerTab: 25, idleTimeoutMs: 60_000,
      launchTimeoutMs: 30_000, navigationTimeoutMs: 30_000, executablePath: '/opt/chrome', headless: true,
    });
    expect(o.args).toEqual([
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage',
    ]);
    expect(resolvePoolOptions({ executablePath: '/x', extraArgs: ['--lang=de'] }).args).toEqual([...DEFAULT_LAUNCH_ARGS, '--lang=de']);
  });

  it('rejects out-of-range numbers, naming the option', () => {
    expect(() => resolvePoolOptions({ maxBrowsers: 21 })).toThrow(/"maxBrowsers" must be an integer from 1 to 20, got 21/);
    expect(() => resolvePoolOptions({ maxPagesPerBrowser: 0 })).toThrow(/"maxPagesPerBrowser"/);
    expect(() => resolvePoolOptions({ idleTimeoutMs: 1.5 })).toThrow(InvalidInputError);
    expect(() => resolvePoolOptions({ pagesPerTab: 0 })).toThrow(/"pagesPerTab" must be an integer >= 1, got 0/);
    expect(() => resolvePoolOptions({ executablePath: ' ' })).toThrow(/"executablePath" cannot be empty/);
  });

  it('uses an explicit executable path as given, else a Chromium that is installed', () => {
    expect(resolveChromiumPath('/somewhere/chrome')).toBe('/somewhere/chrome');
    const headed = resolveChromiumPath(undefined, false);
    expect(headed === SYSTEM_CHROMIUM || headed.includes('ms-playwright')).toBe(true);
    // Headless, the UI-less shell is preferred to the full browser when Playwright brings no Chromium of its own.
    if (!headed.includes('ms-playwright') && existsSync(SYSTEM_HEADLESS_SHELL)) expect(resolveChromiumPath()).toBe(SYSTEM_HEADLESS_SHELL);
  });
});

describe('browser fetch options', () => {
  it('merges request options over the defaults', () => {
    const o = resolveFetchOptions({ waitUntil: 'domcontentloaded', waitMs: 100, blockResources: ['image'] }, { waitMs: 5, screenshot: 'fullPage' });
    expect(o).toEqual({
      waitUntil: 'domcontentloaded', waitForSelector: undefined, waitForSelectorTimeoutMs: undefined, waitMs: 5,
      blockResources: ['image'], screenshot: 'fullPage', html: false, captureOnFailure: true, actions: [], login: undefined, humanize: false,
      challengeWaitMs: 5000,
    });
    expect(resolveFetchOptions().waitUntil).toBe('load');
    // Waiting for the content's selector, navigation stops at DOMContentLoaded (unless the recipe says otherwise).
    expect(resolveFetchOptions({ waitForSelector: 'article' }).waitUntil).toBe('domcontentloaded');
    expect(resolveFetchOptions({ waitForSelector: 'article', waitUntil: 'networkidle' }).waitUntil).toBe('networkidle');
  });

  it('names the bad option', () => {
    const bad = (o: object): unknown => resolveFetchOptions({}, o as never);
    expect(() => bad({ waitUntil: 'idle' })).toThrow(/"waitUntil" must be one of load, domcontentloaded, networkidle/);
    expect(() => bad({ blockResources: ['images'] })).toThrow(/"blockResources" lists "images"/);
    expect(() => bad({ waitMs: -1 })).toThrow(/"waitMs"/);
    expect(() => bad({ waitForSelector: '' })).toThrow(/"waitForSelector"/);
    expect(() => bad({ screenshot: { selector: '' } })).toThrow(/"screenshot"/);
    expect(() => bad({ screenshot: 'full' })).toThrow(InvalidInputError);
    expect(() => bad({ actions: [{ action: 'click' }] })).toThrow(/browser\.actions\[0\]: this action needs the element/);
    expect(() => bad({ login: { url: 'http://127.0.0.1/login', actions: [{ action: 'type', css: '#p', credential: 'x' }] } }))
      .toThrow(/browser\.login\.actions\[0\]\.credential: a credential reference is/);
  });

  it("takes a recipe's fetch.browser and page actions as they are", () => {
    const recipe = parseRecipe({
      version: 1, name: 'r', start: { urls: ['http://127.0.0.1/'] },
      fetch: { mode: 'browser', browser: { waitUntil: 'networkidle', blockResources: ['font'], screenshot: { selector: 'main' }, html: true } },
      page: { actions: [{ action: 'scroll', to: 'bottom' }], items: { css: 'li', fields: { t: {} } } },
    });
    const options: BrowserFetchOptions = { ...recipe.fetch.browser, actions: recipe.page.actions ?? [] };
    expect(resolveFetchOptions({}, options)).toMatchObject({ waitUntil: 'networkidle', blockResources: ['font'], html: true, actions: [{ action: 'scroll', to: 'bottom' }] });
  });
});

describe('tracker hosts', () => {
  it('matches well-known analytics hosts and their subdomains only', () => {
    expect(isTrackerUrl('https://www.google-analytics.com/analytics.js')).toBe(true);
    expect(isTrackerUrl('https://www.googletagmanager.com/gtm.js?id=GTM-1')).toBe(true);
    expect(isTrackerUrl('https://stats.g.doubleclick.net/x')).toBe(true);
    expect(isTrackerUrl('https://connect.facebook.net/en_US/fbevents.js')).toBe(true);
    expect(isTrackerUrl('https://www.facebook.com/')).toBe(false);
    expect(isTrackerUrl('https://notgoogle-analytics.com/')).toBe(false);
    expect(isTrackerUrl('https://example.com/google-analytics.com.js')).toBe(false);
    expect(isTrackerUrl('not a url')).toBe(false);
  });
});
