import { FingerprintInjector } from 'fingerprint-injector';
import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import { plainContextOptions, type ContextProfile, type ContextSetup } from '../context-profile.ts';
import { acceptLanguage, alignBrowserVersion, createFingerprint, isStealthFingerprint, type FingerprintOs, type StealthFingerprint } from './fingerprint.ts';
import { stealthPatchScript } from './patch-script.ts';

export interface StealthProfileOptions {
  /** Country of the fingerprint when the proxy names none. */
  country?: string | undefined;
  locale?: string | undefined;
  timezoneId?: string | undefined;
  operatingSystems?: readonly FingerprintOs[] | undefined;
}

let injector: FingerprintInjector | undefined;

/** The session's fingerprint (re-aligned if Chromium was upgraded since), or a new one matched to the proxy's country. */
export function fingerprintFor(browser: Browser, setup: ContextSetup, opts: StealthProfileOptions): StealthFingerprint {
  const version = browser.version();
  if (isStealthFingerprint(setup.fingerprint)) {
    const fp = setup.fingerprint;
    if (fp.browserVersion === version) return fp;
    const data = alignBrowserVersion(fp.data, version);
    return { ...fp, data, userAgent: data.fingerprint.navigator.userAgent, browserVersion: version };
  }
  const fp = createFingerprint({
    country: setup.proxy?.country ?? opts.country, locale: opts.locale, timezoneId: opts.timezoneId, operatingSystems: opts.operatingSystems, browserVersion: version,
  });
  setup.keepFingerprint?.(fp);
  return fp;
}

/**
 * Context options that carry the fingerprint natively (Playwright emulation): UA, viewport, screen, timezone, and
 * the Accept-Language of every request. Not Playwright's `locale`, which would send the bare locale as the
 * navigation's Accept-Language (a mismatch with the subresources'); the injected script sets navigator.language(s)
 * and Intl's default locale instead.
 */
export function fingerprintContextOptions(fp: StealthFingerprint): BrowserContextOptions {
  return {
    userAgent: fp.userAgent,
    viewport: fp.viewport,
    screen: fp.screen,
    timezoneId: fp.timezoneId,
    extraHTTPHeaders: { 'accept-language': acceptLanguage(fp.languages) },
  };
}

/**
 * The stealth tier's contexts: each gets its session's fingerprint — emulation for what Chromium can set itself, then
 * fingerprint-injector's init script (navigator, client hints, screen, WebGL vendor/renderer, codecs, webdriver
 * hidden, headless fixes) and a seeded canvas noise script.
 */
export function stealthProfile(opts: StealthProfileOptions = {}): ContextProfile {
  return {
    async createContext(browser: Browser, base: BrowserContextOptions, setup: ContextSetup): Promise<BrowserContext> {
      const fp = fingerprintFor(browser, setup, opts);
      const context = await browser.newContext({ ...plainContextOptions(base, setup), ...fingerprintContextOptions(fp) });
      try {
        injector ??= new FingerprintInjector();
        await injector.attachFingerprintToPlaywright(context as never, fp.data);
        await context.setExtraHTTPHeaders({ ...stripRequestHeaders(fp.data.headers), 'accept-language': acceptLanguage(fp.languages) });
        await context.addInitScript({ content: stealthPatchScript(fp.noiseSeed) });
      } catch (e) {
        await context.close().catch(() => undefined);
        throw e;
      }
      return context;
    },
  };
}

/** The fingerprint's browser-wide headers (those that do not depend on the request). */
function stripRequestHeaders(headers: Record<string, string>): Record<string, string> {
  const perRequest = new Set(['accept', 'accept-encoding', 'cache-control', 'pragma', 'sec-fetch-dest', 'sec-fetch-mode', 'sec-fetch-site', 'sec-fetch-user', 'upgrade-insecure-requests', 'te']);
  return Object.fromEntries(Object.entries(headers).filter(([k]) => !perRequest.has(k.toLowerCase())));
}
