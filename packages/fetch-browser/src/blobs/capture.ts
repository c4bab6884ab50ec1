import type { Logger } from '@scrapifie/engine';
import type { ScrapifieError } from '@scrapifie/recipe';
import type { Page } from 'playwright-core';
import { redactUrl } from '../errors.ts';
import type { BlobSink, BlobTrigger, BrowserBlob } from './blob-sink.ts';

const HTML_TYPE = 'text/html; charset=utf-8';

export interface CaptureTarget {
  sink: BlobSink;
  tags: Record<string, string>;
  logger: Logger;
}

function blob(kind: BrowserBlob['kind'], body: Uint8Array, page: Page, trigger: BlobTrigger, tags: Record<string, string>, error?: ScrapifieError): BrowserBlob {
  return {
    kind, body, url: redactUrl(page.url()), trigger, tags, at: Date.now(),
    contentType: kind === 'html' ? HTML_TYPE : 'image/png',
    ...(error ? { error: { code: error.code, message: error.message } } : {}),
  };
}

/** Hands a blob the request asked for to the sink (a sink failure fails the fetch: the user asked for it). */
export async function keepRequested(target: CaptureTarget, page: Page, kind: BrowserBlob['kind'], body: Uint8Array): Promise<void> {
  await target.sink.put(blob(kind, body, page, 'requested', target.tags));
}

/**
 * What a failed page looked like: a viewport screenshot and the rendered HTML, each within `timeoutMs`. Best effort:
 * a page that crashed or closed gives nothing, and a capture failure is logged, never thrown over the fetch's error.
 */
export async function captureFailure(target: CaptureTarget, page: Page, error: ScrapifieError, timeoutMs: number): Promise<void> {
  if (page.isClosed()) return;
  const tries: Array<Promise<void>> = [
    page.screenshot({ type: 'png', timeout: timeoutMs }).then((png) =>
      target.sink.put(blob('screenshot', new Uint8Array(png.buffer, png.byteOffset, png.byteLength), page, 'failure', target.tags, error))),
    withTimeout(page.content(), timeoutMs).then((html) => target.sink.put(blob('html', new TextEncoder().encode(html), page, 'failure', target.tags, error))),
  ];
  const results = await Promise.allSettled(tries);
  for (const r of results) {
    if (r.status === 'rejected') {
      const why = r.reason instanceof Error ? (r.reason.message.split('\n')[0] ?? '') : String(r.reason);
      target.logger.debug('could not capture the failed page', { url: redactUrl(page.url()), error: why });
    }
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}
