import type { BrowserContextOptions } from 'playwright-core';

/** Cookies and localStorage of a browser context, as Playwright saves and restores them. */
export type StorageState = Exclude<BrowserContextOptions['storageState'], string | undefined>;

/** The proxy a session goes out through. `url` may carry credentials: never log it (see redactUrl). */
export interface SessionProxy {
  url: string;
  /** Two-letter country of the exit, when known: the stealth tier matches locale and timezone to it. */
  country?: string | undefined;
}

/**
 * One browser session: what makes a site see the same visitor again. Records hold cookies, and may hold a proxy's
 * credentials, so stores keep them private (the file store writes 0600 files).
 */
export interface SessionRecord {
  id: string;
  /** Changes each time the session starts afresh (expiry, retirement); names the session's browser context. */
  generation: string;
  /** Epoch ms. */
  createdAt: number;
  lastUsedAt: number;
  /** Pages fetched in this generation. */
  uses: number;
  proxy?: SessionProxy | undefined;
  /** The stealth tier's fingerprint (JSON), kept so every page of the session shows the same browser. */
  fingerprint?: unknown;
  storageState?: StorageState | undefined;
  /** Which login (a hash of its spec) signed this session in. */
  loggedIn?: string | undefined;
}

/** The port sessions persist through: an in-memory map for one process, files for runs that resume. */
export interface SessionStore {
  get(id: string): Promise<SessionRecord | undefined>;
  put(record: SessionRecord): Promise<void>;
  delete(id: string): Promise<void>;
}

/** Sessions of one process only. */
export class MemorySessionStore implements SessionStore {
  readonly #records = new Map<string, SessionRecord>();

  async get(id: string): Promise<SessionRecord | undefined> {
    const r = this.#records.get(id);
    return r === undefined ? undefined : structuredClone(r);
  }

  async put(record: SessionRecord): Promise<void> {
    this.#records.set(record.id, structuredClone(record));
  }

  async delete(id: string): Promise<void> {
    this.#records.delete(id);
  }

  /** Ids of the stored sessions. */
  ids(): string[] {
    return [...this.#records.keys()];
  }
}
