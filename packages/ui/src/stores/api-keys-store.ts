import { create } from 'zustand';
import { client } from '../client.ts';
import { attempt, IDLE, type Loadable } from './loadable.ts';
import { workspaceId, type Role } from './workspaces-store.ts';

export interface ApiKeyItem {
  id: string;
  name: string;
  prefix: string;
  role: Role;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

interface ApiKeysState extends Loadable {
  keys: ApiKeyItem[];
  /** The key just created: the server answers it this once. */
  created: { id: string; key: string } | null;
  refresh(): Promise<void>;
  create(name: string, role: Role): Promise<ApiKeyItem | undefined>;
  revoke(id: string): Promise<void>;
  dismissKey(): void;
}

export const useApiKeys = create<ApiKeysState>((set, get) => ({
  ...IDLE,
  keys: [],
  created: null,
  async refresh() {
    await attempt(set, async () => set({ keys: (await client().apiKeys.list.query({ workspaceId: workspaceId() })).keys }));
  },
  async create(name, role) {
    const r = await attempt(set, () => client().apiKeys.create.mutate({ workspaceId: workspaceId(), name, role }));
    if (!r) return undefined;
    const { key, ...item } = r;
    set({ keys: [item, ...get().keys], created: { id: item.id, key } });
    return item;
  },
  async revoke(id) {
    const r = await attempt(set, () => client().apiKeys.revoke.mutate({ workspaceId: workspaceId(), keyId: id }));
    if (r) await get().refresh();
  },
  dismissKey() {
    set({ created: null });
  },
}));
