import type { BlockVerdict } from '../src/index.ts';

/** One self-written response in test/fixtures and what detectBlock must say about it. */
export interface CorpusCase {
  file: string;
  status: number;
  headers: Record<string, string>;
  expect: Pick<BlockVerdict, 'blocked' | 'kind' | 'captcha' | 'retryAfterMs'>;
}

const CF = { server: 'cloudflare', 'cf-ray': '8a1b2c3d4e5f6071-FRA', 'content-type': 'text/html; charset=UTF-8' };
const HTML = { 'content-type': 'text/html; charset=utf-8' };

export const BLOCKED: CorpusCase[] = [
  { file: 'cloudflare-managed-challenge.html', status: 403, headers: { ...CF, 'cf-mitigated': 'challenge' }, expect: { blocked: true, kind: 'cloudflare' } },
  { file: 'cloudflare-iuam-503.html', status: 503, headers: CF, expect: { blocked: true, kind: 'cloudflare' } },
  { file: 'cloudflare-blocked-1020.html', status: 403, headers: CF, expect: { blocked: true, kind: 'cloudflare' } },
  { file: 'akamai-access-denied.html', status: 403, headers: { server: 'AkamaiGHost', 'content-type': 'text/html', 'mime-version': '1.0' }, expect: { blocked: true, kind: 'akamai' } },
  { file: 'akamai-bot-manager-challenge.html', status: 200, headers: { ...HTML, 'set-cookie': '_abck=SELFWRITTEN~-1~YAAQ~-1~-1; Path=/; Secure' }, expect: { blocked: true, kind: 'akamai' } },
  { file: 'perimeterx-press-hold.html', status: 403, headers: { ...HTML, 'set-cookie': '_pxhd=SelfWritten:1; path=/' }, expect: { blocked: true, kind: 'perimeterx' } },
  {
    file: 'datadome-captcha.html', status: 403,
    headers: { ...HTML, 'x-datadome': 'protected', 'set-cookie': 'datadome=SelfWrittenFixtureValue; Max-Age=31536000; Domain=.example.fr; Path=/; Secure; SameSite=Lax' },
    expect: { blocked: true, kind: 'datadome' },
  },
  { file: 'recaptcha-v2-gate.html', status: 200, headers: HTML, expect: { blocked: true, kind: 'recaptcha', captcha: { type: 'recaptcha-v2', siteKey: '6LdSelfWrittenFixtureKeyAAAAAAbCdEfGhIjKlMn' } } },
  { file: 'hcaptcha-403.html', status: 403, headers: HTML, expect: { blocked: true, kind: 'hcaptcha', captcha: { type: 'hcaptcha', siteKey: '5e1f0a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b' } } },
  {
    file: 'recaptcha-v3-403.html', status: 403, headers: HTML,
    expect: { blocked: true, kind: 'recaptcha', captcha: { type: 'recaptcha-v3', siteKey: '6LeSelfWrittenV3FixtureKeyZZZZZZZZZZZZZZZZ', action: 'gate_check' } },
  },
  { file: 'turnstile-gate.html', status: 200, headers: HTML, expect: { blocked: true, kind: 'turnstile', captcha: { type: 'turnstile', siteKey: '0x4AAAAAAASelfWrittenFixture' } } },
  { file: 'imperva-incapsula.html', status: 200, headers: { ...HTML, 'x-iinfo': '12-34567890-0 0NNN RT(1731000000000 123) q(0 -1 -1 -1) r(0 -1)' }, expect: { blocked: true, kind: 'generic' } },
  { file: 'generic-bot-wall.html', status: 403, headers: HTML, expect: { blocked: true, kind: 'generic' } },
  { file: 'too-many-requests.txt', status: 429, headers: { 'content-type': 'text/plain', 'retry-after': '120' }, expect: { blocked: true, kind: 'rate-limit', retryAfterMs: 120_000 } },
  { file: 'request-limit-503.html', status: 503, headers: { ...HTML, 'retry-after': '60' }, expect: { blocked: true, kind: 'rate-limit', retryAfterMs: 60_000 } },
  { file: 'react-shell.html', status: 200, headers: HTML, expect: { blocked: true, kind: 'js-shell' } },
  { file: 'angular-shell.html', status: 200, headers: HTML, expect: { blocked: true, kind: 'js-shell' } },
];

export const NORMAL: CorpusCase[] = [
  { file: 'article-with-recaptcha-comments.html', status: 200, headers: HTML, expect: { blocked: false } },
  { file: 'login-with-recaptcha.html', status: 200, headers: HTML, expect: { blocked: false } },
  { file: 'shop-with-invisible-recaptcha-v3.html', status: 200, headers: HTML, expect: { blocked: false } },
  { file: 'cloudflare-served-404.html', status: 404, headers: CF, expect: { blocked: false } },
  { file: 'apache-403.html', status: 403, headers: { server: 'Apache/2.4.62 (Debian)', ...HTML }, expect: { blocked: false } },
  { file: 'maintenance-503.html', status: 503, headers: { ...HTML, 'retry-after': '3600' }, expect: { blocked: false } },
  { file: 'akamai-normal-page.html', status: 200, headers: { ...HTML, 'set-cookie': '_abck=SELFWRITTEN~0~YAAQ~0~-1; Path=/, ak_bmsc=SELFWRITTEN; Path=/' }, expect: { blocked: false } },
  { file: 'ssr-app-with-noscript.html', status: 200, headers: HTML, expect: { blocked: false } },
  { file: 'tiny-static.html', status: 200, headers: HTML, expect: { blocked: false } },
];
