import { useWorkspaces } from '../stores/workspaces-store.ts';

/** Picks the workspace every call acts in (the X-Workspace-Id header). */
export function WorkspaceSwitcher({ compact = false }: { compact?: boolean }) {
  const { workspaces, currentId, switchTo } = useWorkspaces();
  if (workspaces.length === 0) return compact ? null : <p className="muted">You are in no workspace yet: create one.</p>;
  return (
    <label className={compact ? 'switcher compact' : 'switcher'}>
      {!compact && <span>Workspace </span>}
      <select aria-label="Workspace" value={currentId ?? ''} onChange={(e) => switchTo(e.target.value)}>
        {workspaces.map((w) => <option key={w.id} value={w.id}>{w.name} ({w.role})</option>)}
      </select>
    </label>
  );
}
