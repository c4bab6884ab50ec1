import { create } from 'zustand';
import { client } from '../client.ts';
import { currentSession } from '../session.ts';
import { attempt, IDLE, type Loadable } from './loadable.ts';

export type Role = 'owner' | 'admin' | 'editor' | 'viewer';
export interface WorkspaceItem {
  id: string;
  name: string;
  createdAt: string;
  role: Role;
}

interface WorkspacesState extends Loadable {
  workspaces: WorkspaceItem[];
  /** The workspace every call acts in (sent as X-Workspace-Id in server mode). */
  currentId: string | null;
  /** Loads the caller's workspaces and picks the current one: `preferred`, the last chosen, or the oldest. */
  load(preferred?: string | null): Promise<void>;
  switchTo(id: string): void;
  rename(name: string): Promise<boolean>;
  create(name: string): Promise<WorkspaceItem | undefined>;
}

export const useWorkspaces = create<WorkspacesState>((set, get) => ({
  ...IDLE,
  workspaces: [],
  currentId: null,
  async load(preferred) {
    await attempt(set, async () => {
      const { workspaces } = await client().workspaces.list.query({});
      const ids = workspaces.map((w) => w.id);
      const pick = [preferred, get().currentId, currentSession()?.workspaceId].find((id) => id && ids.includes(id)) ?? ids[0] ?? null;
      set({ workspaces });
      get().switchTo(pick ?? '');
    });
  },
  switchTo(id) {
    const session = currentSession();
    if (session) session.workspaceId = id || null;
    set({ currentId: id || null });
  },
  async rename(name) {
    const id = get().currentId;
    const r = await attempt(set, async () => {
      if (!id) throw new Error('No workspace is selected');
      return client().workspaces.rename.mutate({ workspaceId: id, name });
    });
    if (r) set({ workspaces: get().workspaces.map((w) => (w.id === r.id ? { ...w, name: r.name } : w)) });
    return r !== undefined;
  },
  async create(name) {
    const w = await attempt(set, () => client().workspaces.create.mutate({ name }));
    if (w) set({ workspaces: [...get().workspaces, w] });
    return w;
  },
}));

/** The current workspace's id, or an error naming what is missing (stores of workspace resources call this). */
export function workspaceId(): string {
  const id = useWorkspaces.getState().currentId;
  if (!id) throw new Error('No workspace is selected: pick one in Settings');
  return id;
}
