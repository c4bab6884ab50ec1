import { ScrapifieError, type ErrorCode } from '@scrapifie/recipe';
import type { CaptchaType } from '../types.ts';

export interface CaptchaSolveRequest {
  type: CaptchaType;
  siteKey: string;
  /** The page that shows the CAPTCHA (the token is bound to its origin). */
  pageUrl: string;
  /** reCAPTCHA v3 / Turnstile action, when the page names one. */
  action?: string;
  signal?: AbortSignal;
}

export interface CaptchaSolution {
  /** The response token to submit (g-recaptcha-response, h-captcha-response, cf-turnstile-response). */
  token: string;
  /** Which solver and which of its tasks produced it, e.g. "2captcha:7312345678"; give it back to reportIncorrect(). */
  solverId: string;
  /** What the service charged, when it says. */
  costUsd?: number;
}

/** The port every CAPTCHA-solving service implements. */
export interface CaptchaSolver {
  readonly name: string;
  solve(request: CaptchaSolveRequest): Promise<CaptchaSolution>;
  /** Tells the service a token was rejected by the site (some services refund it). */
  reportIncorrect?(solution: CaptchaSolution): Promise<void>;
}

/** Structurally compatible with the engine's Logger; solvers never log an API key. */
export interface SolverLogger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
}

/**
 * A solver failure. `retryable` says whether trying again (later) can help: a busy or unsolvable task can, a wrong
 * key or an empty balance cannot. `serviceCode` is the service's own code, e.g. "ERROR_ZERO_BALANCE".
 */
export class CaptchaSolverError extends ScrapifieError {
  readonly serviceCode: string | undefined;

  constructor(code: ErrorCode, message: string, opts: { retryable: boolean; serviceCode?: string; retryAfterMs?: number }) {
    super(code, message, { retryable: opts.retryable, ...(opts.retryAfterMs !== undefined ? { retryAfterMs: opts.retryAfterMs } : {}) });
    this.name = 'CaptchaSolverError';
    this.serviceCode = opts.serviceCode;
  }
}
