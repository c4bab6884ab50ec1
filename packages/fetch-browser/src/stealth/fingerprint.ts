import { InvalidInputError } from '@scrapifie/recipe';
import { FingerprintGenerator, type BrowserFingerprintWithHeaders } from 'fingerprint-generator';
import { countryProfile, languagesFor } from './geo.ts';
import { randomSeed } from './random.ts';

export const FINGERPRINT_OPERATING_SYSTEMS = ['windows', 'macos', 'linux'] as const;
export type FingerprintOs = (typeof FINGERPRINT_OPERATING_SYSTEMS)[number];

/** One session's browser identity, JSON-serialisable (sessions store it so every page shows the same browser). */
export interface StealthFingerprint {
  kind: 'scrapifie-fingerprint/1';
  /** fingerprint-generator's fingerprint and headers, aligned to the real browser's version. */
  data: BrowserFingerprintWithHeaders;
  userAgent: string;
  locale: string;
  languages: string[];
  timezoneId: string;
  viewport: { width: number; height: number };
  screen: { width: number; height: number };
  /** Seed of the canvas noise: the same session draws the same (slightly altered) pixels. */
  noiseSeed: number;
  /** The Chromium version the fingerprint claims (the one it runs on). */
  browserVersion: string;
  country: string | undefined;
}

export interface FingerprintOptions {
  /** Two-letter country (the proxy's exit): sets locale, languages and timezone unless given. */
  country?: string | undefined;
  locale?: string | undefined;
  timezoneId?: string | undefined;
  /** Operating systems to pick from (default all three desktop ones). */
  operatingSystems?: readonly FingerprintOs[] | undefined;
  /** The real Chromium's version, e.g. "156.0.8078.79" (Browser.version()): the fingerprint claims it. */
  browserVersion: string;
  noiseSeed?: number | undefined;
}

let generator: FingerprintGenerator | undefined;

/** Builds one consistent identity: UA, client hints, headers, screen and viewport, locale, languages, timezone. */
export function createFingerprint(opts: FingerprintOptions): StealthFingerprint {
  const geo = countryProfile(opts.country);
  if (opts.country !== undefined && !/^[A-Za-z]{2}$/.test(opts.country)) {
    throw new InvalidInputError('INVALID_INPUT', `fingerprint country must be a two-letter code such as "de", got "${opts.country}"`);
  }
  const locale = opts.locale ?? geo?.locale ?? 'en-US';
  const timezoneId = opts.timezoneId ?? geo?.timezoneId ?? 'America/New_York';
  const languages = languagesFor(locale);
  const operatingSystems = [...(opts.operatingSystems ?? FINGERPRINT_OPERATING_SYSTEMS)];
  for (const os of operatingSystems) {
    if (!FINGERPRINT_OPERATING_SYSTEMS.includes(os)) throw new InvalidInputError('INVALID_INPUT', `fingerprint operating system "${String(os)}" is not one of ${FINGERPRINT_OPERATING_SYSTEMS.join(', ')}`);
  }
  generator ??= new FingerprintGenerator();
  const generated = generator.getFingerprint({ browsers: [{ name: 'chrome' }], operatingSystems, devices: ['desktop'], locales: [...languages] }); // a copy: the generator reorders it in place
  const aligned = alignBrowserVersion(generated, opts.browserVersion);
  // The generator orders languages its own way; the navigator must list them as Accept-Language does.
  const navigator = { ...aligned.fingerprint.navigator, language: locale, languages };
  const data = { headers: { ...aligned.headers, 'accept-language': acceptLanguage(languages) }, fingerprint: { ...aligned.fingerprint, navigator } };
  const s = data.fingerprint.screen;
  const screen = { width: s.width, height: s.height };
  const viewport = {
    width: s.innerWidth > 0 && s.innerWidth <= s.width ? s.innerWidth : s.width,
    height: s.innerHeight > 0 && s.innerHeight <= s.height ? s.innerHeight : Math.max(400, s.height - 130),
  };
  return {
    kind: 'scrapifie-fingerprint/1', data, userAgent: data.fingerprint.navigator.userAgent, locale, languages, timezoneId, viewport, screen,
    noiseSeed: opts.noiseSeed ?? randomSeed(), browserVersion: opts.browserVersion, country: opts.country?.toLowerCase(),
  };
}

