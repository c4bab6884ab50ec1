import { readFile } from 'node:fs/promises';
import type { ProxyPoolFactory } from '@scrapifie/api';
import type { ProxyProvider } from '@scrapifie/engine';
import { proxyProviderFrom, ProxyPool } from '@scrapifie/proxy-pool';
import { InvalidInputError } from '@scrapifie/recipe';

/** `serve`'s proxy pools: one per run, from its workspace's proxies (their passwords already filled in by the API). */
export const workspaceProxyPool: ProxyPoolFactory = (proxies) =>
  proxyProviderFrom(new ProxyPool({ proxies: proxies.map((p) => ({ id: p.id, url: p.url, tier: p.tier, ...(p.country ? { country: p.country } : {}) })) }));

/**
 * The CLI's proxy pool: SCRAPIFIE_PROXIES names a JSON file `{ "proxies": [...], "templates": [...] }` (static proxies
 * with tier, provider and country; provider gateway templates with session and country parameters). Errors name the
 * file and the field, never a password.
 */
export async function proxiesFromFile(path: string | undefined): Promise<ProxyProvider | undefined> {
  if (!path) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new InvalidInputError('INVALID_INPUT', `SCRAPIFIE_PROXIES: cannot read the proxy pool file ${path}: ${(e as Error).message}`);
  }
  try {
    return proxyProviderFrom(new ProxyPool(raw as ConstructorParameters<typeof ProxyPool>[0]));
  } catch (e) {
    const err = e as InvalidInputError;
    throw new InvalidInputError('INVALID_INPUT', `SCRAPIFIE_PROXIES ${path}: ${err.message}`, err.issues ?? []);
  }
}
