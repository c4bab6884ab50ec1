import type { ProxyProvider } from '@scrapifie/engine';

/** One of a workspace's proxies as the runtime's pool takes it: the URL carries the password (never log it). */
export interface WorkspaceProxy {
  id: string;
  url: string;
  tier: 'datacenter' | 'residential' | 'mobile';
  country?: string | undefined;
}

/** Builds the proxy pool of one run from the workspace's proxies (the app brings the pool implementation). */
export type ProxyPoolFactory = (proxies: WorkspaceProxy[]) => ProxyProvider;
