import { useEffect, useState } from 'react';
import { ConfirmButton } from '../components/ConfirmButton.tsx';
import { ErrorBanner } from '../components/ErrorBanner.tsx';
import { CreateForm, Field, ScreenFrame } from '../components/Field.tsx';
import { ResourceTable, when, type Column } from '../components/ResourceTable.tsx';
import { useCredentials } from '../stores/credentials-store.ts';
import { useProxies, type ProxyItem, type ProxyTier } from '../stores/proxies-store.ts';

const EMPTY = { name: '', url: '', tier: 'datacenter' as ProxyTier, country: '', credentialId: '' };

/** The workspace's proxies: a URL without password, a tier, a country, and the credential holding the password. */
export function ProxiesScreen() {
  const p = useProxies();
  const creds = useCredentials();
  const [form, setForm] = useState(EMPTY);
  useEffect(() => {
    void p.refresh();
    void creds.refresh();
  }, [p.refresh, creds.refresh]);
  const credName = (id: string | null) => (id ? (creds.credentials.find((c) => c.id === id)?.name ?? id) : '—');
  const columns: Array<Column<ProxyItem>> = [
    { header: 'Name', cell: (r) => r.name },
    { header: 'URL', cell: (r) => <span className="mono">{r.url}</span> },
    { header: 'Tier', cell: (r) => <span className="badge">{r.tier}</span> },
    { header: 'Country', cell: (r) => r.country ?? 'any' },
    { header: 'Credential', cell: (r) => credName(r.credentialId) },
    { header: 'Added', cell: (r) => when(r.createdAt) },
    { header: '', cell: (r) => <ConfirmButton label="Delete" question={`Delete proxy ${r.name}?`} onConfirm={() => p.remove(r.id)} /> },
  ];
  return (
    <ScreenFrame title="Proxies" intro="A proxy URL never holds a password: store it as a credential (kind proxy) and reference it here.">
      <ErrorBanner error={p.error ?? creds.error} />
      <CreateForm
        label="New proxy"
        submit="Add proxy"
        busy={p.loading}
        onSubmit={async () => {
          if (await p.create(form)) setForm(EMPTY);
        }}
      >
        <Field label="Name"><input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required /></Field>
        <Field label="URL"><input className="mono" value={form.url} placeholder="http://user@proxy.example:8080" onChange={(e) => setForm({ ...form, url: e.target.value })} required /></Field>
        <Field label="Tier">
          <select value={form.tier} onChange={(e) => setForm({ ...form, tier: e.target.value as ProxyTier })}>
            <option value="datacenter">datacenter</option>
            <option value="residential">residential</option>
            <option value="mobile">mobile</option>
          </select>
        </Field>
        <Field label="Country"><input value={form.country} size={4} maxLength={2} placeholder="any" onChange={(e) => setForm({ ...form, country: e.target.value })} /></Field>
        <Field label="Credential">
          <select value={form.credentialId} onChange={(e) => setForm({ ...form, credentialId: e.target.value })}>
            <option value="">none</option>
            {creds.credentials.map((c) => <option key={c.id} value={c.id}>{c.name} ({c.kind})</option>)}
          </select>
        </Field>
      </CreateForm>
      <ResourceTable label="Proxies" rows={p.proxies} columns={columns} rowKey={(r) => r.id} empty="No proxies yet." />
    </ScreenFrame>
  );
}
