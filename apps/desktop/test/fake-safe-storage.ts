import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SafeStorageLike } from '../src/secrets/secret-box.ts';

/**
 * A fake Electron safeStorage: Electron's binary (and with it the OS keychain bindings) cannot run on this machine.
 * It encrypts for real (AES-256-GCM with a per-fake key), so a ciphertext from another "machine" fails like it would.
 */
export function fakeSafeStorage(opts: { available?: boolean; backend?: string } = {}): SafeStorageLike {
  const key = randomBytes(32);
  return {
    isEncryptionAvailable: () => opts.available ?? true,
    getSelectedStorageBackend: () => opts.backend ?? 'gnome_libsecret',
    encryptString(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([Buffer.from('v11'), iv, c.getAuthTag(), body]);
    },
    decryptString(buf) {
      const d = createDecipheriv('aes-256-gcm', key, buf.subarray(3, 15));
      d.setAuthTag(buf.subarray(15, 31));
      return Buffer.concat([d.update(buf.subarray(31)), d.final()]).toString('utf8');
    },
  };
}
