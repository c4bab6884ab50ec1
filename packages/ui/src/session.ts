import { createTRPCClient, httpBatchLink, type TRPCClient } from '@trpc/client';
import type { AppRouter } from '@scrapifie/api';

/**
 * The web studio's sign-in session (server mode): the access token lives in memory only, the refresh token in
 * sessionStorage (it survives a reload of this tab, not the closing of it), the chosen workspace in localStorage.
 * Sign-in, registration and refresh go through a bare client that sends no Authorization header: the server
 * resolves credentials before any procedure runs, so an expired access token would fail even a public call.
 */

export interface KeyValue {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

/** A browser Storage, or (outside a browser: tests, workers) a map in memory. */
export function storageOf(s: Storage | undefined): KeyValue {
  if (s) return { get: (k) => s.getItem(k), set: (k, v) => s.setItem(k, v), remove: (k) => s.removeItem(k) };
  const m = new Map<string, string>();
  return { get: (k) => m.get(k) ?? null, set: (k, v) => void m.set(k, v), remove: (k) => void m.delete(k) };
}

const REFRESH_KEY = 'scrapifie.refreshToken';
const WORKSPACE_KEY = 'scrapifie.workspaceId';
/** An access token this close to its expiry is renewed before a call (the server's clock may be a little ahead). */
export const REFRESH_MARGIN_MS = 60_000;

export type SessionEvent = 'signed-in' | 'signed-out' | 'unauthorized';

interface Tokens {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  user: SessionUser;
}
export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
}

export class AuthSession {
  private access: { token: string; expiresAt: number } | null = null;
  private refreshing: Promise<boolean> | null = null;
  private readonly listeners = new Set<(e: SessionEvent) => void>();
  private readonly bare: TRPCClient<AppRouter>;
  user: SessionUser | null = null;
  /** How many times the access token was renewed (shown nowhere; the tests count it). */
  refreshes = 0;
  /** Why the last refresh was refused (e.g. "Refresh token expired: sign in again"). */
  lastRefreshError: string | null = null;

  readonly base: string;
  private readonly tokens: KeyValue;
  private readonly prefs: KeyValue;
  private readonly now: () => number;

  constructor(base: string, opts: { tokens?: KeyValue; prefs?: KeyValue; now?: () => number } = {}) {
    this.base = base;
    this.tokens = opts.tokens ?? storageOf(globalThis.sessionStorage);
    this.prefs = opts.prefs ?? storageOf(globalThis.localStorage);
    this.now = opts.now ?? Date.now;
    this.bare = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${base}/trpc`, maxItems: 1 })] });
  }

  on(listener: (e: SessionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(e: SessionEvent): void {
    for (const l of this.listeners) l(e);
  }

  private keep(t: Tokens): void {
    this.access = { token: t.accessToken, expiresAt: Date.parse(t.accessTokenExpiresAt) };
    this.tokens.set(REFRESH_KEY, t.refreshToken);
    this.user = t.user;
    this.lastRefreshError = null;
  }

  get signedIn(): boolean {
    return this.access !== null || this.hasRefreshToken();
  }

  hasRefreshToken(): boolean {
    return this.tokens.get(REFRESH_KEY) !== null;
  }

  get workspaceId(): string | null {
    return this.prefs.get(WORKSPACE_KEY);
  }

  set workspaceId(id: string | null) {
    if (id) this.prefs.set(WORKSPACE_KEY, id);
    else this.prefs.remove(WORKSPACE_KEY);
  }

  async signIn(email: string, password: string): Promise<SessionUser> {
    this.keep(await this.bare.auth.login.mutate({ email, password }));
    this.emit('signed-in');
    return this.user!;
  }

  /** Creates an account (the first one owns the server; later ones only where sign-up is open) and signs it in. */
  async register(input: { email: string; password: string; name?: string; workspaceName?: string }): Promise<{ user: SessionUser; workspace: { id: string; name: string } | null }> {
    const r = await this.bare.auth.register.mutate(input);
    this.keep(r);
    if (r.workspace) this.workspaceId = r.workspace.id;
    this.emit('signed-in');
    return { user: r.user, workspace: r.workspace };
  }

  /** Trades the refresh token for a new pair, once at a time; false (and signed out) when the server refuses it. */
  refresh(): Promise<boolean> {
    this.refreshing ??= this.doRefresh().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async doRefresh(): Promise<boolean> {
    const refreshToken = this.tokens.get(REFRESH_KEY);
    if (!refreshToken) return false;
    try {
      this.keep(await this.bare.auth.refresh.mutate({ refreshToken }));
      this.refreshes++;
      return true;
    } catch (e) {
      this.clear();
      this.lastRefreshError = e instanceof Error ? e.message : String(e);
      this.emit('signed-out');
      return false;
    }
  }

  /** The headers of a call: the access token (renewed first when it is about to expire) and the workspace. */
  async headers(): Promise<Record<string, string>> {
    if ((this.access === null || this.access.expiresAt - this.now() < REFRESH_MARGIN_MS) && this.hasRefreshToken()) await this.refresh();
    const h: Record<string, string> = {};
    if (this.access) h.authorization = `Bearer ${this.access.token}`;
    const ws = this.workspaceId;
    if (ws && this.access) h['x-workspace-id'] = ws;
    return h;
  }

  /** What an SSE subscription sends in tRPC's connectionParams (EventSource cannot send headers). */
  async connectionParams(): Promise<Record<string, string>> {
    const h = await this.headers();
    const p: Record<string, string> = {};
    if (h.authorization) p.token = h.authorization.slice('Bearer '.length);
    if (h['x-workspace-id']) p.workspaceId = h['x-workspace-id'];
    return p;
  }

  /** A call came back UNAUTHORIZED even after a refresh: the UI shows the sign-in screen. */
  unauthorized(): void {
    this.emit('unauthorized');
  }

  async signOut(): Promise<void> {
    const refreshToken = this.tokens.get(REFRESH_KEY);
    this.clear();
    this.lastRefreshError = null;
    this.emit('signed-out');
    if (refreshToken) await this.bare.auth.logout.mutate({ refreshToken });
  }

  private clear(): void {
    this.access = null;
    this.user = null;
    this.tokens.remove(REFRESH_KEY);
  }
}

let current: AuthSession | undefined;

/** The session of the web studio talking to `base` (one per page; a new base starts a new one). */
export function sessionFor(base: string): AuthSession {
  if (!current || current.base !== base) current = new AuthSession(base);
  return current;
}

/** The web studio's session, if it talks HTTP (the desktop has none: it never signs in). */
export function currentSession(): AuthSession | undefined {
  return current;
}

/** Replaces the session (tests start each case signed out). */
export function setSession(s: AuthSession | undefined): void {
  current = s;
}
