import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthStack, type AuthStack } from '../../../api/test/auth-stack.ts';
import { createStudioClient, setClient, webLink } from '../client.ts';
import { AuthSession, setSession, storageOf, type KeyValue } from '../session.ts';
import { useAuth } from './auth-store.ts';
import { useSchedules } from './schedules-store.ts';
import { useWorkspaces } from './workspaces-store.ts';

// Server mode over real HTTP: sign-in required, a SQLite AppStore in its own file, tokens signed with a real secret.
// The server's clock is the test's (access tokens live 15 minutes, refresh tokens 7 days).
let stack: AuthStack;
let tokens: KeyValue;
const prefs = storageOf(undefined); // the browser's localStorage: the chosen workspace
let session: AuthSession;
const PASSWORD = 'a long enough passphrase';
const MIN = 60_000;

/** A fresh browser tab: nothing in memory; the refresh token survives only in the tab's sessionStorage (`tokens`). */
let tabOffset = 0;
function openTab(): AuthSession {
  session = new AuthSession(stack.api.url, { tokens, prefs, now: () => Date.now() + tabOffset });
  setSession(session);
  setClient(createStudioClient(webLink(stack.api.url, session)));
  return session;
}

beforeAll(async () => {
  stack = await startAuthStack();
  tokens = storageOf(undefined);
  openTab();
});

afterAll(async () => {
  await stack?.close();
});

describe('sign-in (server mode)', () => {
  it('without a session the studio asks to sign in', async () => {
    await useAuth.getState().init();
    expect(useAuth.getState()).toMatchObject({ mode: 'server', needsSignIn: true });
  });

  it('registers the first account, which owns a workspace the studio then acts in', async () => {
    expect(await useAuth.getState().register({ email: 'ada@example.test', password: PASSWORD, name: 'Ada' })).toBe(true);
    expect(useAuth.getState()).toMatchObject({ mode: 'server', needsSignIn: false, error: null, user: { email: 'ada@example.test', name: 'Ada' } });
    const ws = useWorkspaces.getState();
    expect(ws.workspaces).toEqual([expect.objectContaining({ name: "Ada's workspace", role: 'owner' })]);
    expect(ws.currentId).toBe(ws.workspaces[0]!.id);
    // Calls carry the token and the workspace: a workspace resource lists.
    await useSchedules.getState().refresh();
    expect(useSchedules.getState()).toMatchObject({ error: null, schedules: [] });
    // Only the refresh token is kept (in the tab's storage); the access token stays in memory.
    expect(tokens.get('scrapifie.refreshToken')).toMatch(/.{20,}/);
  });

  it('shows why a second sign-up fails when the server keeps sign-up closed', async () => {
    expect(await useAuth.getState().register({ email: 'eve@example.test', password: PASSWORD })).toBe(false);
    expect(useAuth.getState().error).toBe('Sign-up is closed on this server: ask an admin of a workspace to add you');
  });

  it('a reloaded tab renews its access token from the kept refresh token', async () => {
    openTab();
    await useAuth.getState().init();
    expect(useAuth.getState()).toMatchObject({ needsSignIn: false, user: { email: 'ada@example.test' } });
    expect(session.refreshes).toBe(1);
  });

  it('renews the access token before it expires (no call is refused)', async () => {
    openTab(); // a fresh tab: one refresh to get an access token
    await useAuth.getState().init();
    expect(session.refreshes).toBe(1);
    stack.clock.advance(14.5 * MIN);
    tabOffset += 14.5 * MIN; // the tab sees its token 30 s from expiry
    await useSchedules.getState().refresh();
    expect(useSchedules.getState().error).toBeNull();
    expect(session.refreshes).toBe(2);
  });

  it('a call refused as UNAUTHORIZED (expired token) is retried once after a refresh', async () => {
    await useSchedules.getState().refresh(); // a valid token in memory
    const before = session.refreshes;
    stack.clock.advance(16 * MIN); // the server sees the access token expired; the tab does not know yet
    await useSchedules.getState().refresh();
    expect(useSchedules.getState().error).toBeNull();
    expect(session.refreshes).toBe(before + 1);
  });

  it('when the refresh token has expired too, the studio asks to sign in again and says why', async () => {
    stack.clock.advance(8 * 24 * 60 * MIN);
    await useSchedules.getState().refresh();
    expect(useSchedules.getState().error).toMatch(/./);
    expect(useAuth.getState()).toMatchObject({ needsSignIn: true, error: 'Refresh token expired: sign in again' });
    expect(tokens.get('scrapifie.refreshToken')).toBeNull();
  });

  it('a wrong password shows the API message; the right one signs in; sign-out forgets the session', async () => {
    expect(await useAuth.getState().signIn('ada@example.test', 'not the password at all')).toBe(false);
    expect(useAuth.getState()).toMatchObject({ needsSignIn: true, error: 'Wrong e-mail or password' });
    expect(await useAuth.getState().signIn('ada@example.test', PASSWORD)).toBe(true);
    expect(useAuth.getState()).toMatchObject({ needsSignIn: false, error: null });
    const refreshToken = tokens.get('scrapifie.refreshToken')!;
    await useAuth.getState().signOut();
    expect(useAuth.getState().needsSignIn).toBe(true);
    expect(tokens.get('scrapifie.refreshToken')).toBeNull();
    // The server revoked it: a stolen copy is useless.
    const r = await stack.rest('POST', '/auth/refresh', { body: { refreshToken } });
    expect(r.status).toBe(401);
  });
});