export function isStealthFingerprint(v: unknown): v is StealthFingerprint {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'scrapifie-fingerprint/1';
}

/**
 * Makes the fingerprint claim the Chromium it runs on: the generator's data lags behind, and a user agent that says
 * Chrome 147 on a Chromium 156 engine is itself a tell. Rewrites the user agent, the brands and the full versions,
 * in the navigator data and in the headers.
 */
export function alignBrowserVersion(fp: BrowserFingerprintWithHeaders, browserVersion: string): BrowserFingerprintWithHeaders {
  const real = /^(\d+)\.\d+\.\d+\.\d+$/.exec(browserVersion);
  const claimed = /Chrome\/(\d+)\./.exec(fp.fingerprint.navigator.userAgent);
  if (!real || !claimed) return fp;
  const major = real[1] as string;
  const old = claimed[1] as string;
  if (old === major) return fp;
  const ua = (s: string): string => s.replace(`Chrome/${old}.0.0.0`, `Chrome/${major}.0.0.0`).replace(new RegExp(`Chrome/${old}\\.[\\d.]+`), `Chrome/${major}.0.0.0`);
  const nav = fp.fingerprint.navigator;
  const uad = nav.userAgentData;
  const brand = (b: { brand: string; version: string }): { brand: string; version: string } => (b.version === old ? { ...b, version: major } : b);
  const full = (b: { brand: string; version: string }): { brand: string; version: string } => (b.version.startsWith(`${old}.`) ? { ...b, version: browserVersion } : b);
  const headers = { ...fp.headers };
  if (headers['user-agent']) headers['user-agent'] = ua(headers['user-agent']);
  if (headers['sec-ch-ua']) headers['sec-ch-ua'] = headers['sec-ch-ua'].replaceAll(`v="${old}"`, `v="${major}"`);
  return {
    headers,
    fingerprint: {
      ...fp.fingerprint,
      navigator: {
        ...nav,
        userAgent: ua(nav.userAgent),
        appVersion: ua(nav.appVersion),
        userAgentData: uad && {
          ...uad,
          brands: uad.brands.map(brand),
          fullVersionList: (uad.fullVersionList ?? []).map(full),
          uaFullVersion: uad.uaFullVersion?.startsWith(`${old}.`) ? browserVersion : uad.uaFullVersion,
        },
      },
    },
  };
}

/**
 * Request headers for the HTTP tier that match the impersonated browser (use them with impit's "chrome"
 * impersonation): user agent, client hints, Accept, Accept-Language and the navigation's Sec-Fetch-* values. The
 * TLS and HTTP/2 fingerprint stay impit's; Accept-Encoding is left to the client, which must decode what it asks for.
 */
export function httpHeadersFor(fp: StealthFingerprint): Record<string, string> {
  const h = fp.data.headers;
  const out: Record<string, string> = {};
  for (const name of ['sec-ch-ua', 'sec-ch-ua-mobile', 'sec-ch-ua-platform', 'upgrade-insecure-requests', 'user-agent', 'accept']) {
    const v = h[name];
    if (v !== undefined) out[name] = v;
  }
  out['sec-fetch-site'] = 'none';
  out['sec-fetch-mode'] = 'navigate';
  out['sec-fetch-user'] = '?1';
  out['sec-fetch-dest'] = 'document';
  out['accept-language'] = acceptLanguage(fp.languages);
  return out;
}

/** "de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7" */
export function acceptLanguage(languages: readonly string[]): string {
  return languages.map((l, i) => (i === 0 ? l : `${l};q=${Math.max(0.1, 1 - i * 0.1).toFixed(1)}`)).join(',');
}
