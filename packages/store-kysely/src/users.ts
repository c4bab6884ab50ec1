import { AppStoreError, type AppStore, type Member, type User, type Workspace, type WorkspaceRole } from '@scrapifie/engine';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { AppDB, UsersTable, WorkspacesTable } from './schema.ts';
import { changed, isForeignKeyViolation, isUniqueViolation, isUuid, newId, nonEmpty, nowIso, readTime, role, unique } from './util.ts';

type UserQueries = Pick<AppStore, 'createUser' | 'getUser' | 'getUserByEmail' | 'hasUsers' | 'setPasswordHash'>;
type WorkspaceQueries = Pick<
  AppStore,
  'createWorkspace' | 'getWorkspace' | 'renameWorkspace' | 'deleteWorkspace' | 'workspacesOf' | 'addMember' | 'setMemberRole' | 'removeMember' | 'roleOf' | 'listMembers'
>;

const toUser = (r: Selectable<UsersTable>): User => ({
  id: r.id,
  email: r.email,
  name: r.name,
  passwordHash: r.password_hash,
  createdAt: readTime(r.created_at),
});

const toWorkspace = (r: Selectable<WorkspacesTable>): Workspace => ({ id: r.id, name: r.name, createdAt: readTime(r.created_at) });

function email(value: unknown): string {
  const e = nonEmpty(value, 'email').trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(e)) throw new AppStoreError('invalid', `email ${JSON.stringify(value)} is not an e-mail address`);
  return e;
}

export function userQueries(db: Kysely<AppDB>): UserQueries {
  return {
    async createUser(input) {
      const row = { id: newId(), email: email(input.email), name: input.name ?? null, password_hash: nonEmpty(input.passwordHash, 'passwordHash'), created_at: nowIso() };
      await unique(`The e-mail ${row.email}`, () => db.insertInto('users').values(row).execute());
      return toUser(row);
    },
    async getUser(id) {
      if (!isUuid(id)) return null;
      const r = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toUser(r) : null;
    },
    async getUserByEmail(address) {
      if (typeof address !== 'string') return null;
      const r = await db.selectFrom('users').selectAll().where('email', '=', address.trim().toLowerCase()).executeTakeFirst();
      return r ? toUser(r) : null;
    },
    async hasUsers(exceptEmail) {
      let q = db.selectFrom('users').select('id');
      if (exceptEmail !== undefined) q = q.where('email', '!=', exceptEmail.trim().toLowerCase());
      return (await q.limit(1).executeTakeFirst()) !== undefined;
    },
    async setPasswordHash(userId, passwordHash) {
      if (!isUuid(userId)) return false;
      const hash = nonEmpty(passwordHash, 'passwordHash');
      return changed(await db.updateTable('users').set({ password_hash: hash }).where('id', '=', userId).executeTakeFirst()) > 0;
    },
  };
}

/** Refuses (last_owner) when the workspace would have no owner left; run inside the transaction that made the change. */
async function assertAnOwner(trx: Transaction<AppDB>, workspaceId: string): Promise<void> {
  const owner = await trx.selectFrom('workspace_members').select('user_id').where('workspace_id', '=', workspaceId).where('role', '=', 'owner').executeTakeFirst();
  if (!owner) throw new AppStoreError('last_owner', 'A workspace needs at least one owner: make another member owner first');
}

async function member(q: Kysely<AppDB>, workspaceId: string, userId: string): Promise<Member | null> {
  const r = await q
    .selectFrom('workspace_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.workspace_id', 'm.user_id', 'm.role', 'm.created_at', 'u.email'])
    .where('m.workspace_id', '=', workspaceId)
    .where('m.user_id', '=', userId)
    .executeTakeFirst();
  return r ? { workspaceId: r.workspace_id, userId: r.user_id, email: r.email, role: r.role as WorkspaceRole, createdAt: readTime(r.created_at) } : null;
}

