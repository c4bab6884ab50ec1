import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listingRecipe } from './helpers.ts';
import { startAuthStack, type AuthStack } from './auth-stack.ts';

// Server mode over real HTTP: SQLite AppStore file, argon2id passwords, HS256 access tokens, rotating refresh tokens.
let s: AuthStack;
beforeAll(async () => {
  s = await startAuthStack();
}, 30_000);
afterAll(async () => {
  await s?.close();
});

const PASSWORD = 'correct horse battery';

describe('sign-in', () => {
  let access: string;
  let refreshToken: string;
  let workspaceId: string;

  it('the first user registers, gets a workspace as owner, and calls with the token', async () => {
    const r = await s.rest('POST', '/auth/register', { body: { email: 'Ada@Example.com', password: PASSWORD, name: 'Ada' } });
    expect(r.status).toBe(201);
    expect(r.body.data).toMatchObject({ tokenType: 'Bearer', user: { email: 'ada@example.com', name: 'Ada' }, workspace: { name: "Ada's workspace" } });
    workspaceId = r.body.data.workspace.id;
    const me = await s.rest('GET', '/auth/me', { token: r.body.data.accessToken, workspaceId });
    expect(me.body.data).toMatchObject({ kind: 'user', workspaceId, role: 'owner', user: { email: 'ada@example.com' } });
  });

  it('a second registration is refused when sign-up is closed; a short password is refused naming the rule', async () => {
    const closed = await s.rest('POST', '/auth/register', { body: { email: 'bob@example.com', password: PASSWORD } });
    expect(closed.status).toBe(403);
    expect(closed.body.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('Sign-up is closed') });
    const short = await s.rest('POST', '/auth/register', { body: { email: 'bob@example.com', password: 'short' } });
    expect(short.status).toBe(400);
    expect(short.body.error?.message).toContain('at least 12 characters');
  });

  it('login answers tokens; a wrong password or unknown e-mail is 401 with the same message', async () => {
    const ok = await s.rest('POST', '/auth/login', { body: { email: 'ada@example.com', password: PASSWORD } });
    expect(ok.status).toBe(200);
    access = ok.body.data.accessToken;
    refreshToken = ok.body.data.refreshToken;
    expect(access.split('.')).toHaveLength(3);
    const bad = await s.rest('POST', '/auth/login', { body: { email: 'ada@example.com', password: 'wrong password!!' } });
    const unknown = await s.rest('POST', '/auth/login', { body: { email: 'nobody@example.com', password: PASSWORD } });
    expect([bad.status, unknown.status]).toEqual([401, 401]);
    expect(bad.body.error?.message).toBe(unknown.body.error?.message);
  });

  it('without credentials, with a forged token, or with an expired one: 401 naming why', async () => {
    const none = await s.rest('GET', '/runs', {});
    expect(none.status).toBe(401);
    expect(none.body.error?.message).toContain('Not signed in');
    const forged = await s.rest('GET', '/runs', { token: `${access.slice(0, -4)}AAAA`, workspaceId });
    expect(forged.status).toBe(401);
    expect(forged.body.error?.message).toContain('Invalid access token');
    expect((await s.rest('GET', '/runs', { token: access, workspaceId })).status).toBe(200);
    s.clock.advance(16 * 60_000);
    try {
      const expired = await s.rest('GET', '/runs', { token: access, workspaceId });
      expect(expired.status).toBe(401);
      expect(expired.body.error?.message).toContain('Access token expired');
      const trpc = await fetch(`${s.api.url}/trpc/auth.me`, { headers: { authorization: `Bearer ${access}` } });
      expect(trpc.status).toBe(401);
    } finally {
      s.clock.advance(-16 * 60_000);
    }
  });

  it('refresh rotates; replaying the old refresh token revokes the family, so the new one stops working too', async () => {
    const r1 = await s.rest('POST', '/auth/refresh', { body: { refreshToken } });
    expect(r1.status).toBe(200);
    const next = r1.body.data.refreshToken as string;
    expect(next).not.toBe(refreshToken);
    expect((await s.rest('GET', '/auth/me', { token: r1.body.data.accessToken })).body.data).toMatchObject({ kind: 'user', workspaceId: null });
    const replay = await s.rest('POST', '/auth/refresh', { body: { refreshToken } });
    expect(replay.status).toBe(401);
    expect(replay.body.error?.message).toContain('already used');
    const after = await s.rest('POST', '/auth/refresh', { body: { refreshToken: next } });
    expect(after.status).toBe(401);
    expect(after.body.error?.message).toContain('revoked');
  });

  it('logout revokes the refresh token', async () => {
    const { body } = await s.rest('POST', '/auth/login', { body: { email: 'ada@example.com', password: PASSWORD } });
    expect((await s.rest('POST', '/auth/logout', { body: { refreshToken: body.data.refreshToken } })).body.data).toEqual({ signedOut: true });
    expect((await s.rest('POST', '/auth/refresh', { body: { refreshToken: body.data.refreshToken } })).status).toBe(401);
  });

  describe('API keys', () => {
    let key: string;
    let keyId: string;

    it('a key is shown once, works over REST (Bearer and X-API-Key), and is stored only as a hash', async () => {
      const created = await s.rest('POST', `/workspaces/${workspaceId}/api-keys`, { token: access, workspaceId, body: { name: 'ci', role: 'editor' } });
      expect(created.status).toBe(201);
      key = created.body.data.key;
      keyId = created.body.data.id;
      expect(key).toMatch(/^sfk_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
      expect(created.body.data.prefix).toBe(key.slice(0, 12));
      const runs = await s.rest('GET', '/runs', { token: key });
      expect(runs.status).toBe(200);
      const viaHeader = await s.rest('GET', '/auth/me', { headers: { 'x-api-key': key } });
      expect(viaHeader.body.data).toMatchObject({ kind: 'apiKey', id: keyId, workspaceId, role: 'editor' });
      const list = await s.rest('GET', `/workspaces/${workspaceId}/api-keys`, { token: access, workspaceId });
      expect(list.body.data.keys).toEqual([expect.objectContaining({ id: keyId, prefix: key.slice(0, 12), lastUsedAt: expect.any(String) })]);
      expect(JSON.stringify(list.body.data)).not.toContain(key.slice(13));
      expect(JSON.stringify(list.body.data)).not.toContain('keyHash');

      const db = new Database(s.appPath, { readonly: true });
      try {
        const dump = db.prepare('select * from api_keys').all();
        expect(JSON.stringify(dump)).not.toContain(key.slice(13));
        expect(dump).toHaveLength(1);
      } finally {
        db.close();
      }
      const wrong = await s.rest('GET', '/runs', { token: `${key.slice(0, -3)}xyz` });
      expect(wrong.status).toBe(401);
    });

    it('a revoked key stops working at once', async () => {
      const r = await s.rest('DELETE', `/workspaces/${workspaceId}/api-keys/${keyId}`, { token: access, workspaceId });
      expect(r.body.data).toEqual({ keyId, revoked: true });
      const after = await s.rest('GET', '/runs', { token: key });
      expect(after.status).toBe(401);
      expect(after.body.error?.message).toContain('Invalid or revoked API key');
    });

    it('a viewer key cannot start a run: 403 FORBIDDEN in the envelope', async () => {
      const viewerKey = (await s.rest('POST', `/workspaces/${workspaceId}/api-keys`, { token: access, workspaceId, body: { name: 'read-only', role: 'viewer' } })).body.data.key as string;
      const r = await s.rest('POST', '/runs', { token: viewerKey, body: { recipe: listingRecipe(s.stack.site) } });
      expect(r.status).toBe(403);
      expect(r.body).toMatchObject({ success: false, data: null, error: { code: 'FORBIDDEN', message: expect.stringContaining('editor role') } });
      const exp = await s.rest('GET', '/runs/no-such-run/export', { token: viewerKey });
      expect(exp.status).toBe(404);
      const anon = await s.rest('GET', '/runs/no-such-run/export', {});
      expect(anon.status).toBe(401);
    });
  });

  describe('members and workspaces', () => {
    let bobToken: string;
    let bobId: string;
    let bobWs: string;

    beforeAll(async () => {
      s.services.auth!.allowSignup = true;
      const r = await s.rest('POST', '/auth/register', { body: { email: 'bob@example.com', password: PASSWORD, name: 'Bob' } });
      expect(r.status).toBe(201);
      expect(r.body.data.workspace).toBeNull();
      bobToken = r.body.data.accessToken;
      bobId = r.body.data.user.id;
      const ws = await s.rest('POST', '/workspaces', { token: bobToken, body: { name: 'Bob Inc' } });
      expect(ws.body.data).toMatchObject({ name: 'Bob Inc', role: 'owner' });
      bobWs = ws.body.data.id;
    });

    it("a member of workspace A cannot see workspace B's members, keys or workspace", async () => {
      const list = await s.rest('GET', '/workspaces', { token: access });
      expect(list.body.data.workspaces.map((w: { id: string }) => w.id)).toEqual([workspaceId]);
      const asB = await s.rest('GET', `/workspaces/${bobWs}/members`, { token: access, workspaceId: bobWs });
      expect(asB.status).toBe(403);
      expect(asB.body.error?.message).toBe(`You are not a member of workspace ${bobWs}`);
      const pathOnly = await s.rest('GET', `/workspaces/${bobWs}/api-keys`, { token: access, workspaceId });
      expect(pathOnly.status).toBe(403);
      const tamper = await s.rest('PATCH', `/workspaces/${bobWs}`, { token: access, workspaceId, body: { name: 'mine now' } });
      expect(tamper.status).toBe(403);
      const bobView = await s.rest('GET', '/workspaces', { token: bobToken });
      expect(bobView.body.data.workspaces).toEqual([expect.objectContaining({ id: bobWs, name: 'Bob Inc' })]);
    });

    it('an admin adds members by e-mail; only an owner grants owner; the last owner is protected', async () => {
      const add = await s.rest('POST', `/workspaces/${workspaceId}/members`, { token: access, workspaceId, body: { email: 'BOB@example.com', role: 'admin' } });
      expect(add.status).toBe(201);
      expect(add.body.data).toMatchObject({ userId: bobId, role: 'admin', email: 'bob@example.com' });
      const again = await s.rest('POST', `/workspaces/${workspaceId}/members`, { token: access, workspaceId, body: { email: 'bob@example.com', role: 'viewer' } });
      expect(again.status).toBe(409);
      expect(again.body.error?.code).toBe('CONFLICT');
      const noUser = await s.rest('POST', `/workspaces/${workspaceId}/members`, { token: access, workspaceId, body: { email: 'carol@example.com', role: 'viewer' } });
      expect(noUser.status).toBe(404);

      const adaId = (await s.rest('GET', '/auth/me', { token: access })).body.data.id as string;
      const bobAsAdmin = { token: bobToken, workspaceId };
      const demoteOwner = await s.rest('PATCH', `/workspaces/${workspaceId}/members/${adaId}`, { ...bobAsAdmin, body: { role: 'viewer' } });
      expect(demoteOwner.status).toBe(403);
      expect(demoteOwner.body.error?.message).toContain('owner role');
      const selfPromote = await s.rest('PATCH', `/workspaces/${workspaceId}/members/${bobId}`, { ...bobAsAdmin, body: { role: 'owner' } });
      expect(selfPromote.status).toBe(403);
      const lastOwner = await s.rest('PATCH', `/workspaces/${workspaceId}/members/${adaId}`, { token: access, workspaceId, body: { role: 'admin' } });
      expect(lastOwner.status).toBe(409);
      expect(lastOwner.body.error?.message).toContain('at least one owner');

      const demote = await s.rest('PATCH', `/workspaces/${workspaceId}/members/${bobId}`, { token: access, workspaceId, body: { role: 'viewer' } });
      expect(demote.body.data.role).toBe('viewer');
      const viewerStarts = await s.rest('POST', '/runs', { ...bobAsAdmin, body: { recipe: listingRecipe(s.stack.site) } });
      expect(viewerStarts.status).toBe(403);
      expect(viewerStarts.body.error?.code).toBe('FORBIDDEN');
      const members = await s.rest('GET', `/workspaces/${workspaceId}/members`, bobAsAdmin);
      expect(members.body.data.members.map((m: { email: string; role: string }) => `${m.email}:${m.role}`).sort()).toEqual(['ada@example.com:owner', 'bob@example.com:viewer']);
      const removed = await s.rest('DELETE', `/workspaces/${workspaceId}/members/${bobId}`, { token: access, workspaceId });
      expect(removed.body.data).toEqual({ userId: bobId, removed: true });
      expect((await s.rest('GET', `/workspaces/${workspaceId}/members`, bobAsAdmin)).status).toBe(403);
    });

    it('only an owner deletes a workspace; deleting it takes it away', async () => {
      const r = await s.rest('DELETE', `/workspaces/${bobWs}`, { token: bobToken, workspaceId: bobWs });
      expect(r.body.data).toEqual({ id: bobWs, deleted: true });
      expect((await s.rest('GET', '/workspaces', { token: bobToken })).body.data.workspaces).toEqual([]);
    });
  });
});
