import { InvalidInputError, ScrapifieError } from '@scrapifie/recipe';
import { CAPTCHA_TYPES, type CaptchaType } from '../types.ts';
import { CaptchaSolverError, type CaptchaSolution, type CaptchaSolveRequest, type CaptchaSolver, type SolverLogger } from './solver.ts';
import { serviceError } from './two-captcha-errors.ts';

export interface TwoCaptchaOptions {
  apiKey: string;
  /** Any 2Captcha-compatible service; default https://2captcha.com. */
  baseUrl?: string;
  /** Wait between result polls (and before the first); default 5000. */
  pollIntervalMs?: number;
  /** Whole solve, submission to token; default 120000. */
  timeoutMs?: number;
  /** Bound on one HTTP call to the service; default 30000. */
  requestTimeoutMs?: number;
  /** reCAPTCHA v3 minimum score asked for; default 0.3. */
  minScore?: number;
  fetch?: typeof globalThis.fetch;
  logger?: SolverLogger;
}

interface Answer {
  status: number;
  request: string;
  price?: unknown;
}

const LABEL: Record<CaptchaType, string> = { 'recaptcha-v2': 'reCAPTCHA v2', 'recaptcha-v3': 'reCAPTCHA v3', hcaptcha: 'hCaptcha', turnstile: 'Turnstile' };
const SERVICE = '2Captcha';

function positive(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v <= 0) throw new InvalidInputError('INVALID_INPUT', `TwoCaptchaSolver option "${name}" must be a positive number, got ${value}`);
  return v;
}

function taskParams(req: CaptchaSolveRequest, minScore: number): Record<string, string> {
  switch (req.type) {
    case 'recaptcha-v2':
      return { method: 'userrecaptcha', googlekey: req.siteKey, pageurl: req.pageUrl };
    case 'recaptcha-v3':
      return { method: 'userrecaptcha', version: 'v3', googlekey: req.siteKey, pageurl: req.pageUrl, action: req.action ?? 'verify', min_score: String(minScore) };
    case 'hcaptcha':
      return { method: 'hcaptcha', sitekey: req.siteKey, pageurl: req.pageUrl };
    case 'turnstile':
      return { method: 'turnstile', sitekey: req.siteKey, pageurl: req.pageUrl, ...(req.action ? { action: req.action } : {}) };
  }
}

/**
 * A CaptchaSolver speaking the 2Captcha-compatible HTTP API: POST in.php (json=1) submits a task, GET res.php
 * (action=get) polls until the token is ready. Errors are CaptchaSolverError; a wrong key or an empty balance
 * is not retryable, a busy service or an unsolvable task is. The API key never appears in an error or a log line.
 */
export class TwoCaptchaSolver implements CaptchaSolver {
  readonly name = '2captcha';
  readonly #apiKey: string;
  readonly #base: URL;
  readonly #pollIntervalMs: number;
  readonly #timeoutMs: number;
  readonly #requestTimeoutMs: number;
  readonly #minScore: number;
  readonly #fetch: typeof globalThis.fetch;
  readonly #logger: SolverLogger | undefined;

