import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { ApiKey } from '@scrapifie/engine';
import { sha256Hex } from './tokens.ts';

/**
 * API keys look like `sfk_1a2b3c4d_<43 characters>`: "sfk_" and 8 hex characters are the public prefix (stored, shown
 * in listings, used to find the key); the rest is 32 random bytes, base64url. Only a SHA-256 of the whole key is kept.
 */
export const API_KEY_MARK = 'sfk_';
const KEY = /^sfk_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/;

export function isApiKeyShaped(value: string): boolean {
  return value.startsWith(API_KEY_MARK);
}

/** A new key, its public prefix and the hash to store. The key itself is shown once and never stored. */
export function generateApiKey(): { key: string; prefix: string; keyHash: string } {
  const prefix = `${API_KEY_MARK}${randomBytes(4).toString('hex')}`;
  const key = `${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, keyHash: sha256Hex(key) };
}

/** The public prefix of a well-formed key, or null. */
export function prefixOf(key: string): string | null {
  return KEY.test(key) ? key.slice(0, API_KEY_MARK.length + 8) : null;
}

/** Whether `key` is the one `stored` was made from (hashes compared in constant time). */
export function keyMatches(key: string, stored: ApiKey): boolean {
  const given = Buffer.from(sha256Hex(key), 'hex');
  const expected = Buffer.from(stored.keyHash, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
