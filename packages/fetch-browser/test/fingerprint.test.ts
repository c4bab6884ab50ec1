import { InvalidInputError } from '@scrapifie/recipe';
import { describe, expect, it } from 'vitest';
import { acceptLanguage, countryProfile, createFingerprint, httpHeadersFor, languagesFor, toPlaywrightProxy } from '../src/index.ts';

describe('fingerprints (no browser)', () => {
  it('claims the real Chromium version everywhere: user agent, brands, full versions, client-hint header', () => {
    const fp = createFingerprint({ browserVersion: '156.0.8078.79', operatingSystems: ['macos'] });
    const nav = fp.data.fingerprint.navigator;
    expect(fp.userAgent).toMatch(/Macintosh.*Chrome\/156\.0\.0\.0 Safari/);
    expect(nav.userAgent).toBe(fp.userAgent);
    expect(nav.appVersion).toContain('Chrome/156.0.0.0');
    expect(nav.userAgentData.brands.find((b) => b.brand === 'Chromium')?.version).toBe('156');
    expect(nav.userAgentData.fullVersionList.find((b) => b.brand === 'Chromium')?.version).toBe('156.0.8078.79');
    expect(fp.data.headers['sec-ch-ua']).toContain('"Chromium";v="156"');
    expect(fp.data.headers['user-agent']).toBe(fp.userAgent);
    expect(fp.viewport.width).toBeLessThanOrEqual(fp.screen.width);
    expect(fp.viewport.height).toBeLessThanOrEqual(fp.screen.height);
  });

  it("matches locale, languages and timezone to a country, and the HTTP tier's headers to the browser", () => {
    const fp = createFingerprint({ browserVersion: '156.0.8078.79', country: 'DE', operatingSystems: ['windows'] });
    expect(fp).toMatchObject({ locale: 'de-DE', languages: ['de-DE', 'de', 'en-US', 'en'], timezoneId: 'Europe/Berlin', country: 'de' });
    expect(fp.data.fingerprint.navigator.languages).toEqual(fp.languages);
    const headers = httpHeadersFor(fp);
    expect(headers).toMatchObject({
      'user-agent': fp.userAgent, 'sec-ch-ua-platform': '"Windows"', 'sec-ch-ua-mobile': '?0', 'accept-language': 'de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7',
      'sec-fetch-site': 'none', 'sec-fetch-mode': 'navigate', 'sec-fetch-user': '?1', 'sec-fetch-dest': 'document',
    });
    expect(headers['sec-ch-ua']).toContain('v="156"');
    expect(headers.accept).toMatch(/^text\/html/);
    // Unknown countries fall back to US English; explicit choices win over the country.
    expect(createFingerprint({ browserVersion: '156.0.8078.79', country: 'zz' })).toMatchObject({ locale: 'en-US', timezoneId: 'America/New_York' });
    expect(createFingerprint({ browserVersion: '156.0.8078.79', country: 'jp', timezoneId: 'Asia/Osaka' })).toMatchObject({ locale: 'ja-JP', timezoneId: 'Asia/Osaka' });
  });

  it('rejects a bad country or operating system by name', () => {
    expect(() => createFingerprint({ browserVersion: '156.0.8078.79', country: 'France' })).toThrow(InvalidInputError);
    expect(() => createFingerprint({ browserVersion: '156.0.8078.79', operatingSystems: ['amiga' as never] })).toThrow(/"amiga"/);
  });

  it('knows country profiles and builds Accept-Language', () => {
    expect(countryProfile('gb')).toEqual({ locale: 'en-GB', timezoneId: 'Europe/London' });
    expect(countryProfile(undefined)).toBeUndefined();
    expect(languagesFor('en-GB')).toEqual(['en-GB', 'en']);
    expect(acceptLanguage(['pt-BR', 'pt', 'en-US', 'en'])).toBe('pt-BR,pt;q=0.9,en-US;q=0.8,en;q=0.7');
  });
});

describe('proxy URLs for Playwright', () => {
  it('splits credentials out, sends loopback through the proxy too, and refuses what Chromium cannot do', () => {
    expect(toPlaywrightProxy('http://us%40er:p%3Ass@proxy.example:8000')).toEqual({ server: 'http://proxy.example:8000', bypass: '<-loopback>', username: 'us@er', password: 'p:ss' });
    expect(toPlaywrightProxy('socks5h://10.0.0.9:1080')).toEqual({ server: 'socks5://10.0.0.9:1080', bypass: '<-loopback>' });
    expect(() => toPlaywrightProxy('socks5://u:secret@10.0.0.9:1080')).toThrow(/cannot authenticate to a SOCKS5 proxy/);
    expect(() => toPlaywrightProxy('ftp://x:21')).toThrow(/use an http, https, socks5 or socks5h URL/);
    let message = '';
    try {
      toPlaywrightProxy('nope://user:secret@proxy.example:1');
    } catch (e) {
      message = String(e);
    }
    expect(message).toMatch(/use an http, https/);
    expect(message).not.toContain('secret');
  });
});
