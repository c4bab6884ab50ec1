import { randomUUID } from 'node:crypto';
import { AppStoreError } from '@scrapifie/engine';
import { expect, it } from 'vitest';
import { at, HOUR, newUser, type AppStoreContext } from './fixtures.ts';

const code = (c: AppStoreError['code']) => expect.objectContaining({ name: 'AppStoreError', code: c });

/** describeAppStore's cases for who may do what: users, workspaces and roles, refresh tokens, API keys. */
export function identityCases(ctx: AppStoreContext): void {
  it('keeps users with unique e-mails regardless of case, and their password hash', async () => {
    const { store, owner } = ctx;
    expect(owner.email).toBe(owner.email.toLowerCase());
    expect(await store.getUserByEmail(owner.email.toUpperCase())).toEqual(owner);
    expect(await store.getUser(owner.id)).toEqual(owner);
    expect(await store.hasUsers()).toBe(true);
    // Other users exist besides the owner (the store may hold other tests' users too; one more makes it certain).
    await newUser(store, 'other');
    expect(await store.hasUsers(owner.email.toUpperCase())).toBe(true);
    await expect(store.createUser({ email: owner.email.toUpperCase(), passwordHash: 'h' })).rejects.toEqual(code('conflict'));
    await expect(store.createUser({ email: 'not an address', passwordHash: 'h' })).rejects.toThrow(/e-mail address/);
    expect(await store.setPasswordHash(owner.id, 'new-hash')).toBe(true);
    expect((await store.getUser(owner.id))?.passwordHash).toBe('new-hash');
    expect(await store.getUser('not-a-uuid')).toBeNull();
    expect(await store.getUser(randomUUID())).toBeNull();
  });

  it('changes member roles, and never leaves a workspace without an owner', async () => {
    const { store, owner, workspace } = ctx;
    const bob = await newUser(store, 'bob');
    expect(await store.roleOf(workspace.id, owner.id)).toBe('owner');
    expect(await store.roleOf(workspace.id, bob.id)).toBeNull();
    expect(await store.addMember(workspace.id, bob.id, 'viewer')).toMatchObject({ userId: bob.id, email: bob.email, role: 'viewer' });
    await expect(store.addMember(workspace.id, bob.id, 'editor')).rejects.toEqual(code('conflict'));
    await expect(store.addMember(workspace.id, randomUUID(), 'editor')).rejects.toEqual(code('not_found'));
    await expect(store.addMember(workspace.id, bob.id, 'root' as never)).rejects.toThrow(/role must be one of owner, admin, editor, viewer/);

    expect((await store.setMemberRole(workspace.id, bob.id, 'admin')).role).toBe('admin');
    expect(await store.roleOf(workspace.id, bob.id)).toBe('admin');
    await expect(store.setMemberRole(workspace.id, owner.id, 'editor')).rejects.toEqual(code('last_owner'));
    await expect(store.removeMember(workspace.id, owner.id)).rejects.toEqual(code('last_owner'));
    expect(await store.roleOf(workspace.id, owner.id)).toBe('owner');

    await store.setMemberRole(workspace.id, bob.id, 'owner');
    expect((await store.setMemberRole(workspace.id, owner.id, 'viewer')).role).toBe('viewer');
    expect((await store.listMembers(workspace.id)).map((m) => [m.email, m.role])).toEqual([
      [owner.email, 'viewer'],
      [bob.email, 'owner'],
    ]);
    expect(await store.removeMember(workspace.id, owner.id)).toBe(true);
    expect(await store.removeMember(workspace.id, owner.id)).toBe(false);
    expect(await store.workspacesOf(owner.id)).toEqual([]);
    expect(await store.workspacesOf(bob.id)).toEqual([{ ...workspace, role: 'owner' }]);
    await expect(store.setMemberRole(workspace.id, owner.id, 'editor')).rejects.toEqual(code('not_found'));
  });

  it('lists the workspaces of a user and deletes a workspace with its members', async () => {
    const { store, owner, workspace } = ctx;
    const second = await store.createWorkspace({ name: 'Second', ownerId: owner.id });
    expect((await store.workspacesOf(owner.id)).map((w) => w.id).sort()).toEqual([workspace.id, second.id].sort());
    expect(await store.renameWorkspace(second.id, 'Renamed')).toBe(true);
    expect((await store.getWorkspace(second.id))?.name).toBe('Renamed');
    expect(await store.deleteWorkspace(second.id)).toBe(true);
    expect(await store.getWorkspace(second.id)).toBeNull();
    expect(await store.roleOf(second.id, owner.id)).toBeNull();
    await expect(store.createWorkspace({ name: 'x', ownerId: randomUUID() })).rejects.toEqual(code('not_found'));
  });

  it('rotates refresh tokens, and reuse of a rotated token revokes the whole family', async () => {
    const { store, owner } = ctx;
    const t1 = await store.createRefreshToken({ userId: owner.id, tokenHash: 'h1', expiresAt: at(7 * 24 * HOUR) });
    const r2 = await store.rotateRefreshToken('h1', { tokenHash: 'h2', expiresAt: at(8 * 24 * HOUR) }, at(HOUR));
    expect(r2).toMatchObject({ status: 'rotated', token: { familyId: t1.familyId, userId: owner.id } });
    const r3 = await store.rotateRefreshToken('h2', { tokenHash: 'h3', expiresAt: at(9 * 24 * HOUR) }, at(2 * HOUR));
    expect(r3.status).toBe('rotated');

    // An attacker replays h1 (already rotated): the family dies, so the legitimate h3 stops working too.
    expect(await store.rotateRefreshToken('h1', { tokenHash: 'evil', expiresAt: at(9 * 24 * HOUR) }, at(3 * HOUR))).toEqual({
      status: 'reused',
      familyId: t1.familyId,
      userId: owner.id,
    });
    expect(await store.rotateRefreshToken('h3', { tokenHash: 'h4', expiresAt: at(9 * 24 * HOUR) }, at(3 * HOUR))).toEqual({ status: 'revoked' });
    expect(await store.rotateRefreshToken('evil', { tokenHash: 'h5', expiresAt: at(9 * 24 * HOUR) }, at(3 * HOUR))).toEqual({ status: 'unknown' });

    // Another login (family) is untouched; expiry is checked against the given time.
    const other = await store.createRefreshToken({ userId: owner.id, tokenHash: 'o1', expiresAt: at(HOUR) });
    expect(other.familyId).not.toBe(t1.familyId);
    expect(await store.rotateRefreshToken('o1', { tokenHash: 'o2', expiresAt: at(3 * HOUR) }, at(2 * HOUR))).toEqual({ status: 'expired' });
    await expect(store.createRefreshToken({ userId: owner.id, tokenHash: 'o1', expiresAt: at(HOUR) })).rejects.toEqual(code('conflict'));
  });

  // Both calls go through one store: on Postgres that is two pool connections racing; a SQLite store runs its
  // transactions one after the other on its handle (see openSqliteAppStore on handles).
  it('lets exactly one of two concurrent rotations of the same token win (the other is a reuse)', async () => {
    const { store, owner } = ctx;
    const other = store;
    await store.createRefreshToken({ userId: owner.id, tokenHash: 'race', expiresAt: at(24 * HOUR) });
    const results = await Promise.all([
      store.rotateRefreshToken('race', { tokenHash: 'race-a', expiresAt: at(48 * HOUR) }, at(HOUR)),
      other.rotateRefreshToken('race', { tokenHash: 'race-b', expiresAt: at(48 * HOUR) }, at(HOUR)),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['reused', 'rotated']);
    const winner = results.find((r) => r.status === 'rotated') === results[0] ? 'race-a' : 'race-b';
    expect((await store.rotateRefreshToken(winner, { tokenHash: 'after', expiresAt: at(48 * HOUR) }, at(2 * HOUR))).status).toBe('revoked');
  });

  it('revokes families by token (logout) and every family of a user', async () => {
    const { store, owner } = ctx;
    await store.createRefreshToken({ userId: owner.id, tokenHash: 'a1', expiresAt: at(24 * HOUR) });
    const b = await store.createRefreshToken({ userId: owner.id, tokenHash: 'b1', expiresAt: at(24 * HOUR) });
    await store.createRefreshToken({ userId: owner.id, tokenHash: 'c1', expiresAt: at(24 * HOUR) });
    expect(await store.revokeRefreshFamilyOf('a1')).toBe(true);
    expect(await store.revokeRefreshFamilyOf('nope')).toBe(false);
    expect((await store.rotateRefreshToken('a1', { tokenHash: 'a2', expiresAt: at(48 * HOUR) }, at(HOUR))).status).toBe('revoked');
    expect(await store.revokeRefreshFamily(b.familyId)).toBe(true);
    expect(await store.revokeRefreshFamily(b.familyId)).toBe(false);
    expect(await store.revokeAllRefreshTokens(owner.id)).toBe(1);
    expect((await store.rotateRefreshToken('c1', { tokenHash: 'c2', expiresAt: at(48 * HOUR) }, at(HOUR))).status).toBe('revoked');
    // A successor may only join a live family of the same user.
    await expect(store.createRefreshToken({ userId: owner.id, familyId: b.familyId, tokenHash: 'b9', expiresAt: at(HOUR) })).rejects.toThrow(/revoked/);
  });

  it('finds API keys by prefix until revoked, and records their last use', async () => {
    const { store, owner, workspace } = ctx;
    const key = await store.createApiKey({ workspaceId: workspace.id, name: 'CI', prefix: 'sk_abc12345', keyHash: 'hash-1', role: 'editor', createdBy: owner.id });
    expect(key).toMatchObject({ name: 'CI', prefix: 'sk_abc12345', keyHash: 'hash-1', role: 'editor', createdBy: owner.id, lastUsedAt: null, revokedAt: null });
    await expect(store.createApiKey({ workspaceId: workspace.id, name: 'dup', prefix: 'sk_abc12345', keyHash: 'h', role: 'viewer' })).rejects.toEqual(code('conflict'));
    expect(await store.findApiKeyByPrefix('sk_abc12345')).toEqual(key);
    expect(await store.findApiKeyByPrefix('sk_zzz')).toBeNull();

    await store.touchApiKey(key.id, at(HOUR));
    expect((await store.findApiKeyByPrefix('sk_abc12345'))?.lastUsedAt).toBe(at(HOUR));

    const elsewhere = await store.createWorkspace({ name: 'Other', ownerId: owner.id });
    expect(await store.revokeApiKey(elsewhere.id, key.id)).toBe(false);
    expect(await store.revokeApiKey(workspace.id, key.id)).toBe(true);
    expect(await store.revokeApiKey(workspace.id, key.id)).toBe(false);
    expect(await store.findApiKeyByPrefix('sk_abc12345')).toBeNull();
    const [listed] = await store.listApiKeys(workspace.id);
    expect(listed?.id).toBe(key.id);
    expect(listed?.revokedAt).not.toBeNull();
    expect(await store.listApiKeys(elsewhere.id)).toEqual([]);
  });
}
