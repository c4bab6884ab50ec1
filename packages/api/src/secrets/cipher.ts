import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** What a ciphertext is for: part of the derived key and of the authenticated data, so values cannot be swapped between kinds of record. */
export type SecretPurpose = 'credential' | 'webhook-secret' | (string & {});

/** A stored secret could not be decrypted. The message never quotes the ciphertext or the value. */
export class SecretDecryptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretDecryptError';
  }
}

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const MAX_CACHED_KEYS = 1000;
const PURPOSE = /^[a-z][a-z0-9-]{0,40}$/;

function b64url(buf: Buffer): string {
  return buf.toString('base64url');
}

function fromB64url(part: string): Buffer | null {
  return /^[A-Za-z0-9_-]*$/.test(part) ? Buffer.from(part, 'base64url') : null;
}

/**
 * Encrypts secrets at rest (credentials, webhook signing secrets): AES-256-GCM, a random 12-byte IV per value, and a
 * key per workspace and purpose derived with HKDF-SHA256 from one 32-byte master key. The workspace id and purpose are
 * also the authenticated data, so a ciphertext copied to another workspace or another kind of record fails to decrypt.
 * Format: `v1.<iv>.<tag>.<ciphertext>`, each part base64url.
 */
export class SecretCipher {
  readonly #master: Buffer;
  readonly #keys = new Map<string, Buffer>();

  constructor(masterKey: Uint8Array) {
    if (masterKey.length !== 32) throw new Error(`The master key must be 32 bytes (got ${masterKey.length})`);
    this.#master = Buffer.from(masterKey);
  }

  #key(workspaceId: string, purpose: string): Buffer {
    if (!PURPOSE.test(purpose)) throw new Error(`Secret purpose "${purpose}" must be lower-case letters, digits and -`);
    if (typeof workspaceId !== 'string' || workspaceId.length === 0) throw new Error('A workspace id is required to encrypt or decrypt a secret');
    const label = `${purpose}\u0000${workspaceId}`;
    let key = this.#keys.get(label);
    if (!key) {
      key = Buffer.from(hkdfSync('sha256', this.#master, Buffer.alloc(0), `scrapifie/secret/v1\u0000${label}`, 32));
      if (this.#keys.size >= MAX_CACHED_KEYS) this.#keys.clear();
      this.#keys.set(label, key);
    }
    return key;
  }

  encrypt(workspaceId: string, purpose: SecretPurpose, plaintext: string): string {
    if (typeof plaintext !== 'string') throw new TypeError('SecretCipher.encrypt needs a string');
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key(workspaceId, purpose), iv);
    cipher.setAAD(aad(workspaceId, purpose));
    const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, b64url(iv), b64url(cipher.getAuthTag()), b64url(ct)].join('.');
  }

  decrypt(workspaceId: string, purpose: SecretPurpose, stored: string): string {
    const parts = typeof stored === 'string' ? stored.split('.') : [];
    if (parts.length !== 4 || parts[0] !== VERSION) throw new SecretDecryptError(`Cannot decrypt the stored ${purpose}: it is not a ${VERSION} ciphertext`);
    const [iv, tag, ct] = parts.slice(1).map(fromB64url);
    if (!iv || !tag || !ct || iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretDecryptError(`Cannot decrypt the stored ${purpose}: the ciphertext is malformed`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key(workspaceId, purpose), iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(aad(workspaceId, purpose));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
    } catch {
      // Node's message says little, but keep any bytes out of messages and logs all the same.
      throw new SecretDecryptError(
        `Cannot decrypt the stored ${purpose}: it was changed, belongs to another workspace or kind of record, or was encrypted with another master key. Enter it again.`,
      );
    }
  }
}

function aad(workspaceId: string, purpose: string): Buffer {
  return Buffer.from(`scrapifie:${VERSION}:${purpose}:${workspaceId}`, 'utf8');
}

export const MASTER_KEY_ENV = 'SCRAPIFIE_MASTER_KEY';

/**
 * The server's master key from SCRAPIFIE_MASTER_KEY: 32 random bytes, base64 (`openssl rand -base64 32`). Throws an
 * error naming the variable when it is missing or malformed (never quoting the value).
 */
export function masterKeyFromEnv(env: Record<string, string | undefined> = process.env): Buffer {
  const raw = env[MASTER_KEY_ENV]?.trim();
  const how = 'generate one with `openssl rand -base64 32` and keep it safe: losing it makes stored credentials unreadable';
  if (!raw) throw new Error(`${MASTER_KEY_ENV} is not set: credentials and webhook secrets are encrypted with it; ${how}`);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(raw) && !/^[A-Za-z0-9_-]+={0,2}$/.test(raw)) throw new Error(`${MASTER_KEY_ENV} is not base64: ${how}`);
  const key = Buffer.from(raw, raw.includes('-') || raw.includes('_') ? 'base64url' : 'base64');
  if (key.length !== 32) throw new Error(`${MASTER_KEY_ENV} must decode to 32 bytes (it decodes to ${key.length}): ${how}`);
  return key;
}

const MASK = '••••';

/** What a UI may show of a secret: its last 4 characters (`••••abcd`); 4 characters or fewer show nothing. */
export function maskSecret(value: string): string {
  const chars = Array.from(value);
  return chars.length <= 4 ? MASK : MASK + chars.slice(-4).join('');
}
