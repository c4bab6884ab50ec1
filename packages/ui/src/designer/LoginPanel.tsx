import { useState } from 'react';
import { useDesigner } from '../stores/designer-store.ts';

const WHERE: Record<string, string> = { store: 'in the credential store', memory: "in the server's memory until it stops" };

/** A step as the panel lists it: the action, its element, and what it types (a credential by name, never a secret). */
function stepText(s: Record<string, unknown>): string {
  const where = typeof s.css === 'string' ? s.css : typeof s.xpath === 'string' ? `xpath:${s.xpath}` : '';
  const what = typeof s.credential === 'string' ? `credential ${s.credential}` : typeof s.value === 'string' ? JSON.stringify(s.value) : typeof s.key === 'string' ? s.key : '';
  return [String(s.action), where, what].filter(Boolean).join(' ');
}

/**
 * The login recorder: "Record login" on the sign-in page, then click and type on the live page (Interact mode),
 * "Stop recording" once signed in. What is typed into the login form is stored as a credential; the steps name it.
 */
export function LoginPanel() {
  const { session, record, setMode } = useDesigner();
  const [credential, setCredential] = useState('');
  if (!session) return null;
  const rec = session.recording ?? null;
  const start = () => {
    setMode('interact');
    void record({ op: 'start', ...(credential.trim() ? { credential: credential.trim() } : {}) });
  };
  return (
    <div className="panel" data-testid="login-panel">
      <h2>Login</h2>
      {!rec && (
        <div className="row">
          <input aria-label="Credential name" placeholder="credential name (default: the site)" value={credential} onChange={(e) => setCredential(e.target.value)} />
          <button onClick={start} title="Record the sign-in steps from this page: click and type on the page">Record login</button>
        </div>
      )}
      {rec?.active && (
        <div className="row">
          <span className="badge tier-browser" data-testid="recording">recording…</span>
          <button onClick={() => void record({ op: 'stop' })}>Stop recording</button>
          <button onClick={() => void record({ op: 'discard' })}>Discard</button>
        </div>
      )}
      {rec && !rec.active && (
        <div className="row">
          <span className="muted">Sign-in at <span className="mono">{rec.url}</span></span>
          <button onClick={() => void record({ op: 'discard' })}>Remove login</button>
        </div>
      )}
      {rec && (
        <ol className="mono" data-testid="login-steps">
          {rec.steps.map((s, i) => <li key={i}>{stepText(s)}</li>)}
        </ol>
      )}
      {rec && rec.credentials.length > 0 && (
        <p className="muted" data-testid="login-credentials">
          {rec.credentials.map((c) => `${c.ref}: ${WHERE[String(c.stored)] ?? (rec.active ? 'stored when the recording stops' : 'not stored (this server keeps no credentials)')}`).join(' · ')}
        </p>
      )}
    </div>
  );
}
