import type { Fetcher, Logger } from '@scrapifie/engine';
import { BrowserPool } from '@scrapifie/fetch-browser';
import { LocalDesignerService } from './designer-service.ts';
import type { CredentialSink } from './credential-shelf.ts';

export interface ServeDesigner {
  service: LocalDesignerService;
  close(): Promise<void>;
}

/**
 * The designer of `scrapifie serve`: one pooled Chromium (launched on the first session) whose traffic goes through
 * the SSRF guard proxy, loopback included (Chromium bypasses proxies for loopback unless told not to).
 */
export function createServeDesigner(opts: { http: Fetcher; proxyUrl: string; logger: Logger; executablePath?: string | undefined; credentials?: CredentialSink | undefined }): ServeDesigner {
  const pool = new BrowserPool(
    {
      maxBrowsers: 1,
      maxPagesPerBrowser: 4,
      idleTimeoutMs: 5 * 60_000,
      extraArgs: [`--proxy-server=${opts.proxyUrl}`, '--proxy-bypass-list=<-loopback>'],
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
