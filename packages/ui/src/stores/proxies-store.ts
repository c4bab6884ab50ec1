import { create } from 'zustand';
import { client } from '../client.ts';
import { attempt, IDLE, type Loadable } from './loadable.ts';

export type ProxyTier = 'datacenter' | 'residential' | 'mobile';
export interface ProxyItem {
  id: string;
  name: string;
  url: string;
  tier: ProxyTier;
  country: string | null;
  credentialId: string | null;
  enabled: boolean;
  createdAt: string;
}
export interface NewProxy {
  name: string;
  url: string;
  tier: ProxyTier;
  country?: string | null;
  credentialId?: string | null;
}

interface ProxiesState extends Loadable {
  proxies: ProxyItem[];
  refresh(): Promise<void>;
  create(p: NewProxy): Promise<ProxyItem | undefined>;
  remove(id: string): Promise<void>;
}

export const useProxies = create<ProxiesState>((set, get) => ({
  ...IDLE,
  proxies: [],
  async refresh() {
    await attempt(set, async () => set({ proxies: (await client().proxies.list.query({})).proxies }));
  },
  async create(p) {
    const created = await attempt(set, () => client().proxies.create.mutate({ ...p, country: p.country || null, credentialId: p.credentialId || null }));
    if (created) set({ proxies: [...get().proxies, created] });
    return created;
  },
  async remove(id) {
    const r = await attempt(set, () => client().proxies.delete.mutate({ proxyId: id }));
    if (r) set({ proxies: get().proxies.filter((p) => p.id !== id) });
  },
}));
