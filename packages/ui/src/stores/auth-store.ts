import { create } from 'zustand';
import { isUnauthorized } from '../auth-link.ts';
import { client, errorMessage } from '../client.ts';
import { currentSession, type SessionUser } from '../session.ts';
import { attempt, IDLE, type Loadable } from './loadable.ts';
import { useWorkspaces } from './workspaces-store.ts';

/** local: the desktop or a loopback `serve` without sign-in (every call is the local owner); server: sign-in required. */
export type AuthMode = 'unknown' | 'local' | 'server';

interface AuthState extends Loadable {
  mode: AuthMode;
  user: SessionUser | null;
  /** Server mode without a valid session: the studio shows the sign-in screen. */
  needsSignIn: boolean;
  /** Asks the server who we are: decides the mode, loads the workspaces. */
  init(): Promise<void>;
  signIn(email: string, password: string): Promise<boolean>;
  register(input: { email: string; password: string; name?: string }): Promise<boolean>;
  signOut(): Promise<void>;
}

let watching: (() => void) | undefined;

export const useAuth = create<AuthState>((set, get) => ({
  ...IDLE,
  mode: 'unknown',
  user: null,
  needsSignIn: false,
  async init() {
    const session = currentSession();
    watching?.();
    watching = session?.on((e) => {
      if (e === 'signed-out') set({ needsSignIn: true, user: null, error: session.lastRefreshError });
      if (e === 'unauthorized') set({ needsSignIn: true, user: null, error: session.lastRefreshError ?? 'Sign in to continue' });
    });
    set({ loading: true });
    try {
      const me = await client().auth.me.query({});
      if (me.kind === 'local') {
        set({ mode: 'local', user: null, needsSignIn: false, loading: false, error: null });
        await useWorkspaces.getState().load(me.workspaceId);
        return;
      }
      set({ mode: 'server', user: me.user, needsSignIn: false, loading: false, error: null });
      await useWorkspaces.getState().load(me.workspaceId);
    } catch (e) {
      if (isUnauthorized(e)) set({ mode: 'server', needsSignIn: true, loading: false, error: null });
      else set({ loading: false, error: errorMessage(e) });
    }
  },
  async signIn(email, password) {
    const ok = await attempt(set, async () => {
      const session = currentSession();
      if (!session) throw new Error('This studio does not sign in (it talks to the app, not to a server)');
      return session.signIn(email, password);
    });
    if (ok) await get().init();
    return ok !== undefined && !get().needsSignIn;
  },
  async register(input) {
    const r = await attempt(set, async () => {
      const session = currentSession();
      if (!session) throw new Error('This studio does not sign in (it talks to the app, not to a server)');
      return session.register(input);
    });
    if (r) await get().init();
    return r !== undefined && !get().needsSignIn;
  },
  async signOut() {
    await attempt(set, async () => {
      await currentSession()?.signOut();
    });
    useWorkspaces.setState({ workspaces: [], currentId: null });
    set({ user: null, needsSignIn: true });
  },
}));
