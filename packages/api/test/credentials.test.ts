import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCredential } from '../src/index.ts';
import { failure, startAppStack, type AppStack } from './app-stack.ts';

let s: AppStack;
beforeAll(async () => {
  s = await startAppStack();
});
afterAll(async () => {
  await s?.close();
});

describe('credentials', () => {
  it('create stores the value encrypted and answers with a masked hint only', async () => {
    const c = await s.as('editor').credentials.create({ name: 'shop login', kind: 'password', value: 'correct-horse-9876', username: 'alice' });
    expect(c).toEqual({ id: expect.any(String), name: 'shop login', kind: 'password', hint: '••••9876', createdAt: expect.any(String), updatedAt: expect.any(String) });
    expect(JSON.stringify(c)).not.toContain('correct-horse');
    const raw = await s.app.getCredential(s.workspaceId, c.id);
    expect(raw!.ciphertext).toMatch(/^v1\./);
    expect(raw!.ciphertext).not.toContain('correct-horse');
    const opened = await openCredential(s.app, s.services.secrets!, s.workspaceId, c.id);
    expect(opened).toMatchObject({ name: 'shop login', value: 'correct-horse-9876', username: 'alice' });
  });

  it('list shows metadata and hints to a viewer, never values', async () => {
    await s.as('editor').credentials.create({ name: 'api token', kind: 'token', value: 'tok' });
    const { credentials } = await s.as('viewer').credentials.list({});
    expect(credentials.map((c) => [c.name, c.kind, c.hint])).toEqual(expect.arrayContaining([['shop login', 'password', '••••9876'], ['api token', 'token', '••••']]));
    for (const c of credentials) expect(Object.keys(c).sort()).toEqual(['createdAt', 'hint', 'id', 'kind', 'name', 'updatedAt']);
  });

  it('update replaces the value (editor); the old one is gone', async () => {
    const c = await s.as('editor').credentials.create({ name: 'rotating', kind: 'token', value: 'first-value-1111' });
    const after = await s.as('editor').credentials.update({ credentialId: c.id, value: 'second-value-2222' });
    expect(after.hint).toBe('••••2222');
    expect((await openCredential(s.app, s.services.secrets!, s.workspaceId, c.id))!.value).toBe('second-value-2222');
  });

  it('delete needs admin; an unknown id is NOT_FOUND', async () => {
    const c = await s.as('editor').credentials.create({ name: 'doomed', kind: 'token', value: 'doomed-value' });
    await expect(s.as('editor').credentials.delete({ credentialId: c.id })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('admin role') });
    expect(await s.as('admin').credentials.delete({ credentialId: c.id })).toEqual({ deleted: true });
    await expect(s.as('admin').credentials.delete({ credentialId: c.id })).rejects.toMatchObject({ code: 'NOT_FOUND', message: `No credential ${c.id} in this workspace` });
    await expect(s.as('editor').credentials.update({ credentialId: c.id, value: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a viewer cannot create; a duplicate name is CONFLICT; bad input names the field', async () => {
    await expect(s.as('viewer').credentials.create({ name: 'x', kind: 'token', value: 'v' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const dup = await failure(s.as('editor').credentials.create({ name: 'shop login', kind: 'password', value: 'other' }));
    expect(dup).toMatchObject({ code: 'CONFLICT' });
    expect(dup.cause.code).toBe('CONFLICT');
    await expect(s.as('editor').credentials.create({ name: 'k', kind: 'ssh' as never, value: 'v' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('kind') });
    await expect(s.as('editor').credentials.create({ name: 'k', kind: 'token', value: '' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('value: the value is empty') });
    await expect(s.as('editor').credentials.update({ credentialId: 'nope', value: 'v' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('credentialId') });
  });

  it("another workspace's caller sees none of them", async () => {
    const other = await s.app.createWorkspace({ name: 'Other', ownerId: s.userId });
    expect((await s.as('owner', other.id).credentials.list({})).credentials).toEqual([]);
    const mine = (await s.as('viewer').credentials.list({})).credentials[0]!;
    await expect(s.as('owner', other.id).credentials.delete({ credentialId: mine.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('without a master key the procedures answer NOT_CONFIGURED naming SCRAPIFIE_MASTER_KEY', async () => {
    const bare = await startAppStack({ secrets: false });
    try {
      await expect(bare.as('owner').credentials.create({ name: 'x', kind: 'token', value: 'v' })).rejects.toMatchObject({ code: 'NOT_IMPLEMENTED', message: expect.stringContaining('SCRAPIFIE_MASTER_KEY') });
    } finally {
      await bare.close();
    }
  });
});
