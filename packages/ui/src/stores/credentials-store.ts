import { create } from 'zustand';
import { client } from '../client.ts';
import { attempt, IDLE, type Loadable } from './loadable.ts';

export type CredentialKind = 'password' | 'token' | 'proxy';
/** A credential as the studio sees it: a masked hint, never the value. */
export interface CredentialItem {
  id: string;
  name: string;
  kind: string;
  hint: string | null;
  createdAt: string;
  updatedAt: string;
}

interface CredentialsState extends Loadable {
  credentials: CredentialItem[];
  refresh(): Promise<void>;
  create(c: { name: string; kind: CredentialKind; value: string; username?: string }): Promise<CredentialItem | undefined>;
  /** Replaces the stored value (the old one is gone). */
  replace(id: string, value: string): Promise<boolean>;
  remove(id: string): Promise<void>;
}

export const useCredentials = create<CredentialsState>((set, get) => ({
  ...IDLE,
  credentials: [],
  async refresh() {
    await attempt(set, async () => set({ credentials: (await client().credentials.list.query({})).credentials }));
  },
  async create(c) {
    const created = await attempt(set, () => client().credentials.create.mutate({ ...c, username: c.username || undefined }));
    if (created) set({ credentials: [...get().credentials, created] });
    return created;
  },
  async replace(id, value) {
    const r = await attempt(set, () => client().credentials.update.mutate({ credentialId: id, value }));
    if (r) set({ credentials: get().credentials.map((c) => (c.id === id ? r : c)) });
    return r !== undefined;
  },
  async remove(id) {
    const r = await attempt(set, () => client().credentials.delete.mutate({ credentialId: id }));
    if (r) set({ credentials: get().credentials.filter((c) => c.id !== id) });
  },
}));
