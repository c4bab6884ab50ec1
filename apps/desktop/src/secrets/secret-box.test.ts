/**
 * SecretBox over a fake safeStorage: Electron's binary (and with it the OS keychain bindings) cannot
 * run on this machine. The fake encrypts for real (AES-256-GCM with a per-fake key), so a ciphertext
 * from another "machine" fails like it would.
 */
import { describe, expect, it } from 'vitest';
import { fakeSafeStorage } from '../../test/fake-safe-storage.ts';
import { SecretBox, SecretStorageUnavailableError } from './secret-box.ts';

const SECRET = 'sk_live_51HxYzVeryPrivate';

describe('SecretBox', () => {
  it('round-trips a secret, and the stored text does not contain it', () => {
    const box = new SecretBox(fakeSafeStorage(), 'linux');
    const stored = box.encrypt(SECRET);
    expect(stored).not.toContain(SECRET);
    expect(Buffer.from(stored, 'base64').toString('latin1')).not.toContain(SECRET);
    expect(box.decrypt(stored)).toBe(SECRET);
    expect(box.decrypt(box.encrypt('ключ 🔑'))).toBe('ключ 🔑');
  });

  it('reports the OS keychain as good protection', () => {
    expect(new SecretBox(fakeSafeStorage({ backend: 'kwallet5' }), 'linux').status()).toEqual({ level: 'os', backend: 'kwallet5', warning: undefined });
    expect(new SecretBox(fakeSafeStorage(), 'darwin').status()).toEqual({ level: 'os', backend: undefined, warning: undefined });
  });

  it('warns when Linux falls back to the plain-text backend, and still works', () => {
    const box = new SecretBox(fakeSafeStorage({ backend: 'basic_text' }), 'linux');
    const s = box.status();
    expect(s.level).toBe('weak');
    expect(s.backend).toBe('basic_text');
    expect(s.warning).toMatch(/keychain/);
    expect(box.decrypt(box.encrypt(SECRET))).toBe(SECRET);
  });

  it('refuses to store a secret when no keychain exists, with a message that holds no secret', () => {
    const box = new SecretBox(fakeSafeStorage({ available: false }), 'linux');
    expect(box.status().level).toBe('unavailable');
    let err: unknown;
    try {
      box.encrypt(SECRET);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SecretStorageUnavailableError);
    expect(String((err as Error).message)).not.toContain(SECRET);
  });

  it('fails clearly on ciphertext from another machine or garbage, without quoting it', () => {
    const stored = new SecretBox(fakeSafeStorage(), 'linux').encrypt(SECRET);
    const elsewhere = new SecretBox(fakeSafeStorage(), 'linux');
    expect(() => elsewhere.decrypt(stored)).toThrow(/another user, machine or keychain/);
    try {
      elsewhere.decrypt(stored);
    } catch (e) {
      expect((e as Error).message).not.toContain(stored);
    }
    expect(() => elsewhere.decrypt('not base64!')).toThrow(/not base64/);
    expect(() => elsewhere.decrypt('')).toThrow(/not base64/);
  });
});
