import { InvalidInputError } from '@scrapifie/recipe';
import { redactUrl } from './errors.ts';

export interface PlaywrightProxy {
  server: string;
  bypass?: string;
  username?: string;
  password?: string;
}

/**
 * A proxy URL (http, https, socks5, socks5h; credentials in the URL) as Playwright's per-context proxy setting. Every
 * request goes through it, loopback included ("<-loopback>" lifts Chromium's implicit bypass), as with the HTTP tier.
 */
export function toPlaywrightProxy(raw: string): PlaywrightProxy {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new InvalidInputError('INVALID_INPUT', `proxy "${redactUrl(raw)}" is not a valid URL (expected e.g. http://user:pass@host:8000)`);
  }
  const scheme = u.protocol.slice(0, -1);
  if (!['http', 'https', 'socks5', 'socks5h'].includes(scheme) || !u.hostname) {
    throw new InvalidInputError('INVALID_INPUT', `proxy ${redactUrl(raw)}: use an http, https, socks5 or socks5h URL with a host`);
  }
  const socks = scheme.startsWith('socks5');
  if (socks && (u.username || u.password)) {
    throw new InvalidInputError('INVALID_INPUT', `proxy ${redactUrl(raw)}: Chromium cannot authenticate to a SOCKS5 proxy; use an http(s) proxy or one without credentials`);
  }
  const server = `${socks ? 'socks5' : scheme}://${u.host}`;
  const out: PlaywrightProxy = { server, bypass: '<-loopback>' };
  if (u.username) out.username = decodeURIComponent(u.username);
  if (u.password) out.password = decodeURIComponent(u.password);
  return out;
}
