import type { Logger } from '@scrapifie/engine';
import type { OriginCheck } from '../ipc/origin.ts';
import { openExternalSafely, urlForLog, type ShellLike } from './external-links.ts';

interface PreventableEvent {
  preventDefault(): void;
}

/** The WebContents events and methods the guards use; a real WebContents satisfies this. */
export interface GuardedWebContents {
  on(event: 'will-navigate', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-frame-navigate', listener: (details: PreventableEvent & { url: string; isMainFrame: boolean }) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface WebContentsGuardOptions {
  isAppUrl: OriginCheck;
  shell: ShellLike;
  logger: Logger;
}

/**
 * Keeps a WebContents on the app's own pages: navigation, redirects and subframe navigation to any
 * other origin are cancelled; window.open and target=_blank never open an app window; a link the user
 * followed to an http(s) site opens in their browser instead (after checkExternalUrl); no <webview>.
 */
export function guardWebContents(wc: GuardedWebContents, opts: WebContentsGuardOptions): void {
  const { isAppUrl, shell, logger } = opts;
  const leaveForBrowser = (url: string): void => {
    void openExternalSafely(shell, url, logger);
  };
  wc.on('will-navigate', (event, url) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    logger.info('Navigation away from the app cancelled', { target: urlForLog(url) });
    leaveForBrowser(url);
  });
  wc.on('will-redirect', (event, url) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    logger.warn('Redirect away from the app cancelled', { target: urlForLog(url) });
  });
  wc.on('will-frame-navigate', (details) => {
    if (details.isMainFrame || isAppUrl(details.url)) return;
    details.preventDefault();
    logger.warn('A frame tried to load a page that is not the app\'s own', { target: urlForLog(details.url) });
  });
  wc.on('will-attach-webview', (event) => {
    event.preventDefault();
    logger.warn('A <webview> was refused');
  });
  wc.setWindowOpenHandler(({ url }) => {
    if (!isAppUrl(url)) leaveForBrowser(url);
    return { action: 'deny' };
  });
}
