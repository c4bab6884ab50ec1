import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidInputError } from '@scrapifie/recipe';
import type { SessionRecord, SessionStore } from './session-store.ts';

function isRecord(v: unknown, id: string): v is SessionRecord {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return r.id === id && typeof r.generation === 'string' && typeof r.createdAt === 'number' && typeof r.lastUsedAt === 'number' && typeof r.uses === 'number';
}

/**
 * Sessions as one JSON file each in a directory (created 0700; files 0600, written whole and renamed into place,
 * so a crash never leaves half a file). File names are hashes of the ids. A file that cannot be read as a session
 * counts as absent: the session starts afresh and overwrites it.
 */
export class FileSessionStore implements SessionStore {
  readonly dir: string;
  #ready: Promise<unknown> | undefined;

  constructor(dir: string) {
    if (typeof dir !== 'string' || dir.trim() === '') throw new InvalidInputError('INVALID_INPUT', 'the session store needs a directory');
    this.dir = dir;
  }

  #file(id: string): string {
    return join(this.dir, `${createHash('sha256').update(id).digest('hex').slice(0, 40)}.json`);
  }

  async get(id: string): Promise<SessionRecord | undefined> {
    let text: string;
    try {
      text = await readFile(this.#file(id), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
    try {
      const parsed: unknown = JSON.parse(text);
      return isRecord(parsed, id) ? parsed : undefined;
    } catch {
      return undefined;
    }
  }

  async put(record: SessionRecord): Promise<void> {
    this.#ready ??= mkdir(this.dir, { recursive: true, mode: 0o700 });
    await this.#ready;
    const file = this.#file(record.id);
    const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(tmp, JSON.stringify(record), { mode: 0o600 });
    await rename(tmp, file);
  }

  async delete(id: string): Promise<void> {
    await rm(this.#file(id), { force: true });
  }
}
