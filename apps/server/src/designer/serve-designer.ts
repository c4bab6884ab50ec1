import type { Fetcher, Logger } from '@scrapifie/engine';
import { createPooledDesigner, type CredentialSink, type PooledDesigner } from '@scrapifie/designer-host';

/**
 * The designer of `scrapifie serve`: the pooled designer (@scrapifie/designer-host) whose Chromium sends all its traffic
 * through the SSRF guard proxy, loopback included (Chromium bypasses proxies for loopback unless told not to).
 */
export function createServeDesigner(opts: { http: Fetcher; proxyUrl: string; logger: Logger; executablePath?: string | undefined; credentials?: CredentialSink | undefined }): PooledDesigner {
  return createPooledDesigner({
    http: opts.http,
    logger: opts.logger,
    executablePath: opts.executablePath,
    browserArgs: [`--proxy-server=${opts.proxyUrl}`, '--proxy-bypass-list=<-loopback>'],
    credentials: opts.credentials,
  });
}
