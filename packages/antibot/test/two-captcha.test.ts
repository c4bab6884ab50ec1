import { ScrapifieError } from '@scrapifie/recipe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaptchaSolverError, TwoCaptchaSolver, type TwoCaptchaOptions } from '../src/index.ts';
import { KEYS, NEVER_READY_SITEKEY, startFake2Captcha, UNSOLVABLE_SITEKEY, type Fake2Captcha } from './fake-2captcha.ts';

let fake: Fake2Captcha;
const logs: Array<{ level: string; msg: string; fields?: Record<string, unknown> }> = [];
const logger = {
  debug: (msg: string, fields?: Record<string, unknown>) => logs.push({ level: 'debug', msg, fields }),
  warn: (msg: string, fields?: Record<string, unknown>) => logs.push({ level: 'warn', msg, fields }),
};
const ALL_KEYS = [...Object.values(KEYS), 'not-a-valid-key-at-all', 'ffffffffffffffffffffffffffffffff'];

beforeAll(async () => {
  fake = await startFake2Captcha();
});
afterAll(async () => {
  // the solver logged submissions and failures, and no API key in any line, whatever the test did
  expect(logs.some((l) => l.msg === 'captcha task submitted')).toBe(true);
  expect(logs.some((l) => l.level === 'warn' && String(l.fields?.error).includes('ERROR_WRONG_USER_KEY'))).toBe(true);
  const dumped = JSON.stringify(logs);
  for (const key of ALL_KEYS) expect(dumped).not.toContain(key);
  await fake?.close();
});

function solver(apiKey: string, opts: Partial<TwoCaptchaOptions> = {}): TwoCaptchaSolver {
  return new TwoCaptchaSolver({ apiKey, baseUrl: fake.url, pollIntervalMs: 20, timeoutMs: 5000, logger, ...opts });
}

async function failure(p: Promise<unknown>, key: string): Promise<ScrapifieError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(ScrapifieError);
  const err = e as ScrapifieError;
  expect(`${err.message}\n${err.stack}\n${JSON.stringify(err)}`).not.toContain(key);
  return err;
}

const PAGE = 'https://shop.example/list/3';

