import { ScrapifieError } from '@scrapifie/recipe';
import type { ImpitResponse } from 'impit';
import { redactUrl } from './url.ts';

export function bodyTooLarge(url: string, limit: number, seen: string): ScrapifieError {
  return new ScrapifieError('BODY_TOO_LARGE', `the body of ${redactUrl(url)} is larger than maxBodyBytes (${limit} bytes; ${seen})`);
}

/** Rejects as soon as `signal` aborts, so a stalled read cannot outlive the fetch's deadline. */
function abortable<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => { signal.removeEventListener('abort', onAbort); resolve(v); },
      (e: unknown) => { signal.removeEventListener('abort', onAbort); reject(e); },
    );
  });
}

/**
 * Reads a response body, stopping at `limit` bytes: a body known to fit (identity encoding, Content-Length
 * within the limit) is read in one native call; anything else is streamed and cancelled the moment it
 * exceeds the limit, so a huge or endless body is never buffered.
 */
export async function readBodyWithLimit(res: ImpitResponse, url: string, limit: number, signal: AbortSignal): Promise<Uint8Array> {
  const declared = res.headers.get('content-length');
  const encoding = (res.headers.get('content-encoding') ?? 'identity').toLowerCase();
  const length = declared !== null && /^\d+$/.test(declared) ? Number(declared) : undefined;
  if (encoding === 'identity' && length !== undefined) {
    if (length > limit) {
      res.abort();
      throw bodyTooLarge(url, limit, `Content-Length says ${length}`);
    }
    return abortable(res.bytes(), signal);
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await abortable(reader.read(), signal);
      if (done) break;
      size += value.length;
      if (size > limit) throw bodyTooLarge(url, limit, `stopped reading after ${size}`);
      chunks.push(value);
    }
  } catch (e) {
    reader.cancel().catch(() => undefined);
    res.abort();
    throw e;
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
