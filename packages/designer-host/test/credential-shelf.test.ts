import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureLocalWorkspace, SecretCipher } from '@scrapifie/api';
import { openSqliteAppStore } from '@scrapifie/store-sqlite';
import { CredentialShelf } from '../src/credential-shelf.ts';

const SECRET = 'correct-horse-battery';
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('CredentialShelf (the recorded logins of serve and the desktop)', () => {
  it('with the credential store: one encrypted credential per login, resolved by its references; the file never holds the secret', async () => {
    dir = mkdtempSync(join(tmpdir(), 'scrapifie-shelf-'));
    const app = openSqliteAppStore(join(dir, 'app.sqlite'));
    try {
      const workspaceId = await ensureLocalWorkspace(app);
      const shelf = new CredentialShelf();
      shelf.useStore({ app, secrets: new SecretCipher(randomBytes(32)), workspaceId });
      expect(await shelf.saveLogin('shop', { username: 'demo', password: SECRET })).toBe('store');
      const listed = await app.listCredentials(workspaceId);
      expect(listed).toMatchObject([{ name: 'shop', kind: 'password', hint: expect.stringMatching(/tery$/) }]);
      expect(await shelf.resolve({ name: 'shop', field: 'password' })).toBe(SECRET);
      expect(await shelf.resolve({ name: 'shop', field: 'username' })).toBe('demo');
      // Recording again replaces the value (same credential).
      await shelf.saveLogin('shop', { username: 'demo', password: 'new-secret' });
      expect(await app.listCredentials(workspaceId)).toHaveLength(1);
      expect(await shelf.resolve({ name: 'shop', field: 'password' })).toBe('new-secret');
      await expect(shelf.resolve({ name: 'bank', field: 'password' })).rejects.toThrow(/no credential "bank\.password"/);
      expect(JSON.stringify(shelf)).not.toContain('new-secret');
    } finally {
      await app.close();
    }
    for (const f of readdirSync(dir)) expect(readFileSync(join(dir, f)).includes(SECRET), f).toBe(false);
  });

  it('without a store: kept in memory, never serialised; a missing reference names itself, not a value', async () => {
    const shelf = new CredentialShelf();
    expect(await shelf.saveLogin('shop', { password: SECRET })).toBe('memory');
    expect(await shelf.resolve({ name: 'shop', field: 'password' })).toBe(SECRET);
    expect(JSON.stringify(shelf)).toBe('["shop"]');
    await expect(shelf.resolve({ name: 'shop', field: 'username' })).rejects.toThrow(/no credential "shop\.username"/);
  });
});
