import type { ReactNode } from 'react';
import type { Role } from '../stores/workspaces-store.ts';

/** A labelled form control. */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="field">
      <span>{label}</span>
      {children}
    </label>
  );
}

/** A screen's heading, its error banner and its content. */
export function ScreenFrame({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <section className="resource-screen">
      <h1>{title}</h1>
      {intro && <p className="muted">{intro}</p>}
      {children}
    </section>
  );
}

/** A create form: its fields in a row and one submit button (disabled while a call runs). */
export function CreateForm({ label, submit, busy, onSubmit, children }: { label: string; submit: string; busy: boolean; onSubmit: () => unknown; children: ReactNode }) {
  return (
    <form
      className="create-form panel"
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit();
      }}
    >
      <div className="row">
        {children}
        <button type="submit" className="primary" disabled={busy}>{submit}</button>
      </div>
    </form>
  );
}

export const ROLES: readonly Role[] = ['viewer', 'editor', 'admin', 'owner'];

/** The workspace roles as a select (new members and keys, and a member's role in the list). */
export function RoleSelect({ value, onChange, label }: { value: Role; onChange: (role: Role) => void; label?: string | undefined }) {
  return (
    <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value as Role)}>
      {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
    </select>
  );
}
