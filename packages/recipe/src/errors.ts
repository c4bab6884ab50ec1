/** Stable error codes, shared by the engine, the CLI (exit codes), the API (HTTP status) and the UI. */
export const ERROR_CODES = [
  'INVALID_RECIPE',
  'INVALID_INPUT',
  'INVALID_URL',
  'TIMEOUT',
  'CONNECTION_ERROR',
  'HTTP_ERROR',
  'RATE_LIMITED',
  'BLOCKED',
  'BODY_TOO_LARGE',
  'TOO_MANY_REDIRECTS',
  'ROBOTS_DISALLOWED',
  'CIRCUIT_OPEN',
  'REQUIRED_FIELD_MISSING',
  'EXTRACTION_ERROR',
  'TIER_UNAVAILABLE',
  'NOT_FOUND',
  'CANCELLED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface IssueDetail {
  /** JSON path of the offending value, e.g. "page.items.fields.price.transforms[0]". */
  path: string;
  message: string;
}

/** The base of every error the product raises on purpose. `retryable` decides what the engine does with it. */
export class ScrapifieError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  /** Seconds the caller asked us to wait (Retry-After), when known. */
  readonly retryAfterMs: number | undefined;
  readonly issues: IssueDetail[];

  constructor(code: ErrorCode, message: string, opts: { retryable?: boolean; retryAfterMs?: number; issues?: IssueDetail[]; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'ScrapifieError';
    this.code = code;
    this.retryable = opts.retryable ?? false;
    this.retryAfterMs = opts.retryAfterMs;
    this.issues = opts.issues ?? [];
  }

  toJSON(): { code: ErrorCode; message: string; retryable: boolean; issues?: IssueDetail[] } {
    return { code: this.code, message: this.message, retryable: this.retryable, ...(this.issues.length ? { issues: this.issues } : {}) };
  }
}

/** Bad input from a user (recipe, URL, option): never retried, the message names the problem. */
export class InvalidInputError extends ScrapifieError {
  constructor(code: 'INVALID_RECIPE' | 'INVALID_INPUT' | 'INVALID_URL', message: string, issues: IssueDetail[] = []) {
    super(code, message, { retryable: false, issues });
    this.name = 'InvalidInputError';
  }
}

/** A transient failure: timeouts, dropped connections, 429 and 5xx. Retried with backoff. */
export class RetryableError extends ScrapifieError {
  constructor(code: ErrorCode, message: string, opts: { retryAfterMs?: number; cause?: unknown } = {}) {
    super(code, message, { ...opts, retryable: true });
    this.name = 'RetryableError';
  }
}

/** The site refused us as a bot (challenge page, CAPTCHA, 403 with markers). Escalates to a stronger tier. */
export class BlockedError extends ScrapifieError {
  constructor(message: string, opts: { retryAfterMs?: number } = {}) {
    super('BLOCKED', message, { ...opts, retryable: true });
    this.name = 'BlockedError';
  }
}

export function isScrapifieError(e: unknown): e is ScrapifieError {
  return e instanceof ScrapifieError;
}

/** Any thrown value as a ScrapifieError (unknown errors become INTERNAL, not retryable). */
export function toScrapifieError(e: unknown): ScrapifieError {
  if (e instanceof ScrapifieError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new ScrapifieError('INTERNAL', message, { cause: e });
}
