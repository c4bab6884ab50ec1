import { useState } from 'react';
import { ErrorBanner } from '../components/ErrorBanner.tsx';
import { Field } from '../components/Field.tsx';
import { useAuth } from '../stores/auth-store.ts';

/**
 * Server mode without a session. "Create an account" registers: the very first account owns the server (and gets a
 * workspace); later ones only where the server allows sign-up (its answer says so otherwise).
 */
export function SignInScreen() {
  const auth = useAuth();
  const [registering, setRegistering] = useState(false);
  const [form, setForm] = useState({ email: '', password: '', name: '' });
  const submit = async () => {
    if (registering) await auth.register({ email: form.email, password: form.password, ...(form.name ? { name: form.name } : {}) });
    else await auth.signIn(form.email, form.password);
    setForm((f) => ({ ...f, password: '' }));
  };
  return (
    <div className="sign-in">
      <form
        className="panel"
        aria-label={registering ? 'Create an account' : 'Sign in'}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h1>{registering ? 'Create an account' : 'Sign in to Scrapifie Studio'}</h1>
        <ErrorBanner error={auth.error} />
        <Field label="E-mail"><input type="email" autoComplete="username" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} required /></Field>
        {registering && <Field label="Name"><input value={form.name} placeholder="optional" onChange={(e) => setForm({ ...form, name: e.target.value })} /></Field>}
        <Field label="Password">
          <input type="password" autoComplete={registering ? 'new-password' : 'current-password'} value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} required />
        </Field>
        {registering && <p className="muted">At least 12 characters. The first account on a new server owns it; after that, sign-up is open only where the server allows it.</p>}
        <div className="row">
          <button type="submit" className="primary" disabled={auth.loading}>{registering ? 'Create account' : 'Sign in'}</button>
          <button type="button" className="link" onClick={() => setRegistering(!registering)}>
            {registering ? 'I have an account: sign in' : 'Create the first account / sign up'}
          </button>
        </div>
      </form>
    </div>
  );
}