  constructor(opts: TwoCaptchaOptions) {
    if (typeof opts.apiKey !== 'string' || opts.apiKey.trim() === '') throw new InvalidInputError('INVALID_INPUT', 'TwoCaptchaSolver needs an apiKey');
    this.#apiKey = opts.apiKey.trim();
    const base = opts.baseUrl ?? 'https://2captcha.com';
    try {
      this.#base = new URL(base.endsWith('/') ? base : `${base}/`);
    } catch {
      throw new InvalidInputError('INVALID_URL', `TwoCaptchaSolver baseUrl "${this.#scrub(base)}" is not a valid URL`);
    }
    if (!/^https?:$/.test(this.#base.protocol)) throw new InvalidInputError('INVALID_URL', `TwoCaptchaSolver baseUrl must be http(s), got ${this.#base.protocol}`);
    this.#pollIntervalMs = positive('pollIntervalMs', opts.pollIntervalMs, 5000);
    this.#timeoutMs = positive('timeoutMs', opts.timeoutMs, 120_000);
    this.#requestTimeoutMs = positive('requestTimeoutMs', opts.requestTimeoutMs, 30_000);
    this.#minScore = positive('minScore', opts.minScore, 0.3);
    this.#fetch = opts.fetch ?? globalThis.fetch;
    this.#logger = opts.logger;
  }

  async solve(req: CaptchaSolveRequest): Promise<CaptchaSolution> {
    if (!(CAPTCHA_TYPES as readonly string[]).includes(req.type)) throw new InvalidInputError('INVALID_INPUT', `unknown CAPTCHA type "${String(req.type)}"; use ${CAPTCHA_TYPES.join(', ')}`);
    if (!req.siteKey) throw new InvalidInputError('INVALID_INPUT', `solving a ${LABEL[req.type]} needs its siteKey`);
    if (!/^https?:\/\//i.test(req.pageUrl ?? '')) throw new InvalidInputError('INVALID_URL', `pageUrl "${req.pageUrl}" must be an absolute http(s) URL`);
    const started = performance.now();
    const deadline = started + this.#timeoutMs;
    const what = `the ${LABEL[req.type]} on ${req.pageUrl}`;
    try {
      const body = new URLSearchParams({ key: this.#apiKey, json: '1', ...taskParams(req, this.#minScore) });
      const submitted = await this.#call('in.php', { method: 'POST', body }, req.signal, deadline, `refused to take ${what}`);
      if (submitted.status !== 1) throw serviceError(SERVICE, submitted.request, `refused to take ${what}`);
      const taskId = submitted.request;
      if (!/^\w{1,64}$/.test(taskId)) throw new CaptchaSolverError('INTERNAL', `${SERVICE} returned an unreadable task id for ${what}`, { retryable: true });
      this.#logger?.debug('captcha task submitted', { solver: this.name, taskId, type: req.type, pageUrl: req.pageUrl });
      const overdue = (): CaptchaSolverError =>
        new CaptchaSolverError('TIMEOUT', `${SERVICE} did not solve ${what} within ${this.#timeoutMs} ms (task ${taskId})`, { retryable: true });
      for (;;) {
        const left = deadline - performance.now();
        if (left <= 0) throw overdue();
        await sleep(Math.ceil(Math.min(this.#pollIntervalMs, left)), req.signal);
        if (performance.now() >= deadline) throw overdue();
        const query = new URLSearchParams({ key: this.#apiKey, action: 'get', id: taskId, json: '1' });
        const answer = await this.#call(`res.php?${query}`, { method: 'GET' }, req.signal, deadline, `failed on ${what}`).catch((e: unknown) => {
          throw e instanceof CaptchaSolverError && e.code === 'TIMEOUT' && performance.now() >= deadline - 5 ? overdue() : e;
        });
        if (answer.status === 1) {
          const cost = Number(answer.price);
          this.#logger?.debug('captcha solved', { solver: this.name, taskId, type: req.type, ms: Math.round(performance.now() - started) });
          return { token: answer.request, solverId: `${this.name}:${taskId}`, ...(answer.price !== undefined && Number.isFinite(cost) ? { costUsd: cost } : {}) };
        }
      }
    } catch (e) {
      const err = this.#safeError(e);
      this.#logger?.warn('captcha solve failed', { solver: this.name, type: req.type, code: err.code, retryable: err.retryable, error: err.message });
      throw err;
    }
  }

  async reportIncorrect(solution: CaptchaSolution): Promise<void> {
    const [solver, taskId] = solution.solverId.split(':');
    if (solver !== this.name || !taskId) throw new InvalidInputError('INVALID_INPUT', `solution ${solution.solverId} was not made by ${this.name}`);
    const query = new URLSearchParams({ key: this.#apiKey, action: 'reportbad', id: taskId, json: '1' });
    try {
      await this.#call(`res.php?${query}`, { method: 'GET' }, undefined, performance.now() + this.#requestTimeoutMs, `did not record the report on task ${taskId}`);
    } catch (e) {
      throw this.#safeError(e);
    }
  }

  /** One call; resolves with status 1 answers and CAPCHA_NOT_READY, throws a CaptchaSolverError for the rest. */
  async #call(path: string, init: { method: 'GET' | 'POST'; body?: URLSearchParams }, signal: AbortSignal | undefined, deadline: number, during: string): Promise<Answer> {
    const endpoint = `${this.#base.origin}${this.#base.pathname}${path.split('?')[0]}`;
    const timeout = AbortSignal.timeout(Math.max(1, Math.ceil(Math.min(this.#requestTimeoutMs, deadline - performance.now()))));
    let res: Response;
    try {
      res = await this.#fetch(new URL(path, this.#base), { method: init.method, body: init.body, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    } catch (e) {
      if (signal?.aborted) throw new ScrapifieError('CANCELLED', `solving was cancelled (${SERVICE})`);
      if (timeout.aborted) throw new CaptchaSolverError('TIMEOUT', `${SERVICE} did not answer in time (${endpoint})`, { retryable: true });
      const detail = e instanceof Error ? `${e.message}${e.cause instanceof Error ? `: ${e.cause.message}` : ''}` : String(e);
      throw new CaptchaSolverError('CONNECTION_ERROR', `could not reach ${SERVICE} at ${endpoint}: ${detail}`, { retryable: true });
    }
    const text = await res.text().catch(() => '');
    if (!res.ok) {
      const retryable = res.status >= 500 || res.status === 429;
      throw new CaptchaSolverError(retryable ? 'CONNECTION_ERROR' : 'INTERNAL', `${SERVICE} answered HTTP ${res.status} at ${endpoint}`, { retryable });
    }
    let answer: Answer;
    try {
      answer = JSON.parse(text) as Answer;
    } catch {
      throw new CaptchaSolverError('INTERNAL', `${SERVICE} answered ${endpoint} with something that is not JSON`, { retryable: true });
    }
    if (typeof answer?.status !== 'number' || typeof answer.request !== 'string') {
      throw new CaptchaSolverError('INTERNAL', `${SERVICE} answered ${endpoint} without status/request fields`, { retryable: true });
    }
    if (answer.status === 1 || answer.request === 'CAPCHA_NOT_READY') return answer;
    throw serviceError(SERVICE, answer.request, during);
  }

  /** Any failure as a ScrapifieError whose message cannot carry the key (belt and braces: it is scrubbed too). */
  #safeError(e: unknown): ScrapifieError {
    if (e instanceof ScrapifieError) {
      if (e.message.includes(this.#apiKey)) e.message = this.#scrub(e.message);
      return e;
    }
    return new CaptchaSolverError('INTERNAL', this.#scrub(`${SERVICE}: ${e instanceof Error ? e.message : String(e)}`), { retryable: false });
  }

  #scrub(text: string): string {
    return this.#apiKey ? text.split(this.#apiKey).join('[api key]') : text;
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new ScrapifieError('CANCELLED', `solving was cancelled (${SERVICE})`));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new ScrapifieError('CANCELLED', `solving was cancelled (${SERVICE})`));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
