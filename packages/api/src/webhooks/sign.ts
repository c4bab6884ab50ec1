import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): every delivery carries `webhook-id`,
 * `webhook-timestamp` (unix seconds) and `webhook-signature` = space-separated `v1,<base64 HMAC-SHA256>` of
 * `${id}.${timestamp}.${body}`, one per valid secret (two during a rotation). Secrets are `whsec_<base64 key>`.
 */

export const SECRET_PREFIX = 'whsec_';
const KEY_BYTES = 32;

/** A new signing secret: `whsec_` and 32 random bytes in base64. */
export function generateWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(KEY_BYTES).toString('base64');
}

/** The HMAC key of a `whsec_...` secret (the base64-decoded part). Throws a TypeError naming the problem. */
export function secretKey(secret: string): Buffer {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  if (encoded === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) throw new TypeError('a webhook secret is "whsec_" followed by base64');
  const key = Buffer.from(encoded, 'base64');
  if (key.length < 16) throw new TypeError(`a webhook secret's key must be at least 16 bytes, this one has ${key.length}`);
  return key;
}

/** `v1,<base64>` for one secret. */
export function signatureFor(secret: string, id: string, timestamp: number, body: string): string {
  return 'v1,' + createHmac('sha256', secretKey(secret)).update(`${id}.${timestamp}.${body}`).digest('base64');
}

export interface WebhookHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/** The three headers of one delivery, signed with every secret given (current first). */
export function signWebhook(secrets: readonly string[], id: string, timestamp: number, body: string): WebhookHeaders {
  if (secrets.length === 0) throw new TypeError('signWebhook needs at least one secret');
  if (!Number.isInteger(timestamp) || timestamp < 0) throw new TypeError(`webhook timestamp must be whole unix seconds, got ${timestamp}`);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': secrets.map((s) => signatureFor(s, id, timestamp, body)).join(' '),
  };
}

export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';
}

export interface VerifyOptions {
  /** How far the timestamp may be from now, in ms (both ways). Default 5 minutes. */
  toleranceMs?: number | undefined;
  /** Now, in epoch ms. Default Date.now(). */
  now?: number | undefined;
}

type HeaderBag = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderBag, name: string): string {
  let v: string | string[] | null | undefined;
  if (typeof (headers as Headers).get === 'function') v = (headers as Headers).get(name);
  else {
    const bag = headers as Record<string, string | string[] | undefined>;
    v = bag[name] ?? Object.entries(bag).find(([k]) => k.toLowerCase() === name)?.[1];
  }
  const value = Array.isArray(v) ? v[0] : v;
  if (value === undefined || value === null || value === '') throw new WebhookVerificationError(`missing the ${name} header`);
  return value;
}

/**
 * For receivers: checks a delivery against your secret. Resolves with the parsed payload, or throws a
 * WebhookVerificationError naming what is wrong (a missing header, a timestamp outside the tolerance, no matching
 * signature). Pass the raw body exactly as received: re-serialised JSON will not verify.
 */
export function verifyWebhook(secret: string, headers: HeaderBag, body: string | Buffer, opts: VerifyOptions = {}): unknown {
  const id = header(headers, 'webhook-id');
  const tsText = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!/^\d{1,12}$/.test(tsText)) throw new WebhookVerificationError('webhook-timestamp is not unix seconds');
  const timestamp = Number(tsText);
  const now = opts.now ?? Date.now();
  const tolerance = opts.toleranceMs ?? 5 * 60_000;
  if (Math.abs(now - timestamp * 1000) > tolerance) throw new WebhookVerificationError(`webhook-timestamp is more than ${Math.round(tolerance / 1000)} s from now`);
  const text = typeof body === 'string' ? body : body.toString('utf8');
  const expected = Buffer.from(signatureFor(secret, id, timestamp, text).slice(3), 'base64');
  for (const sig of signatures.split(' ')) {
    const [version, value] = sig.split(',', 2);
    if (version !== 'v1' || !value) continue;
    const given = Buffer.from(value, 'base64');
    if (given.length === expected.length && timingSafeEqual(given, expected)) return JSON.parse(text) as unknown;
  }
  throw new WebhookVerificationError('no webhook-signature matches this secret and body');
}
