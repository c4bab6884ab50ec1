import { useEffect, useState } from 'react';
import { ConfirmButton } from '../components/ConfirmButton.tsx';
import { ErrorBanner } from '../components/ErrorBanner.tsx';
import { CreateForm, Field, RoleSelect, ScreenFrame } from '../components/Field.tsx';
import { ResourceTable, when, type Column } from '../components/ResourceTable.tsx';
import { ShownOnce } from '../components/ShownOnce.tsx';
import { useApiKeys, type ApiKeyItem } from '../stores/api-keys-store.ts';
import type { Role } from '../stores/workspaces-store.ts';

/** Keys for scripts and CI (Authorization: Bearer <key> or X-API-Key): the key itself is shown once, at creation. */
export function ApiKeysScreen() {
  const k = useApiKeys();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('editor');
  useEffect(() => void k.refresh(), [k.refresh]);
  const columns: Array<Column<ApiKeyItem>> = [
    { header: 'Name', cell: (r) => r.name },
    { header: 'Prefix', cell: (r) => <span className="mono">{r.prefix}…</span> },
    { header: 'Role', cell: (r) => <span className="badge">{r.role}</span> },
    { header: 'Last used', cell: (r) => (r.lastUsedAt ? when(r.lastUsedAt) : 'never') },
    { header: 'Created', cell: (r) => when(r.createdAt) },
    {
      header: '',
      cell: (r) =>
        r.revokedAt ? <span className="muted">revoked {when(r.revokedAt)}</span> : <ConfirmButton label="Revoke" question={`Revoke ${r.name}? It stops working at once.`} onConfirm={() => k.revoke(r.id)} />,
    },
  ];
  return (
    <ScreenFrame title="API keys" intro="A key acts in this workspace with its role (never stronger than yours).">
      <ErrorBanner error={k.error} />
      {k.created && <ShownOnce title={`API key ${k.keys.find((x) => x.id === k.created?.id)?.name ?? ''}`} value={k.created.key} onDismiss={k.dismissKey} />}
      <CreateForm
        label="New API key"
        submit="Create key"
        busy={k.loading}
        onSubmit={async () => {
          if (await k.create(name, role)) setName('');
        }}
      >
        <Field label="Name"><input value={name} placeholder="ci-bot" onChange={(e) => setName(e.target.value)} required /></Field>
        <Field label="Role">
          <RoleSelect value={role} onChange={setRole} />
        </Field>
      </CreateForm>
      <ResourceTable label="API keys" rows={k.keys} columns={columns} rowKey={(r) => r.id} empty="No API keys yet." />
    </ScreenFrame>
  );
}
