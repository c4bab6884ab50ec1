import { AppStoreError, type ApiKey, type AppStore, type RefreshToken, type WorkspaceRole } from '@scrapifie/engine';
import type { Kysely, Selectable } from 'kysely';
import type { ApiKeysTable, AppDB } from './schema.ts';
import { changed, isForeignKeyViolation, isUuid, iso, newId, nonEmpty, nowIso, readNullableTime, readTime, role, unique } from './util.ts';

type TokenQueries = Pick<AppStore, 'createRefreshToken' | 'rotateRefreshToken' | 'revokeRefreshFamilyOf' | 'revokeRefreshFamily' | 'revokeAllRefreshTokens'>;
type KeyQueries = Pick<AppStore, 'createApiKey' | 'findApiKeyByPrefix' | 'listApiKeys' | 'touchApiKey' | 'revokeApiKey'>;

const toKey = (r: Selectable<ApiKeysTable>): ApiKey => ({
  id: r.id,
  workspaceId: r.workspace_id,
  name: r.name,
  prefix: r.prefix,
  keyHash: r.key_hash,
  role: r.role as WorkspaceRole,
  createdBy: r.created_by,
  createdAt: readTime(r.created_at),
  lastUsedAt: readNullableTime(r.last_used_at),
  revokedAt: readNullableTime(r.revoked_at),
});

