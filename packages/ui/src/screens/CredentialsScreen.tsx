import { useEffect, useState } from 'react';
import { ConfirmButton } from '../components/ConfirmButton.tsx';
import { ErrorBanner } from '../components/ErrorBanner.tsx';
import { CreateForm, Field, ScreenFrame } from '../components/Field.tsx';
import { ResourceTable, when, type Column } from '../components/ResourceTable.tsx';
import { useCredentials, type CredentialItem, type CredentialKind } from '../stores/credentials-store.ts';

const EMPTY = { name: '', kind: 'password' as CredentialKind, value: '', username: '' };

/** Replaces a credential's value in place: a password input, cleared once sent. */
function ReplaceValue({ item }: { item: CredentialItem }) {
  const replace = useCredentials((s) => s.replace);
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState('');
  if (!open) return <button onClick={() => setOpen(true)}>Replace value</button>;
  return (
    <form
      className="inline"
      onSubmit={async (e) => {
        e.preventDefault();
        if (await replace(item.id, value)) setOpen(false);
        setValue('');
      }}
    >
      <input type="password" autoComplete="new-password" aria-label={`New value of ${item.name}`} value={value} onChange={(e) => setValue(e.target.value)} required />
      <button type="submit">Save</button>
      <button type="button" onClick={() => setOpen(false)}>Cancel</button>
    </form>
  );
}

/** Encrypted secrets (passwords, tokens, proxy passwords): only masked hints are ever shown. */
export function CredentialsScreen() {
  const c = useCredentials();
  const [form, setForm] = useState(EMPTY);
  useEffect(() => void c.refresh(), [c.refresh]);
  const columns: Array<Column<CredentialItem>> = [
    { header: 'Name', cell: (r) => r.name },
    { header: 'Kind', cell: (r) => <span className="badge">{r.kind}</span> },
    { header: 'Value', cell: (r) => <span className="mono" data-col="hint">{r.hint ?? '••••'}</span> },
    { header: 'Changed', cell: (r) => when(r.updatedAt) },
    {
      header: '',
      cell: (r) => (
        <span className="actions">
          <ReplaceValue item={r} />
          <ConfirmButton label="Delete" question={`Delete credential ${r.name}? Proxies using it lose their password.`} onConfirm={() => c.remove(r.id)} />
        </span>
      ),
    },
  ];
  return (
    <ScreenFrame title="Credentials" intro="Values are encrypted at rest and never shown again after you save them.">
      <ErrorBanner error={c.error} />
      <CreateForm
        label="New credential"
        submit="Add credential"
        busy={c.loading}
        onSubmit={async () => {
          if (await c.create(form)) setForm(EMPTY);
        }}
      >
        <Field label="Name"><input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required /></Field>
        <Field label="Kind">
          <select value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as CredentialKind })}>
            <option value="password">password</option>
            <option value="token">token</option>
            <option value="proxy">proxy</option>
          </select>
        </Field>
        <Field label="Username"><input value={form.username} placeholder="optional" autoComplete="off" onChange={(e) => setForm({ ...form, username: e.target.value })} /></Field>
        <Field label="Value"><input type="password" autoComplete="new-password" value={form.value} onChange={(e) => setForm({ ...form, value: e.target.value })} required /></Field>
      </CreateForm>
      <ResourceTable label="Credentials" rows={c.credentials} columns={columns} rowKey={(r) => r.id} empty="No credentials yet." />
    </ScreenFrame>
  );
}
