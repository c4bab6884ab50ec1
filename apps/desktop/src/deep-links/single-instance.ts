import type { Logger } from '@scrapifie/engine';
import { deepLinkInArgv, parseDeepLink, type DeepLink } from './deep-link.ts';

/** The parts of Electron's `app` used here; the real one satisfies this, tests pass a fake. */
export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  on(event: 'second-instance', listener: (event: unknown, argv: string[], workingDirectory: string) => void): unknown;
  on(event: 'open-url', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
}

export interface SingleInstanceOptions {
  /** This process's own arguments: a first start from a link carries it here (Windows, Linux). */
  argv: readonly string[];
  /** Shows and focuses the existing window (a second start lands here). */
  focus: () => void;
  onDeepLink: (link: DeepLink) => void;
  logger: Logger;
}

/**
 * One app instance per user: a second start hands its deep link (argv on Windows/Linux, open-url
 * on macOS) to the first and quits. Returns false when this process is the second one (it quits).
 * Invalid links are logged and ignored; the window is still brought forward.
 */
export function claimSingleInstance(app: SingleInstanceApp, opts: SingleInstanceOptions): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  const handle = (raw: string | undefined): void => {
    if (raw === undefined) return;
    try {
      opts.onDeepLink(parseDeepLink(raw));
    } catch (e) {
      opts.logger.warn('Ignored an invalid deep link', { error: (e as Error).message });
    }
  };
  app.on('second-instance', (_event, argv) => {
    opts.focus();
    handle(deepLinkInArgv(argv));
  });
  app.on('open-url', (event, url) => {
    event.preventDefault();
    opts.focus();
    handle(url);
  });
  handle(deepLinkInArgv(opts.argv));
  return true;
}
