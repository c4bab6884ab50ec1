import { ScrapifieError } from '@scrapifie/recipe';
import type { ImpitResponse } from 'impit';
import { redactUrl } from './url.ts';

export function bodyTooLarge(url: string, limit: number, seen: string): ScrapifieError {
  return new ScrapifieError('BODY_TOO_LARGE', `the body of ${redactUrl(url)} is larger than maxBodyBytes (${limit} bytes; ${seen})`);
}

/**
 * Reads a response body, stopping at `limit` bytes: a Content-Length over the limit (identity encoding) is refused
 * before reading; anything else is streamed and cancelled the moment it exceeds the limit, so a huge or endless body
 * is never buffered. One abort listener covers the whole read: aborting cancels the stream, so a stalled read cannot
 * outlive the fetch's deadline. (Reading the stream ourselves costs less CPU than impit's bytes(), which goes
 * through the same stream and then copies.)
 */
export async function readBodyWithLimit(res: ImpitResponse, url: string, limit: number, signal: AbortSignal): Promise<Uint8Array> {
  const declared = res.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > limit) {
    const encoding = (res.headers.get('content-encoding') ?? 'identity').toLowerCase();
    if (encoding === 'identity') {
      res.abort();
      throw bodyTooLarge(url, limit, `Content-Length says ${declared}`);
    }
  }
  signal.throwIfAborted();
  const reader = res.body.getReader();
  const onAbort = (): void => {
    reader.cancel(signal.reason).catch(() => undefined);
    res.abort();
  };
  signal.addEventListener('abort', onAbort, { once: true });
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      // A cancelled stream ends its pending read as "done": the abort's reason is the outcome.
      signal.throwIfAborted();
      if (done) break;
      size += value.length;
      if (size > limit) throw bodyTooLarge(url, limit, `stopped reading after ${size}`);
      chunks.push(value);
    }
  } catch (e) {
    reader.cancel().catch(() => undefined);
    res.abort();
    throw e;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const body = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    body.set(c, offset);
    offset += c.length;
  }
  return body;
}

/** Empties a redirect's small body so the connection can be reused; gives up (and drops it) past 64 KB. */
export async function discardBody(res: ImpitResponse, signal: AbortSignal): Promise<void> {
  try {
    await readBodyWithLimit(res, '', 64 * 1024, signal);
  } catch {
    // The redirect's body is of no interest; a failure here only costs the connection.
  }
}
