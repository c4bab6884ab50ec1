import type { Logger } from '@scrapifie/engine';

/** shell.openExternal, as used here. */
export interface ShellLike {
  openExternal(url: string): Promise<void>;
}

export type ExternalUrlCheck = { ok: true; url: string } | { ok: false; reason: string };

const MAX_EXTERNAL_URL_LENGTH = 2048;

/**
 * Whether a link may leave the app for the user's browser: http and https only (never file:,
 * javascript:, data:, or another app's custom scheme), with a host, without embedded credentials.
 */
export function checkExternalUrl(url: string): ExternalUrlCheck {
  if (typeof url !== 'string' || url.length === 0) return { ok: false, reason: 'the link is empty' };
  if (url.length > MAX_EXTERNAL_URL_LENGTH) return { ok: false, reason: `the link is longer than ${MAX_EXTERNAL_URL_LENGTH} characters` };
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { ok: false, reason: 'the link is not a valid URL' };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return { ok: false, reason: `links with the scheme "${u.protocol}" are not opened: only http and https` };
  if (u.hostname === '') return { ok: false, reason: 'the link has no host' };
  if (u.username !== '' || u.password !== '') return { ok: false, reason: 'links with a user name or password in them are not opened' };
  return { ok: true, url: u.href };
}

/** Where a URL points, for logs: its origin only, never its path or query (they may carry tokens). */
export function urlForLog(url: string): string {
  try {
    const u = new URL(url);
    return u.host ? `${u.protocol}//${u.host}` : `${u.protocol}…`;
  } catch {
    return '(not a URL)';
  }
}

/** Opens the link in the user's browser if checkExternalUrl allows it; returns whether it did. */
export async function openExternalSafely(shell: ShellLike, url: string, logger: Logger): Promise<boolean> {
  const check = checkExternalUrl(url);
  if (!check.ok) {
    logger.warn('Refused to open a link outside the app', { target: urlForLog(url), reason: check.reason });
    return false;
  }
  try {
    await shell.openExternal(check.url);
    return true;
  } catch (e) {
    logger.warn('Could not open a link in the browser', { target: urlForLog(url), error: e instanceof Error ? e.message : String(e) });
    return false;
  }
}
