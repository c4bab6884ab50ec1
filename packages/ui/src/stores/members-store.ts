import { create } from 'zustand';
import { client } from '../client.ts';
import { attempt, IDLE, type Loadable } from './loadable.ts';
import { workspaceId, type Role } from './workspaces-store.ts';

export interface MemberItem {
  userId: string;
  email: string;
  role: Role;
  createdAt: string;
}

interface MembersState extends Loadable {
  members: MemberItem[];
  refresh(): Promise<void>;
  add(email: string, role: Role): Promise<MemberItem | undefined>;
  setRole(userId: string, role: Role): Promise<void>;
  remove(userId: string): Promise<void>;
}

export const useMembers = create<MembersState>((set, get) => ({
  ...IDLE,
  members: [],
  async refresh() {
    await attempt(set, async () => set({ members: (await client().members.list.query({ workspaceId: workspaceId() })).members }));
  },
  async add(email, role) {
    const m = await attempt(set, () => client().members.add.mutate({ workspaceId: workspaceId(), email, role }));
    if (m) set({ members: [...get().members, m] });
    return m;
  },
  async setRole(userId, role) {
    const m = await attempt(set, () => client().members.setRole.mutate({ workspaceId: workspaceId(), userId, role }));
    if (m) set({ members: get().members.map((x) => (x.userId === userId ? m : x)) });
  },
  async remove(userId) {
    const r = await attempt(set, () => client().members.remove.mutate({ workspaceId: workspaceId(), userId }));
    if (r) set({ members: get().members.filter((x) => x.userId !== userId) });
  },
}));
