import { useEffect, useState } from 'react';
import { ErrorBanner } from '../components/ErrorBanner.tsx';
import { CreateForm, Field, ScreenFrame } from '../components/Field.tsx';
import { useAuth } from '../stores/auth-store.ts';
import { useWorkspaces } from '../stores/workspaces-store.ts';
import { WorkspaceSwitcher } from './WorkspaceSwitcher.tsx';

/** The workspace's name, the user's workspaces and sign-out (or, locally, that sign-in is off). */
export function SettingsScreen() {
  const auth = useAuth();
  const ws = useWorkspaces();
  const current = ws.workspaces.find((w) => w.id === ws.currentId);
  const [name, setName] = useState(current?.name ?? '');
  useEffect(() => setName(current?.name ?? ''), [current?.name]);
  return (
    <ScreenFrame title="Settings">
      <ErrorBanner error={ws.error ?? auth.error} />
      <h2>Account</h2>
      {auth.mode === 'local' ? (
        <p className="notice" data-testid="auth-off">Authentication is off: this studio runs locally and every call acts as the local owner of its workspace.</p>
      ) : (
        <div className="row">
          <span>Signed in as <strong>{auth.user?.email ?? '—'}</strong></span>
          <button onClick={() => void auth.signOut()}>Sign out</button>
        </div>
      )}
      <h2>Workspace</h2>
      <CreateForm label="Workspace name" submit="Rename" busy={ws.loading} onSubmit={() => ws.rename(name)}>
        <Field label="Name"><input value={name} onChange={(e) => setName(e.target.value)} required /></Field>
        {current && <span className="badge">your role: {current.role}</span>}
      </CreateForm>
      {auth.mode === 'server' && (
        <>
          <h2>Your workspaces</h2>
          <WorkspaceSwitcher />
          <NewWorkspace />
        </>
      )}
    </ScreenFrame>
  );
}

function NewWorkspace() {
  const ws = useWorkspaces();
  const [name, setName] = useState('');
  return (
    <CreateForm
      label="New workspace"
      submit="Create workspace"
      busy={ws.loading}
      onSubmit={async () => {
        const w = await ws.create(name);
        if (w) {
          setName('');
          ws.switchTo(w.id);
        }
      }}
    >
      <Field label="New workspace"><input value={name} onChange={(e) => setName(e.target.value)} required /></Field>
    </CreateForm>
  );
}
