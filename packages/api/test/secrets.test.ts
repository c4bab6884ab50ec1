import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MASTER_KEY_ENV, maskSecret, masterKeyFromEnv, SecretCipher, SecretDecryptError } from '../src/index.ts';

const WS_A = '0b6f7c1e-4a53-4d8e-9f0e-1a2b3c4d5e6f';
const WS_B = '7d1e2f3a-5b6c-4d7e-8f90-a1b2c3d4e5f6';
const SECRET = 'hunter2-très-secret-🔑';

function flipBit(stored: string, part: 1 | 2 | 3): string {
  const parts = stored.split('.');
  const bytes = Buffer.from(parts[part]!, 'base64url');
  bytes[0] = bytes[0]! ^ 0x01;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

function decryptError(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the call to throw');
}

describe('SecretCipher', () => {
  const cipher = new SecretCipher(randomBytes(32));

  it('round-trips a value as v1.<iv>.<tag>.<ct> base64url, with a fresh IV each time', () => {
    const a = cipher.encrypt(WS_A, 'credential', SECRET);
    const b = cipher.encrypt(WS_A, 'credential', SECRET);
    expect(a).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('hunter2');
    expect(cipher.decrypt(WS_A, 'credential', a)).toBe(SECRET);
    expect(cipher.decrypt(WS_A, 'credential', b)).toBe(SECRET);
    expect(cipher.decrypt(WS_A, 'credential', cipher.encrypt(WS_A, 'credential', ''))).toBe('');
  });

  it('detects tampering: a flipped bit in the IV, tag or ciphertext fails with a clear error that quotes nothing', () => {
    const stored = cipher.encrypt(WS_A, 'credential', SECRET);
    for (const part of [1, 2, 3] as const) {
      const e = decryptError(() => cipher.decrypt(WS_A, 'credential', flipBit(stored, part)));
      expect(e).toBeInstanceOf(SecretDecryptError);
      expect(e.message).toMatch(/Cannot decrypt the stored credential: it was changed/);
      expect(e.message).not.toContain(stored.split('.')[3]!);
    }
    expect(decryptError(() => cipher.decrypt(WS_A, 'credential', 'v2.aaaa.bbbb.cccc')).message).toMatch(/not a v1 ciphertext/);
    expect(decryptError(() => cipher.decrypt(WS_A, 'credential', 'v1.!!.??.**')).message).toMatch(/malformed/);
    expect(decryptError(() => cipher.decrypt(WS_A, 'credential', stored.slice(0, stored.lastIndexOf('.')))).message).toMatch(/not a v1 ciphertext/);
  });

  it('a ciphertext moved to another workspace, another kind of record or under another master key does not decrypt', () => {
    const stored = cipher.encrypt(WS_A, 'credential', SECRET);
    expect(() => cipher.decrypt(WS_B, 'credential', stored)).toThrow(SecretDecryptError);
    expect(() => cipher.decrypt(WS_A, 'webhook-secret', stored)).toThrow(SecretDecryptError);
    expect(() => new SecretCipher(randomBytes(32)).decrypt(WS_A, 'credential', stored)).toThrow(/another master key/);
  });

  it('the same master key decrypts in another process (keys are derived, not random per instance)', () => {
    const master = randomBytes(32);
    const stored = new SecretCipher(master).encrypt(WS_B, 'credential', SECRET);
    expect(new SecretCipher(Buffer.from(master)).decrypt(WS_B, 'credential', stored)).toBe(SECRET);
  });

  it('refuses a master key that is not 32 bytes', () => {
    expect(() => new SecretCipher(randomBytes(16))).toThrow('The master key must be 32 bytes (got 16)');
  });
});

describe('masterKeyFromEnv', () => {
  it('reads 32 base64 bytes from SCRAPIFIE_MASTER_KEY', () => {
    const key = randomBytes(32);
    expect(masterKeyFromEnv({ [MASTER_KEY_ENV]: key.toString('base64') }).equals(key)).toBe(true);
    expect(masterKeyFromEnv({ [MASTER_KEY_ENV]: ` ${key.toString('base64url')}\n` }).equals(key)).toBe(true);
  });

  it('names the variable when it is missing or malformed, without quoting the value', () => {
    expect(() => masterKeyFromEnv({})).toThrow(/^SCRAPIFIE_MASTER_KEY is not set: .*openssl rand -base64 32/);
    expect(() => masterKeyFromEnv({ [MASTER_KEY_ENV]: '   ' })).toThrow(/SCRAPIFIE_MASTER_KEY is not set/);
    const short = randomBytes(16).toString('base64');
    const e = decryptError(() => masterKeyFromEnv({ [MASTER_KEY_ENV]: short }));
    expect(e.message).toMatch(/^SCRAPIFIE_MASTER_KEY must decode to 32 bytes \(it decodes to 16\)/);
    expect(e.message).not.toContain(short);
    expect(() => masterKeyFromEnv({ [MASTER_KEY_ENV]: 'not base64 at all!' })).toThrow(/^SCRAPIFIE_MASTER_KEY is not base64/);
  });
});

describe('maskSecret', () => {
  it('shows the last 4 characters only; 4 or fewer are fully masked', () => {
    expect(maskSecret('sk_live_abcd1234')).toBe('••••1234');
    expect(maskSecret('12345')).toBe('••••2345');
    expect(maskSecret('abcd')).toBe('••••');
    expect(maskSecret('ab')).toBe('••••');
    expect(maskSecret('')).toBe('••••');
    expect(maskSecret('pässwörd🔑')).toBe('••••örd🔑');
  });
});
