import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateWebhookSecret, signWebhook, verifyWebhook, WebhookVerificationError } from '../../src/index.ts';
import { expectedSignature } from './setup.ts';

const SECRET = 'whsec_' + Buffer.from('a fixed 32-byte key for the test!').toString('base64');
const BODY = JSON.stringify({ type: 'run.completed', timestamp: '2026-01-01T00:00:00.000Z', data: { runId: 'r1' } });
const ID = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W';
const TS = 1_767_225_600; // 2026-01-01T00:00:00Z

describe('Standard Webhooks signing', () => {
  it('signs id.timestamp.body with HMAC-SHA256 of the base64-decoded secret, as an independent computation does', () => {
    const h = signWebhook([SECRET], ID, TS, BODY);
    expect(h['webhook-id']).toBe(ID);
    expect(h['webhook-timestamp']).toBe(String(TS));
    expect(h['webhook-signature']).toBe(expectedSignature(SECRET, ID, String(TS), BODY));
    expect(h['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
  });

  it('signs with every secret during a rotation (space-separated), and each verifies', () => {
    const next = generateWebhookSecret();
    const h = signWebhook([next, SECRET], ID, TS, BODY);
    expect(h['webhook-signature'].split(' ')).toEqual([expectedSignature(next, ID, String(TS), BODY), expectedSignature(SECRET, ID, String(TS), BODY)]);
    const now = TS * 1000 + 1000;
    expect(verifyWebhook(SECRET, { ...h }, BODY, { now })).toEqual(JSON.parse(BODY));
    expect(verifyWebhook(next, { ...h }, BODY, { now })).toEqual(JSON.parse(BODY));
  });

  it('generates whsec_ secrets of 32 random bytes', () => {
    const a = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(a.slice(6), 'base64')).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(a);
  });

  it('verifyWebhook accepts a signature computed independently (Headers object too) and rejects a tampered body, a stale timestamp, another secret', () => {
    const headers = { 'webhook-id': ID, 'webhook-timestamp': String(TS), 'webhook-signature': `v1,bm90IHRoaXMgb25l ${expectedSignature(SECRET, ID, String(TS), BODY)}` };
    const now = TS * 1000 + 60_000;
    expect(verifyWebhook(SECRET, headers, BODY, { now })).toMatchObject({ type: 'run.completed' });
    expect(verifyWebhook(SECRET, new Headers(headers), Buffer.from(BODY), { now })).toMatchObject({ data: { runId: 'r1' } });

    expect(() => verifyWebhook(SECRET, headers, BODY.replace('r1', 'r2'), { now })).toThrow(/no webhook-signature matches/);
    expect(() => verifyWebhook(SECRET, headers, BODY, { now: TS * 1000 + 5 * 60_000 + 1000 })).toThrow(/more than 300 s from now/);
    expect(() => verifyWebhook(SECRET, headers, BODY, { now: TS * 1000 - 6 * 60_000 })).toThrow(WebhookVerificationError);
    // A wider tolerance accepts the same stale delivery.
    expect(verifyWebhook(SECRET, headers, BODY, { now: TS * 1000 + 10 * 60_000, toleranceMs: 15 * 60_000 })).toMatchObject({ type: 'run.completed' });
    const other = 'whsec_' + randomBytes(32).toString('base64');
    expect(() => verifyWebhook(other, headers, BODY, { now })).toThrow(/no webhook-signature matches/);
    const { 'webhook-signature': _s, ...unsigned } = headers;
    expect(() => verifyWebhook(SECRET, unsigned, BODY, { now })).toThrow(/missing the webhook-signature header/);
  });

  it('refuses a malformed secret with a clear error', () => {
    expect(() => signWebhook(['whsec_not base64!'], ID, TS, BODY)).toThrow(/"whsec_" followed by base64/);
    expect(() => signWebhook(['whsec_c2hvcnQ='], ID, TS, BODY)).toThrow(/at least 16 bytes/);
    expect(() => signWebhook([], ID, TS, BODY)).toThrow(/at least one secret/);
  });
});
