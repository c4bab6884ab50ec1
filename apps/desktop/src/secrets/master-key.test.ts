import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SecretCipher } from '@scrapifie/api';
import { fakeSafeStorage } from '../../test/fake-safe-storage.ts';
import { loadOrCreateMasterKey } from './master-key.ts';
import { SecretBox, SecretStorageUnavailableError } from './secret-box.ts';

const dirs: string[] = [];
function keyFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'scrapifie-key-'));
  dirs.push(dir);
  return join(dir, 'secrets', 'master.key');
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('loadOrCreateMasterKey', () => {
  it('makes a 32-byte key once, stores it encrypted (0600), and reads the same key back', () => {
    const box = new SecretBox(fakeSafeStorage(), 'linux');
    const path = keyFile();
    const key = loadOrCreateMasterKey(path, box);
    expect(key).toHaveLength(32);
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain(key.toString('base64'));
    expect(text).not.toContain(key.toString('hex'));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(loadOrCreateMasterKey(path, box).equals(key)).toBe(true);
    // A credential encrypted before a restart decrypts after it.
    const ws = '0b6f7c1e-4a53-4d8e-9f0e-1a2b3c4d5e6f';
    const stored = new SecretCipher(key).encrypt(ws, 'credential', 'proxy-password');
    expect(new SecretCipher(loadOrCreateMasterKey(path, box)).decrypt(ws, 'credential', stored)).toBe('proxy-password');
  });

  it('another keychain cannot read the file; a damaged file is a clear error naming it', () => {
    const path = keyFile();
    loadOrCreateMasterKey(path, new SecretBox(fakeSafeStorage(), 'linux'));
    expect(() => loadOrCreateMasterKey(path, new SecretBox(fakeSafeStorage(), 'linux'))).toThrow(/another user, machine or keychain/);
    writeFileSync(path, '{oops');
    expect(() => loadOrCreateMasterKey(path, new SecretBox(fakeSafeStorage(), 'linux'))).toThrow(`The master key file ${path} is damaged (not JSON)`);
  });

  it('without a keychain it refuses and writes nothing', () => {
    const path = keyFile();
    expect(() => loadOrCreateMasterKey(path, new SecretBox(fakeSafeStorage({ available: false }), 'linux'))).toThrow(SecretStorageUnavailableError);
    expect(() => statSync(path)).toThrow(/ENOENT/);
  });
});
