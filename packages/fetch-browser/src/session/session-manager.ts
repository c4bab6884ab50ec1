import { randomUUID } from 'node:crypto';
import { InvalidInputError } from '@scrapifie/recipe';
import type { SessionProxy, SessionRecord, SessionStore, StorageState } from './session-store.ts';

export interface SessionManagerOptions {
  /** A session older than this starts afresh (default 30 min). */
  maxAgeMs?: number;
  /** A session that has served this many pages starts afresh (default 50, the proxy pool's maxUsagePerSession). */
  maxUses?: number;
  now?: () => number;
}

export interface OpenedSession {
  record: SessionRecord;
  /** The generation this open replaced (expired or retired), whose browser context should close. */
  replaced?: string | undefined;
}

export interface SessionUpdate {
  storageState?: StorageState | undefined;
  fingerprint?: unknown;
  loggedIn?: string | undefined;
}

function positiveInt(name: string, v: number | undefined, fallback: number): number {
  const n = v ?? fallback;
  if (!Number.isInteger(n) || n < 1) throw new InvalidInputError('INVALID_INPUT', `session option "${name}" must be a whole number >= 1, got ${String(v)}`);
  return n;
}

/**
 * Sessions by id over a SessionStore: open() counts a use and starts a fresh generation (new cookies, fingerprint
 * and proxy) when the session is too old or used up; update() saves what a page left behind, for the same
 * generation only. Operations on one id run one at a time.
 */
export class SessionManager {
  readonly store: SessionStore;
  readonly maxAgeMs: number;
  readonly maxUses: number;
  readonly #now: () => number;
  readonly #locks = new Map<string, Promise<unknown>>();

  constructor(store: SessionStore, opts: SessionManagerOptions = {}) {
    this.store = store;
    this.maxAgeMs = positiveInt('maxAgeMs', opts.maxAgeMs, 30 * 60_000);
    this.maxUses = positiveInt('maxUses', opts.maxUses, 50);
    this.#now = opts.now ?? Date.now;
  }

  /** Whether the record may serve another page now. */
  isUsable(r: SessionRecord): boolean {
    return r.uses < this.maxUses && this.#now() - r.createdAt < this.maxAgeMs;
  }

  /** The session for one more page: the stored one while usable (its proxy kept), else a fresh generation. */
  open(id: string, init: { proxy?: SessionProxy | undefined } = {}): Promise<OpenedSession> {
    if (typeof id !== 'string' || id === '' || id.length > 200) throw new InvalidInputError('INVALID_INPUT', 'a session id is 1-200 characters');
    return this.#serial(id, async () => {
      const now = this.#now();
      const stored = await this.store.get(id);
      let record: SessionRecord;
      let replaced: string | undefined;
      if (stored && this.isUsable(stored)) {
        record = { ...stored, uses: stored.uses + 1, lastUsedAt: now };
      } else {
        replaced = stored?.generation;
        record = { id, generation: randomUUID(), createdAt: now, lastUsedAt: now, uses: 1, proxy: init.proxy };
      }
      await this.store.put(record);
      return { record, replaced };
    });
  }

  /** Saves cookies, storage, fingerprint or login state into the session, unless it moved to a new generation. */
  update(id: string, generation: string, patch: SessionUpdate): Promise<void> {
    return this.#serial(id, async () => {
      const stored = await this.store.get(id);
      if (!stored || stored.generation !== generation) return;
      const next: SessionRecord = { ...stored };
      if (patch.storageState !== undefined) next.storageState = patch.storageState;
      if (patch.fingerprint !== undefined) next.fingerprint = patch.fingerprint;
      if (patch.loggedIn !== undefined) next.loggedIn = patch.loggedIn;
      await this.store.put(next);
    });
  }

  /** Ends the session (a block, a failed login): its next open starts afresh. Returns the generation it ended. */
  retire(id: string): Promise<string | undefined> {
    return this.#serial(id, async () => {
      const stored = await this.store.get(id);
      await this.store.delete(id);
      return stored?.generation;
    });
  }

  #serial<T>(id: string, work: () => Promise<T>): Promise<T> {
    const before = this.#locks.get(id) ?? Promise.resolve();
    const run = before.then(work, work);
    const tail = run.catch(() => undefined);
    this.#locks.set(id, tail);
    void tail.then(() => {
      if (this.#locks.get(id) === tail) this.#locks.delete(id);
    });
    return run;
  }
}