describe('TwoCaptchaSolver against a local 2Captcha-compatible service', () => {
  it('submits a reCAPTCHA v2, polls through CAPCHA_NOT_READY and returns the token', async () => {
    const before = fake.calls.length;
    const solution = await solver(KEYS.good).solve({ type: 'recaptcha-v2', siteKey: '6LdFixtureSiteKeyForTheSolverTestAAAAAAAA', pageUrl: PAGE });
    expect(solution.token).toMatch(/^token-userrecaptcha-\d+$/);
    expect(solution.solverId).toBe(`2captcha:${solution.token.split('-').at(-1)}`);
    expect(solution.costUsd).toBeCloseTo(0.00299);
    const calls = fake.calls.slice(before);
    expect(calls[0]).toMatchObject({
      method: 'POST', path: '/in.php',
      params: { key: KEYS.good, method: 'userrecaptcha', googlekey: '6LdFixtureSiteKeyForTheSolverTestAAAAAAAA', pageurl: PAGE, json: '1' },
    });
    expect(calls.slice(1).map((c) => `${c.method} ${c.path} ${c.params.action} ${c.params.id}`)).toEqual(
      Array(3).fill(`GET /res.php get ${solution.solverId.split(':')[1]}`),
    );
  });

  it('sends the right parameters for reCAPTCHA v3, hCaptcha and Turnstile', async () => {
    const s = solver(KEYS.good);
    const before = fake.calls.length;
    await s.solve({ type: 'recaptcha-v3', siteKey: '6LeV3FixtureKeyForTheSolverTestBBBBBBBBBBB', pageUrl: PAGE, action: 'checkout' });
    await s.solve({ type: 'hcaptcha', siteKey: '5e1f0a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b', pageUrl: PAGE });
    const turnstile = await s.solve({ type: 'turnstile', siteKey: '0x4AAAAAAAFixtureTurnstile', pageUrl: PAGE });
    expect(turnstile.token).toMatch(/^token-turnstile-/);
    const submits = fake.calls.slice(before).filter((c) => c.path === '/in.php').map((c) => c.params);
    expect(submits[0]).toMatchObject({ method: 'userrecaptcha', version: 'v3', action: 'checkout', min_score: '0.3', googlekey: '6LeV3FixtureKeyForTheSolverTestBBBBBBBBBBB' });
    expect(submits[1]).toMatchObject({ method: 'hcaptcha', sitekey: '5e1f0a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b', pageurl: PAGE });
    expect(submits[2]).toMatchObject({ method: 'turnstile', sitekey: '0x4AAAAAAAFixtureTurnstile', pageurl: PAGE });
  });

  it('a wrong or unknown key is not retryable and the message never shows the key', async () => {
    const req = { type: 'recaptcha-v2', siteKey: '6LdFixtureSiteKeyForTheSolverTestAAAAAAAA', pageUrl: PAGE } as const;
    const wrong = await failure(solver('not-a-valid-key-at-all').solve(req), 'not-a-valid-key-at-all');
    expect(wrong).toBeInstanceOf(CaptchaSolverError);
    expect(wrong).toMatchObject({ retryable: false, code: 'INVALID_INPUT', serviceCode: 'ERROR_WRONG_USER_KEY' });
    expect(wrong.message).toBe('2Captcha refused to take the reCAPTCHA v2 on https://shop.example/list/3: the service rejected the API key: check the solver apiKey setting (ERROR_WRONG_USER_KEY)');
    const unknown = await failure(solver('ffffffffffffffffffffffffffffffff').solve(req), 'ffffffffffffffffffffffffffffffff');
    expect(unknown).toMatchObject({ retryable: false, serviceCode: 'ERROR_KEY_DOES_NOT_EXIST' });
  });

  it('an empty balance is not retryable; a busy service and an unsolvable task are', async () => {
    const req = { type: 'hcaptcha', siteKey: '5e1f0a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b', pageUrl: PAGE } as const;
    const zero = await failure(solver(KEYS.zeroBalance).solve(req), KEYS.zeroBalance);
    expect(zero).toMatchObject({ retryable: false, code: 'TIER_UNAVAILABLE', serviceCode: 'ERROR_ZERO_BALANCE' });
    expect(zero.message).toMatch(/no balance left/);
    const busy = await failure(solver(KEYS.noSlot).solve(req), KEYS.noSlot);
    expect(busy).toMatchObject({ retryable: true, code: 'RATE_LIMITED', serviceCode: 'ERROR_NO_SLOT_AVAILABLE', retryAfterMs: 5000 });
    const unsolvable = await failure(solver(KEYS.good).solve({ ...req, siteKey: UNSOLVABLE_SITEKEY }), KEYS.good);
    expect(unsolvable).toMatchObject({ retryable: true, serviceCode: 'ERROR_CAPTCHA_UNSOLVABLE' });
  });

  it('gives up after timeoutMs with a retryable TIMEOUT naming the task', async () => {
    const err = await failure(solver(KEYS.good, { timeoutMs: 1000, pollIntervalMs: 50 }).solve({ type: 'recaptcha-v2', siteKey: NEVER_READY_SITEKEY, pageUrl: PAGE }), KEYS.good);
    expect(err).toMatchObject({ code: 'TIMEOUT', retryable: true });
    expect(err.message).toMatch(/^2Captcha did not solve the reCAPTCHA v2 on https:\/\/shop\.example\/list\/3 within 1000 ms \(task \d+\)$/);
  });

  it('stops polling when the caller aborts', async () => {
    const controller = new AbortController();
    const pending = solver(KEYS.good, { pollIntervalMs: 30 }).solve({ type: 'turnstile', siteKey: NEVER_READY_SITEKEY, pageUrl: PAGE, signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const err = await failure(pending, KEYS.good);
    expect(err.code).toBe('CANCELLED');
  });

  it('an unreachable or failing service is a retryable error without the key', async () => {
    const req = { type: 'recaptcha-v2', siteKey: '6LdFixtureSiteKeyForTheSolverTestAAAAAAAA', pageUrl: PAGE } as const;
    const down = await failure(new TwoCaptchaSolver({ apiKey: KEYS.good, baseUrl: 'http://127.0.0.1:9', pollIntervalMs: 20, logger }).solve(req), KEYS.good);
    expect(down).toMatchObject({ code: 'CONNECTION_ERROR', retryable: true });
    expect(down.message).toMatch(/^could not reach 2Captcha at http:\/\/127\.0\.0\.1:9\/in\.php/);
    const broken = await failure(solver(KEYS.serverError).solve(req), KEYS.serverError);
    expect(broken).toMatchObject({ code: 'CONNECTION_ERROR', retryable: true });
    expect(broken.message).toBe(`2Captcha answered HTTP 502 at ${fake.url}/in.php`);
  });

  it('reports a rejected token back to the service', async () => {
    const s = solver(KEYS.good);
    const solution = await s.solve({ type: 'hcaptcha', siteKey: '5e1f0a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b', pageUrl: PAGE });
    await s.reportIncorrect(solution);
    expect(fake.calls.at(-1)?.params).toMatchObject({ action: 'reportbad', id: solution.solverId.split(':')[1] });
    const err = await failure(s.reportIncorrect({ ...solution, solverId: '2captcha:999' }), KEYS.good);
    expect(err).toMatchObject({ code: 'NOT_FOUND', serviceCode: 'ERROR_WRONG_CAPTCHA_ID' });
  });

  it('rejects bad options and requests with clear messages', async () => {
    expect(() => new TwoCaptchaSolver({ apiKey: '' })).toThrow(/needs an apiKey/);
    expect(() => new TwoCaptchaSolver({ apiKey: KEYS.good, baseUrl: 'ftp://x' })).toThrow(/must be http\(s\)/);
    expect(() => new TwoCaptchaSolver({ apiKey: KEYS.good, pollIntervalMs: 0 })).toThrow(/"pollIntervalMs" must be a positive number/);
    await expect(solver(KEYS.good).solve({ type: 'recaptcha-v2', siteKey: '', pageUrl: PAGE })).rejects.toThrow(/needs its siteKey/);
    await expect(solver(KEYS.good).solve({ type: 'recaptcha-v2', siteKey: 'abcdefghijkl', pageUrl: '/relative' })).rejects.toThrow(/absolute http\(s\) URL/);
  });
});
