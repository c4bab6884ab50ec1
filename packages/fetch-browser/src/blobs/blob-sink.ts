/** Why a blob was kept: the request asked for it, or the page failed and this is what it looked like. */
export type BlobTrigger = 'requested' | 'failure';

export interface BrowserBlob {
  kind: 'screenshot' | 'html';
  /** "image/png" or "text/html; charset=utf-8". */
  contentType: string;
  body: Uint8Array;
  /** The page's URL when the blob was taken (credentials removed). */
  url: string;
  trigger: BlobTrigger;
  /** What the caller tagged the request with (e.g. run id and request key), to file the blob under. */
  tags: Record<string, string>;
  /** For failures: the error code and message. */
  error?: { code: string; message: string } | undefined;
  /** Epoch ms. */
  at: number;
}

/** Where the browser tiers put screenshots and rendered HTML (the run's blob store; files; memory in tests). */
export interface BlobSink {
  put(blob: BrowserBlob): Promise<void>;
}

/** Keeps blobs in an array (tests, previews). */
export class MemoryBlobSink implements BlobSink {
  readonly blobs: BrowserBlob[] = [];

  async put(blob: BrowserBlob): Promise<void> {
    this.blobs.push(blob);
  }
}
