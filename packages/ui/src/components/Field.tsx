import type { ReactNode } from 'react';

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

export const ROLES = ['viewer', 'editor', 'admin', 'owner'] as const;
