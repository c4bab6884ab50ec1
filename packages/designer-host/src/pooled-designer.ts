import type { Fetcher, Logger } from '@scrapifie/engine';
import { BrowserPool } from '@scrapifie/fetch-browser';
import type { CredentialSink } from './credential-shelf.ts';
import { LocalDesignerService } from './designer-service.ts';

export interface PooledDesignerOptions {
  /** The HTTP tier, for the tier check ("works without a browser"). */
  http: Fetcher;
  logger: Logger;
  /** The Chromium to launch (default: Playwright's own, else the system's). */
  executablePath?: string | undefined;
  /** Extra Chromium arguments (serve routes the live pages through its SSRF guard proxy with these). */
  browserArgs?: string[] | undefined;
  /** Where the typed secrets of recorded logins go. */
  credentials?: CredentialSink | undefined;
}

export interface PooledDesigner {
  service: LocalDesignerService;
  /** Closes every session, then the browser. */
  close(): Promise<void>;
}

/**
 * The designer of an app: one pooled Chromium, launched on the first session (an app that never opens the designer
 * never starts a browser), up to 4 live pages in it, closed after 5 idle minutes.
 */
export function createPooledDesigner(opts: PooledDesignerOptions): PooledDesigner {
  const pool = new BrowserPool(
    {
      maxBrowsers: 1,
      maxPagesPerBrowser: 4,
      idleTimeoutMs: 5 * 60_000,
      ...(opts.browserArgs?.length ? { extraArgs: opts.browserArgs } : {}),
      ...(opts.executablePath ? { executablePath: opts.executablePath } : {}),
    },
    opts.logger,
  );
  const service = new LocalDesignerService({ pool, http: opts.http, logger: opts.logger, credentials: opts.credentials });
  return {
    service,
    async close() {
      await service.closeAll();
      await pool.close();
    },
  };
}
