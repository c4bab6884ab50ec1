import type { Login } from '@scrapifie/recipe';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import type { ActionContext } from './actions/run-actions.ts';
import { loginHash, performLogin } from './actions/login.ts';
import type { BrowserPool } from './browser-pool.ts';
import type { ContextProfile, ContextSetup } from './context-profile.ts';
import type { SessionManager } from './session/session-manager.ts';
import type { SessionProxy, SessionRecord } from './session/session-store.ts';

/** A fetch's session: the record it opened, and the pool key of the session's browser context. */
export interface BoundSession {
  id: string;
  generation: string;
  contextKey: string;
  record: SessionRecord;
}

export function sessionContextKey(id: string, generation: string): string {
  return `session:${id}:${generation}`;
}

/** The session id a fetch runs in: the request's, else one shared by every page of a login (so it signs in once). */
export function sessionIdFor(requested: string | undefined, login: Login | undefined): string | undefined {
  if (requested !== undefined) return requested;
  return login ? `login:${loginHash(login)}` : undefined;
}

/** Opens the session for one more page, closing the browser context of a generation that expired. */
export async function bindSession(sessions: SessionManager, pool: BrowserPool, id: string, proxy: SessionProxy | undefined): Promise<BoundSession> {
  const { record, replaced } = await sessions.open(id, { proxy });
  if (replaced !== undefined) await pool.closeContext(sessionContextKey(id, replaced));
  return { id, generation: record.generation, contextKey: sessionContextKey(id, record.generation), record };
}

/**
 * The context factory of a fetch: the profile's context, from the session's latest saved state (read when the context
 * is made: another page of the session may have signed in since) and proxy, or from the request's proxy alone.
 */
export function contextFactory(
  profile: ContextProfile, sessions: SessionManager | undefined, bound: BoundSession | undefined, proxy: SessionProxy | undefined,
): (browser: Browser, base: BrowserContextOptions) => Promise<BrowserContext> {
  return async (browser, base) => {
    if (!bound || !sessions) return profile.createContext(browser, base, { proxy });
    const latest = (await sessions.store.get(bound.id)) ?? bound.record;
    const setup: ContextSetup = {
      proxy: latest.proxy ?? proxy,
      storageState: latest.storageState,
      fingerprint: latest.fingerprint,
      keepFingerprint: (fingerprint) => {
        void sessions.update(bound.id, bound.generation, { fingerprint }).catch(() => undefined);
      },
    };
    return profile.createContext(browser, base, setup);
  };
}

/** Saves what the page left in its context (cookies, localStorage) into the session. */
export async function saveSession(sessions: SessionManager, bound: BoundSession, context: BrowserContext, loggedIn?: string): Promise<void> {
  const storageState = await context.storageState();
  await sessions.update(bound.id, bound.generation, { storageState, ...(loggedIn !== undefined ? { loggedIn } : {}) });
}

/**
 * One sign-in per session generation: the first page of a session that is not signed in performs the login on its
 * own page; the session's other pages wait for it. A failed login is forgotten, so the next page tries again.
 */
export class LoginGate {
  readonly #pending = new Map<string, Promise<void>>();
  readonly #done = new Set<string>();

  /** Whether the session is signed in by this login (in this process or in its stored state). */
  isSignedIn(bound: BoundSession, login: Login): boolean {
    return this.#done.has(bound.contextKey) || bound.record.loggedIn === loginHash(login);
  }

  async ensure(bound: BoundSession, login: Login, page: Page, ctx: ActionContext, sessions: SessionManager, context: BrowserContext, force = false): Promise<void> {
    if (!force && this.isSignedIn(bound, login)) return;
    let pending = this.#pending.get(bound.contextKey);
    if (!pending || force) {
      this.#done.delete(bound.contextKey);
      pending = (async () => {
        await performLogin(login, { ...ctx, page });
        await saveSession(sessions, bound, context, loginHash(login));
        this.#done.add(bound.contextKey);
      })();
      this.#pending.set(bound.contextKey, pending);
      pending.then(
        () => this.#pending.delete(bound.contextKey),
        () => this.#pending.delete(bound.contextKey),
      );
    }
    await pending;
  }
}
