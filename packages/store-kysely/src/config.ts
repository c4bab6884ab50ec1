import { AppStoreError, type AppStore, type Credential, type CredentialWithSecret, type ProxyEntry } from '@scrapifie/engine';
import type { Kysely, Selectable, Updateable } from 'kysely';
import type { AppDB, CredentialsTable, ProxiesTable } from './schema.ts';
import { changed, isForeignKeyViolation, isUuid, newId, nonEmpty, nowIso, readTime, unique } from './util.ts';

type ConfigQueries = Pick<
  AppStore,
  | 'createCredential'
  | 'listCredentials'
  | 'getCredential'
  | 'getCredentialByName'
  | 'updateCredential'
  | 'deleteCredential'
  | 'createProxy'
  | 'listProxies'
  | 'updateProxy'
  | 'deleteProxy'
>;

const PROXY_TIERS = ['datacenter', 'residential', 'mobile'] as const;

const toCredential = (r: Omit<Selectable<CredentialsTable>, 'ciphertext'>): Credential => ({
  id: r.id,
  workspaceId: r.workspace_id,
  name: r.name,
  kind: r.kind,
  hint: r.hint,
  createdAt: readTime(r.created_at),
  updatedAt: readTime(r.updated_at),
});

const toProxy = (r: Selectable<ProxiesTable>): ProxyEntry => ({
  id: r.id,
  workspaceId: r.workspace_id,
  name: r.name,
  url: r.url,
  tier: r.tier as ProxyEntry['tier'],
  credentialId: r.credential_id,
  country: r.country,
  enabled: Number(r.enabled) === 1,
  createdAt: readTime(r.created_at),
  updatedAt: readTime(r.updated_at),
});

function tier(value: unknown): ProxyEntry['tier'] {
  if (!(PROXY_TIERS as readonly unknown[]).includes(value)) throw new AppStoreError('invalid', `proxy tier must be one of ${PROXY_TIERS.join(', ')}, got ${JSON.stringify(value)}`);
  return value as ProxyEntry['tier'];
}

function proxyUrl(value: unknown): string {
  const u = nonEmpty(value, 'proxy url');
  let parsed: URL;
  try {
    parsed = new URL(u);
  } catch {
    throw new AppStoreError('invalid', `proxy url ${JSON.stringify(u)} is not a URL`);
  }
  // Passwords belong in a credential (encrypted), never in the clear in this table.
  if (parsed.password !== '') throw new AppStoreError('invalid', 'proxy url must not contain a password: store it as a credential');
  return u;
}

const META = ['id', 'workspace_id', 'name', 'kind', 'hint', 'created_at', 'updated_at'] as const;