export function tokenQueries(db: Kysely<AppDB>): TokenQueries {
  return {
    async createRefreshToken(input) {
      if (!isUuid(input.userId)) throw new AppStoreError('not_found', `No user ${JSON.stringify(input.userId)}`);
      const token = {
        id: newId(),
        family_id: input.familyId ?? newId(),
        user_id: input.userId,
        token_hash: nonEmpty(input.tokenHash, 'tokenHash'),
        expires_at: iso(input.expiresAt, 'expiresAt'),
        used_at: null,
        created_at: nowIso(),
      };
      if (!isUuid(token.family_id)) throw new AppStoreError('not_found', `No refresh token family ${JSON.stringify(input.familyId)}`);
      try {
        await db.transaction().execute(async (trx) => {
          if (input.familyId === undefined) {
            await trx.insertInto('refresh_families').values({ id: token.family_id, user_id: token.user_id, revoked_at: null, created_at: token.created_at }).execute();
          } else {
            const fam = await trx.selectFrom('refresh_families').select(['user_id', 'revoked_at']).where('id', '=', token.family_id).executeTakeFirst();
            if (!fam || fam.user_id !== token.user_id) throw new AppStoreError('not_found', `No refresh token family ${token.family_id} for this user`);
            if (fam.revoked_at !== null) throw new AppStoreError('invalid', `Refresh token family ${token.family_id} is revoked`);
          }
          await unique('The refresh token hash', () => trx.insertInto('refresh_tokens').values(token).execute());
        });
      } catch (e) {
        if (isForeignKeyViolation(e)) throw new AppStoreError('not_found', `No user ${input.userId}`, { cause: e });
        throw e;
      }
      return { id: token.id, familyId: token.family_id, userId: token.user_id, expiresAt: token.expires_at, createdAt: token.created_at };
    },

    async rotateRefreshToken(tokenHash, next, nowText) {
      const now = iso(nowText, 'now');
      const successor = { tokenHash: nonEmpty(next.tokenHash, 'next.tokenHash'), expiresAt: iso(next.expiresAt, 'next.expiresAt') };
      if (typeof tokenHash !== 'string') return { status: 'unknown' };
      return db.transaction().execute(async (trx) => {
        // The write comes first: it takes the row lock (Postgres) or the write lock (SQLite), so of two callers
        // presenting the same token exactly one marks it used; the other finds it used and revokes the family.
        const used = await trx
          .updateTable('refresh_tokens')
          .set({ used_at: now })
          .where('token_hash', '=', tokenHash)
          .where('used_at', 'is', null)
          .where('expires_at', '>', now)
          .where('family_id', 'in', trx.selectFrom('refresh_families').select('id').where('revoked_at', 'is', null))
          .returning(['family_id', 'user_id'])
          .executeTakeFirst();
        if (used) {
          const token = { id: newId(), family_id: used.family_id, user_id: used.user_id, token_hash: successor.tokenHash, expires_at: successor.expiresAt, used_at: null, created_at: now };
          await unique('The refresh token hash', () => trx.insertInto('refresh_tokens').values(token).execute());
          return { status: 'rotated', token: { id: token.id, familyId: token.family_id, userId: token.user_id, expiresAt: token.expires_at, createdAt: now } };
        }
        const t = await trx
          .selectFrom('refresh_tokens as t')
          .innerJoin('refresh_families as f', 'f.id', 't.family_id')
          .select(['t.family_id', 't.user_id', 't.used_at', 'f.revoked_at'])
          .where('t.token_hash', '=', tokenHash)
          .executeTakeFirst();
        if (!t) return { status: 'unknown' };
        if (t.revoked_at !== null) return { status: 'revoked' };
        if (t.used_at !== null) {
          await trx.updateTable('refresh_families').set({ revoked_at: now }).where('id', '=', t.family_id).where('revoked_at', 'is', null).execute();
          return { status: 'reused', familyId: t.family_id, userId: t.user_id };
        }
        return { status: 'expired' };
      });
    },

    async revokeRefreshFamilyOf(tokenHash) {
      if (typeof tokenHash !== 'string') return false;
      const t = await db.selectFrom('refresh_tokens').select('family_id').where('token_hash', '=', tokenHash).executeTakeFirst();
      if (!t) return false;
      await db.updateTable('refresh_families').set({ revoked_at: nowIso() }).where('id', '=', t.family_id).where('revoked_at', 'is', null).execute();
      return true;
    },
    async revokeRefreshFamily(familyId) {
      if (!isUuid(familyId)) return false;
      return changed(await db.updateTable('refresh_families').set({ revoked_at: nowIso() }).where('id', '=', familyId).where('revoked_at', 'is', null).executeTakeFirst()) > 0;
    },
    async revokeAllRefreshTokens(userId) {
      if (!isUuid(userId)) return 0;
      return changed(await db.updateTable('refresh_families').set({ revoked_at: nowIso() }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst());
    },
  };
}

export function keyQueries(db: Kysely<AppDB>): KeyQueries {
  return {
    async createApiKey(input) {
      if (!isUuid(input.workspaceId)) throw new AppStoreError('not_found', `No workspace ${JSON.stringify(input.workspaceId)}`);
      const row = {
        id: newId(),
        workspace_id: input.workspaceId,
        name: nonEmpty(input.name, 'API key name'),
        prefix: nonEmpty(input.prefix, 'API key prefix'),
        key_hash: nonEmpty(input.keyHash, 'keyHash'),
        role: role(input.role),
        created_by: input.createdBy ?? null,
        created_at: nowIso(),
        last_used_at: null,
        revoked_at: null,
      };
      try {
        await unique(`The API key prefix ${row.prefix}`, () => db.insertInto('api_keys').values(row).execute());
      } catch (e) {
        if (isForeignKeyViolation(e)) throw new AppStoreError('not_found', `No workspace ${input.workspaceId} (or creating user)`, { cause: e });
        throw e;
      }
      return toKey(row);
    },
    async findApiKeyByPrefix(prefix) {
      if (typeof prefix !== 'string') return null;
      const r = await db.selectFrom('api_keys').selectAll().where('prefix', '=', prefix).where('revoked_at', 'is', null).executeTakeFirst();
      return r ? toKey(r) : null;
    },
    async listApiKeys(workspaceId) {
      if (!isUuid(workspaceId)) return [];
      const rows = await db.selectFrom('api_keys').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at', 'desc').orderBy('id').execute();
      return rows.map(toKey);
    },
    async touchApiKey(id, at) {
      if (!isUuid(id)) return;
      await db.updateTable('api_keys').set({ last_used_at: iso(at, 'at') }).where('id', '=', id).execute();
    },
    async revokeApiKey(workspaceId, id) {
      if (!isUuid(workspaceId) || !isUuid(id)) return false;
      const res = await db.updateTable('api_keys').set({ revoked_at: nowIso() }).where('id', '=', id).where('workspace_id', '=', workspaceId).where('revoked_at', 'is', null).executeTakeFirst();
      return changed(res) > 0;
    },
  };
}
