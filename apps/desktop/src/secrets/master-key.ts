import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SecretBox } from './secret-box.ts';

const KEY_BYTES = 32;

/**
 * The desktop's master key (what @scrapifie/api's SecretCipher encrypts credentials with): made once, 32 random bytes,
 * and kept in `path` encrypted by the OS keychain through the SecretBox. Later starts read it back. Throws
 * SecretStorageUnavailableError when there is no keychain, and a clear error (naming the file, never its bytes) when
 * the file is damaged or was made by another user or machine.
 */
export function loadOrCreateMasterKey(path: string, box: SecretBox): Buffer {
  if (existsSync(path)) {
    let stored: { version?: unknown; key?: unknown };
    try {
      stored = JSON.parse(readFileSync(path, 'utf8')) as typeof stored;
    } catch {
      throw new Error(`The master key file ${path} is damaged (not JSON): saved credentials cannot be read. Move it away to start with a new key, then enter the credentials again.`);
    }
    if (stored?.version !== 1 || typeof stored.key !== 'string') throw new Error(`The master key file ${path} is not a version 1 key file`);
    const key = Buffer.from(box.decrypt(stored.key), 'base64');
    if (key.length !== KEY_BYTES) throw new Error(`The master key in ${path} is ${key.length} bytes, not ${KEY_BYTES}: the file is damaged`);
    return key;
  }
  const key = randomBytes(KEY_BYTES);
  // Encrypt first: without a keychain this throws before anything is written.
  const sealed = box.encrypt(key.toString('base64'));
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify({ version: 1, key: sealed })}\n`, { mode: 0o600 });
  renameSync(tmp, path);
  return key;
}
