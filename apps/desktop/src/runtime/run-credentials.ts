import { parseCredentialRef, type CredentialResolver } from '@scrapifie/fetch-browser';
import { InvalidInputError, type Recipe } from '@scrapifie/recipe';
import type { WorkerCredentials } from '../worker/protocol.ts';

/** Every credential a recipe's browser steps type ("shop.password"), wherever the steps sit (the login, a page's actions, nested pages). */
export function credentialRefsOf(recipe: Recipe): string[] {
  const refs = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'credential' && typeof x === 'string') refs.add(x);
        else walk(x);
      }
    }
  };
  walk(recipe);
  return [...refs];
}

/**
 * The values of the credentials `recipe` names, for the crawl worker of run `runId` (it cannot open the local
 * workspace's keychain-protected store itself). A reference the store does not have is left out: the step that types
 * it fails in the worker with an error naming the reference.
 */
export async function resolveRunCredentials(recipe: Recipe, resolver: CredentialResolver, runId: string): Promise<WorkerCredentials> {
  const out: WorkerCredentials = {};
  for (const text of credentialRefsOf(recipe)) {
    const ref = parseCredentialRef(text);
    try {
      const value = await resolver.resolve(ref, { runId });
      out[ref.name] = { ...out[ref.name], [ref.field]: value };
    } catch (e) {
      if (!(e instanceof InvalidInputError)) throw e;
    }
  }
  return out;
}
