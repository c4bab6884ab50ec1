import { useEffect, type ReactNode } from 'react';
import { ErrorBanner } from '../components/ErrorBanner.tsx';
import { useAuth } from '../stores/auth-store.ts';
import { useWorkspaces } from '../stores/workspaces-store.ts';
import { SignInScreen } from './SignInScreen.tsx';

/**
 * Asks the server who we are once: in local mode (the desktop, a loopback `serve`) the screens show at once; in
 * server mode without a session (or when a call comes back UNAUTHORIZED) the sign-in screen shows instead. The
 * screens remount when the workspace changes, so each loads the new workspace's data.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const { mode, needsSignIn, init, error } = useAuth();
  const currentId = useWorkspaces((s) => s.currentId);
  useEffect(() => void init(), [init]);
  if (needsSignIn) return <SignInScreen />;
  if (mode === 'unknown' && !error) return <p className="muted">Connecting…</p>;
  return (
    <div key={currentId ?? 'none'} className="gate">
      {mode === 'unknown' && <ErrorBanner error={`Could not ask the server who you are: ${error}`} />}
      {children}
    </div>
  );
}
