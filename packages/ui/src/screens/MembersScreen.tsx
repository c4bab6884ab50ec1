import { useEffect, useState } from 'react';
import { ConfirmButton } from '../components/ConfirmButton.tsx';
import { ErrorBanner } from '../components/ErrorBanner.tsx';
import { CreateForm, Field, RoleSelect, ScreenFrame } from '../components/Field.tsx';
import { ResourceTable, when, type Column } from '../components/ResourceTable.tsx';
import { useAuth } from '../stores/auth-store.ts';
import { useMembers, type MemberItem } from '../stores/members-store.ts';
import type { Role } from '../stores/workspaces-store.ts';

/** Who works in this workspace, with which role (server mode: locally there is only you). */
export function MembersScreen() {
  const mode = useAuth((s) => s.mode);
  const m = useMembers();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('editor');
  useEffect(() => {
    if (mode === 'server') void m.refresh();
  }, [mode, m.refresh]);
  if (mode !== 'server') {
    return (
      <ScreenFrame title="Members">
        <p className="notice">Members exist on a server with sign-in. Here authentication is off: every call acts as the local owner.</p>
      </ScreenFrame>
    );
  }
  const columns: Array<Column<MemberItem>> = [
    { header: 'E-mail', cell: (r) => r.email },
    {
      header: 'Role',
      cell: (r) => (
        <RoleSelect label={`Role of ${r.email}`} value={r.role} onChange={(role) => void m.setRole(r.userId, role)} />
      ),
    },
    { header: 'Since', cell: (r) => when(r.createdAt) },
    { header: '', cell: (r) => <ConfirmButton label="Remove" question={`Remove ${r.email} from this workspace?`} onConfirm={() => m.remove(r.userId)} /> },
  ];
  return (
    <ScreenFrame title="Members" intro="Add people who already have an account on this server.">
      <ErrorBanner error={m.error} />
      <CreateForm
        label="Add member"
        submit="Add member"
        busy={m.loading}
        onSubmit={async () => {
          if (await m.add(email, role)) setEmail('');
        }}
      >
        <Field label="E-mail"><input type="email" value={email} onChange={(e) => setEmail(e.target.value)} required /></Field>
        <Field label="Role">
          <RoleSelect value={role} onChange={setRole} />
        </Field>
      </CreateForm>
      <ResourceTable label="Members" rows={m.members} columns={columns} rowKey={(r) => r.userId} empty="No members." />
    </ScreenFrame>
  );
}