export function workspaceQueries(db: Kysely<AppDB>): WorkspaceQueries {
  return {
    async createWorkspace(input) {
      const ws = { id: newId(), name: nonEmpty(input.name, 'workspace name'), created_at: nowIso() };
      if (!isUuid(input.ownerId)) throw new AppStoreError('not_found', `No user ${JSON.stringify(input.ownerId)}`);
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('workspaces').values(ws).execute();
        const owner = await trx.selectFrom('users').select('id').where('id', '=', input.ownerId).executeTakeFirst();
        if (!owner) throw new AppStoreError('not_found', `No user ${input.ownerId}`);
        await trx.insertInto('workspace_members').values({ workspace_id: ws.id, user_id: input.ownerId, role: 'owner', created_at: ws.created_at }).execute();
      });
      return toWorkspace(ws);
    },
    async getWorkspace(id) {
      if (!isUuid(id)) return null;
      const r = await db.selectFrom('workspaces').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toWorkspace(r) : null;
    },
    async renameWorkspace(id, name) {
      if (!isUuid(id)) return false;
      return changed(await db.updateTable('workspaces').set({ name: nonEmpty(name, 'workspace name') }).where('id', '=', id).executeTakeFirst()) > 0;
    },
    async deleteWorkspace(id) {
      if (!isUuid(id)) return false;
      return changed(await db.deleteFrom('workspaces').where('id', '=', id).executeTakeFirst()) > 0;
    },
    async workspacesOf(userId) {
      if (!isUuid(userId)) return [];
      const rows = await db
        .selectFrom('workspace_members as m')
        .innerJoin('workspaces as w', 'w.id', 'm.workspace_id')
        .select(['w.id', 'w.name', 'w.created_at', 'm.role'])
        .where('m.user_id', '=', userId)
        .orderBy('w.created_at')
        .orderBy('w.id')
        .execute();
      return rows.map((r) => ({ ...toWorkspace(r), role: r.role as WorkspaceRole }));
    },
    async addMember(workspaceId, userId, r) {
      const row = { workspace_id: workspaceId, user_id: userId, role: role(r), created_at: nowIso() };
      if (!isUuid(workspaceId) || !isUuid(userId)) throw new AppStoreError('not_found', 'No such workspace or user');
      try {
        await db.insertInto('workspace_members').values(row).execute();
      } catch (e) {
        if (isUniqueViolation(e)) throw new AppStoreError('conflict', 'The user is a member of the workspace already', { cause: e });
        if (isForeignKeyViolation(e)) throw new AppStoreError('not_found', 'No such workspace or user', { cause: e });
        throw e;
      }
      return (await member(db, workspaceId, userId))!;
    },
    async setMemberRole(workspaceId, userId, r) {
      const next = role(r);
      if (!isUuid(workspaceId) || !isUuid(userId)) throw new AppStoreError('not_found', 'Not a member of the workspace');
      await db.transaction().execute(async (trx) => {
        const res = await trx.updateTable('workspace_members').set({ role: next }).where('workspace_id', '=', workspaceId).where('user_id', '=', userId).executeTakeFirst();
        if (changed(res) === 0) throw new AppStoreError('not_found', 'Not a member of the workspace');
        await assertAnOwner(trx, workspaceId);
      });
      return (await member(db, workspaceId, userId))!;
    },
    async removeMember(workspaceId, userId) {
      if (!isUuid(workspaceId) || !isUuid(userId)) return false;
      return db.transaction().execute(async (trx) => {
        const res = await trx.deleteFrom('workspace_members').where('workspace_id', '=', workspaceId).where('user_id', '=', userId).executeTakeFirst();
        if (changed(res) === 0) return false;
        await assertAnOwner(trx, workspaceId);
        return true;
      });
    },
    async roleOf(workspaceId, userId) {
      if (!isUuid(workspaceId) || !isUuid(userId)) return null;
      const r = await db.selectFrom('workspace_members').select('role').where('workspace_id', '=', workspaceId).where('user_id', '=', userId).executeTakeFirst();
      return r ? (r.role as WorkspaceRole) : null;
    },
    async listMembers(workspaceId) {
      if (!isUuid(workspaceId)) return [];
      const rows = await db
        .selectFrom('workspace_members as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .select(['m.workspace_id', 'm.user_id', 'm.role', 'm.created_at', 'u.email'])
        .where('m.workspace_id', '=', workspaceId)
        .orderBy('m.created_at')
        .orderBy('u.email')
        .execute();
      return rows.map((r) => ({ workspaceId: r.workspace_id, userId: r.user_id, email: r.email, role: r.role as WorkspaceRole, createdAt: readTime(r.created_at) }));
    },
  };
}
