import type { Logger } from '@scrapifie/engine';
import type { OriginCheck } from '../ipc/origin.ts';
import { withAppCsp, type ResponseHeaders } from './csp.ts';
import { urlForLog } from './external-links.ts';

/** Permissions the app's own pages may have: writing to the clipboard (copy rows). Everything else is refused. */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

type PermissionRequestHandler = (webContents: { getURL(): string }, permission: string, callback: (granted: boolean) => void, details: { requestingUrl?: string }) => void;
type PermissionCheckHandler = (webContents: { getURL(): string } | null, permission: string, requestingOrigin: string) => boolean;
type HeadersListener = (details: { url: string; responseHeaders?: ResponseHeaders }, callback: (response: { responseHeaders?: Record<string, string[]> }) => void) => void;
type BeforeRequestListener = (details: { url: string; webContentsId?: number }, callback: (response: { cancel?: boolean }) => void) => void;

/** The Session methods the guards use; Electron's session.defaultSession satisfies this. */
export interface GuardedSession {
  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void;
  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void;
  setDevicePermissionHandler(handler: ((details: unknown) => boolean) | null): void;
  webRequest: {
    onHeadersReceived(listener: HeadersListener | null): void;
    onBeforeRequest(filter: { urls: string[] }, listener: BeforeRequestListener | null): void;
  };
}

/** Schemes a page of the app may load besides its own origin: inline images and DevTools. */
const LOCAL_SCHEMES = /^(data|blob|devtools|chrome-extension):/;

/**
 * Applies the session-wide rules: permission requests and checks denied unless allow-listed for the
 * app's own pages, devices (HID, serial, USB) denied, the app CSP on every app response (covers a
 * development server too), and no remote content: a request from a page to anything but the app's
 * origin is cancelled. Requests made by the main process itself (no webContents) are not touched.
 */
export function guardSession(session: GuardedSession, opts: { isAppUrl: OriginCheck; logger: Logger }): void {
  const { isAppUrl, logger } = opts;
  const allowed = (permission: string, url: string | undefined): boolean => ALLOWED_PERMISSIONS.has(permission) && url !== undefined && isAppUrl(url);

  session.setPermissionRequestHandler((webContents, permission, callback, details) => {
    const url = details?.requestingUrl ?? webContents.getURL();
    const grant = allowed(permission, url);
    if (!grant) logger.info('Permission request denied', { permission, from: urlForLog(url) });
    callback(grant);
  });
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin) => allowed(permission, requestingOrigin));
  session.setDevicePermissionHandler(() => false);

  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppUrl(details.url)) {
      callback({});
      return;
    }
    callback({ responseHeaders: withAppCsp(details.responseHeaders) });
  });

  session.webRequest.onBeforeRequest({ urls: ['<all_urls>'] }, (details, callback) => {
    const fromPage = details.webContentsId !== undefined;
    const remote = fromPage && !isAppUrl(details.url) && !LOCAL_SCHEMES.test(details.url);
    if (remote) logger.warn('Blocked remote content in an app window', { target: urlForLog(details.url) });
    callback({ cancel: remote });
  });
}