export function configQueries(db: Kysely<AppDB>): ConfigQueries {
  /** The credential must belong to the workspace (a foreign key alone would allow another workspace's). */
  async function assertCredential(workspaceId: string, credentialId: string | null | undefined): Promise<void> {
    if (credentialId === null || credentialId === undefined) return;
    const found = isUuid(credentialId) && (await db.selectFrom('credentials').select('id').where('id', '=', credentialId).where('workspace_id', '=', workspaceId).executeTakeFirst());
    if (!found) throw new AppStoreError('not_found', `No credential ${JSON.stringify(credentialId)} in this workspace`);
  }
  const getProxy = async (workspaceId: string, id: string) => {
    const r = await db.selectFrom('proxies').selectAll().where('id', '=', id).where('workspace_id', '=', workspaceId).executeTakeFirst();
    return r ? toProxy(r) : null;
  };

  return {
    async createCredential(input) {
      if (!isUuid(input.workspaceId)) throw new AppStoreError('not_found', `No workspace ${JSON.stringify(input.workspaceId)}`);
      const now = nowIso();
      const row = {
        id: newId(),
        workspace_id: input.workspaceId,
        name: nonEmpty(input.name, 'credential name'),
        kind: nonEmpty(input.kind, 'credential kind'),
        ciphertext: nonEmpty(input.ciphertext, 'ciphertext'),
        hint: input.hint ?? null,
        created_at: now,
        updated_at: now,
      };
      try {
        await unique(`The credential name ${JSON.stringify(row.name)}`, () => db.insertInto('credentials').values(row).execute());
      } catch (e) {
        if (isForeignKeyViolation(e)) throw new AppStoreError('not_found', `No workspace ${input.workspaceId}`, { cause: e });
        throw e;
      }
      return toCredential(row);
    },
    async listCredentials(workspaceId) {
      if (!isUuid(workspaceId)) return [];
      return (await db.selectFrom('credentials').select(META).where('workspace_id', '=', workspaceId).orderBy('name').execute()).map(toCredential);
    },
    async getCredential(workspaceId, id): Promise<CredentialWithSecret | null> {
      if (!isUuid(workspaceId) || !isUuid(id)) return null;
      const r = await db.selectFrom('credentials').selectAll().where('id', '=', id).where('workspace_id', '=', workspaceId).executeTakeFirst();
      return r ? { ...toCredential(r), ciphertext: r.ciphertext } : null;
    },
    async getCredentialByName(workspaceId, name) {
      if (!isUuid(workspaceId)) return null;
      const r = await db.selectFrom('credentials').selectAll().where('name', '=', name).where('workspace_id', '=', workspaceId).executeTakeFirst();
      return r ? { ...toCredential(r), ciphertext: r.ciphertext } : null;
    },
    async updateCredential(workspaceId, id, input) {
      if (!isUuid(workspaceId) || !isUuid(id)) return false;
      const set: Updateable<CredentialsTable> = { ciphertext: nonEmpty(input.ciphertext, 'ciphertext'), updated_at: nowIso() };
      if (input.hint !== undefined) set.hint = input.hint;
      return changed(await db.updateTable('credentials').set(set).where('id', '=', id).where('workspace_id', '=', workspaceId).executeTakeFirst()) > 0;
    },
    async deleteCredential(workspaceId, id) {
      if (!isUuid(workspaceId) || !isUuid(id)) return false;
      return changed(await db.deleteFrom('credentials').where('id', '=', id).where('workspace_id', '=', workspaceId).executeTakeFirst()) > 0;
    },

    async createProxy(input) {
      if (!isUuid(input.workspaceId)) throw new AppStoreError('not_found', `No workspace ${JSON.stringify(input.workspaceId)}`);
      const now = nowIso();
      const row = {
        id: newId(),
        workspace_id: input.workspaceId,
        name: nonEmpty(input.name, 'proxy name'),
        url: proxyUrl(input.url),
        tier: tier(input.tier),
        credential_id: input.credentialId ?? null,
        country: input.country ?? null,
        enabled: input.enabled === false ? 0 : 1,
        created_at: now,
        updated_at: now,
      };
      await assertCredential(input.workspaceId, row.credential_id);
      try {
        await unique(`The proxy name ${JSON.stringify(row.name)}`, () => db.insertInto('proxies').values(row).execute());
      } catch (e) {
        if (isForeignKeyViolation(e)) throw new AppStoreError('not_found', 'No such workspace or credential', { cause: e });
        throw e;
      }
      return toProxy(row);
    },
    async listProxies(workspaceId) {
      if (!isUuid(workspaceId)) return [];
      return (await db.selectFrom('proxies').selectAll().where('workspace_id', '=', workspaceId).orderBy('name').execute()).map(toProxy);
    },
    async updateProxy(workspaceId, id, patch) {
      if (!isUuid(workspaceId) || !isUuid(id)) return null;
      const set: Updateable<ProxiesTable> = { updated_at: nowIso() };
      if (patch.name !== undefined) set.name = nonEmpty(patch.name, 'proxy name');
      if (patch.url !== undefined) set.url = proxyUrl(patch.url);
      if (patch.tier !== undefined) set.tier = tier(patch.tier);
      if (patch.country !== undefined) set.country = patch.country;
      if (patch.enabled !== undefined) set.enabled = patch.enabled ? 1 : 0;
      if (patch.credentialId !== undefined) {
        await assertCredential(workspaceId, patch.credentialId);
        set.credential_id = patch.credentialId;
      }
      const res = await unique('The proxy name', () => db.updateTable('proxies').set(set).where('id', '=', id).where('workspace_id', '=', workspaceId).executeTakeFirst());
      return changed(res) > 0 ? getProxy(workspaceId, id) : null;
    },
    async deleteProxy(workspaceId, id) {
      if (!isUuid(workspaceId) || !isUuid(id)) return false;
      return changed(await db.deleteFrom('proxies').where('id', '=', id).where('workspace_id', '=', workspaceId).executeTakeFirst()) > 0;
    },
  };
}
