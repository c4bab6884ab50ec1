import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidInputError } from '@scrapifie/recipe';
import type { BlobSink, BrowserBlob } from './blob-sink.ts';

const EXTENSION: Record<BrowserBlob['kind'], string> = { screenshot: 'png', html: 'html' };

/**
 * Writes each blob to a directory as `<time>-<seq>-<trigger>-<kind>.<png|html>` with a `.json` beside it holding
 * the URL, the tags and the error (the CLI's --blobs directory; the server's store replaces it).
 */
export class DirectoryBlobSink implements BlobSink {
  readonly dir: string;
  #seq = 0;
  #ready: Promise<unknown> | undefined;

  constructor(dir: string) {
    if (typeof dir !== 'string' || dir.trim() === '') throw new InvalidInputError('INVALID_INPUT', 'the blob directory cannot be empty');
    this.dir = dir;
  }

  async put(blob: BrowserBlob): Promise<void> {
    this.#ready ??= mkdir(this.dir, { recursive: true });
    await this.#ready;
    const name = `${new Date(blob.at).toISOString().replace(/[:.]/g, '-')}-${String(++this.#seq).padStart(5, '0')}-${blob.trigger}-${blob.kind}`;
    await writeFile(join(this.dir, `${name}.${EXTENSION[blob.kind]}`), blob.body);
    const meta = { url: blob.url, kind: blob.kind, contentType: blob.contentType, trigger: blob.trigger, tags: blob.tags, error: blob.error, at: blob.at };
    await writeFile(join(this.dir, `${name}.json`), `${JSON.stringify(meta, null, 2)}\n`);
  }
}
