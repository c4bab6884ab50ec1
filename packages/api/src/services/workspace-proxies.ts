import type { ProxyProvider } from '@scrapifie/engine';
import type { WorkspaceProxy } from './proxy-pool-types.ts';
import type { Recipe } from '@scrapifie/recipe';
import type { ApiContext } from '../context.ts';
import { openCredential } from './credentials.ts';

function withCredentials(raw: string, username: string | undefined, password: string): string {
  const url = new URL(raw);
  url.username = encodeURIComponent(username ?? '');
  url.password = encodeURIComponent(password);
  return url.toString();
}

/**
 * The proxies a run of `recipe` may climb to: the workspace's enabled proxy entries of the tiers its fetch.proxy names,
 * each with the password of its credential (decrypted here, for this run only). Undefined when the recipe asks for
 * direct connections only, or the runtime has no pool or no workspace store.
 */
export async function workspaceProxies(ctx: ApiContext, recipe: Recipe): Promise<ProxyProvider | undefined> {
  const { app, secrets, proxyPoolFor } = ctx.services;
  const workspaceId = ctx.principal.workspaceId;
  const tiers = (recipe.fetch.proxy?.tiers ?? ['none']).filter((t) => t !== 'none');
  if (!proxyPoolFor || !app || !workspaceId || tiers.length === 0) return undefined;
  const entries = (await app.listProxies(workspaceId)).filter((e) => e.enabled && (tiers as string[]).includes(e.tier));
  if (entries.length === 0) return undefined;
  const proxies: WorkspaceProxy[] = [];
  for (const e of entries) {
    let url = e.url;
    if (e.credentialId && secrets) {
      const credential = await openCredential(app, secrets, workspaceId, e.credentialId);
      if (credential) url = withCredentials(e.url, credential.username, credential.value);
    }
    proxies.push({ id: e.id, url, tier: e.tier, country: e.country ?? undefined });
  }
  return proxyPoolFor(proxies);
}
