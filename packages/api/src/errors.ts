import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { z } from 'zod';
import { ERROR_CODES, formatPath, issuesOf, ScrapifieError, type ErrorCode, type IssueDetail } from '@scrapifie/recipe';

/**
 * The stable error codes of the API: the product's ScrapifieError codes plus the few that only the
 * API edge raises. Clients switch on these, never on messages.
 */
export const API_ERROR_CODES = [
  ...ERROR_CODES,
  'ROUTE_NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'UNSUPPORTED_MEDIA_TYPE',
  'PAYLOAD_TOO_LARGE',
  'QUEUE_FULL',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_CONFIGURED',
  'TOO_MANY_REQUESTS',
  'QUOTA_EXCEEDED',
  'CONFLICT',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** The product's error codes as the API reports them: HTTP status and tRPC code, decided here and nowhere else. */
const BY_CODE: Record<ApiErrorCode, { status: number; trpc: TRPC_ERROR_CODE_KEY }> = {
  INVALID_RECIPE: { status: 400, trpc: 'BAD_REQUEST' },
  INVALID_INPUT: { status: 400, trpc: 'BAD_REQUEST' },
  INVALID_URL: { status: 400, trpc: 'BAD_REQUEST' },
  NOT_FOUND: { status: 404, trpc: 'NOT_FOUND' },
  CANCELLED: { status: 409, trpc: 'CONFLICT' },
  // The target site, not the caller, failed: a bad gateway.
  TIMEOUT: { status: 504, trpc: 'GATEWAY_TIMEOUT' },
  CONNECTION_ERROR: { status: 502, trpc: 'BAD_GATEWAY' },
  HTTP_ERROR: { status: 502, trpc: 'BAD_GATEWAY' },
  RATE_LIMITED: { status: 502, trpc: 'BAD_GATEWAY' },
  BLOCKED: { status: 502, trpc: 'BAD_GATEWAY' },
  BODY_TOO_LARGE: { status: 502, trpc: 'BAD_GATEWAY' },
  TOO_MANY_REDIRECTS: { status: 502, trpc: 'BAD_GATEWAY' },
  ROBOTS_DISALLOWED: { status: 422, trpc: 'UNPROCESSABLE_CONTENT' },
  REQUIRED_FIELD_MISSING: { status: 422, trpc: 'UNPROCESSABLE_CONTENT' },
  EXTRACTION_ERROR: { status: 422, trpc: 'UNPROCESSABLE_CONTENT' },
  CIRCUIT_OPEN: { status: 503, trpc: 'SERVICE_UNAVAILABLE' },
  TIER_UNAVAILABLE: { status: 503, trpc: 'SERVICE_UNAVAILABLE' },
  QUEUE_FULL: { status: 503, trpc: 'SERVICE_UNAVAILABLE' },
  INTERNAL: { status: 500, trpc: 'INTERNAL_SERVER_ERROR' },
  ROUTE_NOT_FOUND: { status: 404, trpc: 'NOT_FOUND' },
  METHOD_NOT_ALLOWED: { status: 405, trpc: 'METHOD_NOT_SUPPORTED' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, trpc: 'UNSUPPORTED_MEDIA_TYPE' },
  PAYLOAD_TOO_LARGE: { status: 413, trpc: 'PAYLOAD_TOO_LARGE' },
  UNAUTHORIZED: { status: 401, trpc: 'UNAUTHORIZED' },
  FORBIDDEN: { status: 403, trpc: 'FORBIDDEN' },
  // The runtime lacks the part a procedure needs (e.g. no application store on a bare runtime).
  NOT_CONFIGURED: { status: 501, trpc: 'NOT_IMPLEMENTED' },
  // The caller sent too many requests to this API (RATE_LIMITED above is the target site limiting us).
  TOO_MANY_REQUESTS: { status: 429, trpc: 'TOO_MANY_REQUESTS' },
  // The workspace used up a quota (pages this month...): the message names it, its limit and what is left.
  QUOTA_EXCEEDED: { status: 402, trpc: 'PAYMENT_REQUIRED' },
  // The thing exists already or changed meanwhile (a taken name, a stale expectedVersion).
  CONFLICT: { status: 409, trpc: 'CONFLICT' },
};

/** tRPC's own codes (thrown by tRPC itself, e.g. a malformed batch call) as API codes. */
const FROM_TRPC: Partial<Record<TRPC_ERROR_CODE_KEY, ApiErrorCode>> = {
  PARSE_ERROR: 'INVALID_INPUT',
  BAD_REQUEST: 'INVALID_INPUT',
  NOT_FOUND: 'ROUTE_NOT_FOUND',
  METHOD_NOT_SUPPORTED: 'METHOD_NOT_ALLOWED',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  TIMEOUT: 'TIMEOUT',
  CLIENT_CLOSED_REQUEST: 'CANCELLED',
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
};

/** An error the API edge raises itself (no route, bad media type, body too large, queue full). */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly issues: IssueDetail[];
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ApiErrorCode, message: string, opts: { issues?: IssueDetail[]; retryAfterSeconds?: number } = {}) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.issues = opts.issues ?? [];
    this.retryAfterSeconds = opts.retryAfterSeconds;
  }
}

/** What every transport reports for an error: the stable code, an HTTP status, a message, and the fields at fault. */
export interface ApiErrorBody {
  code: ApiErrorCode;
  message: string;
  status: number;
  retryable: boolean;
  issues: IssueDetail[];
  retryAfterSeconds?: number | undefined;
}

function describeIssues(issues: IssueDetail[]): string {
  const shown = issues.slice(0, 5).map((i) => `${i.path}: ${i.message}`);
  return `Invalid input: ${shown.join('; ')}${issues.length > 5 ? ` (and ${issues.length - 5} more)` : ''}`;
}

/** zod's issues as paths and messages; an unknown field is named by its own path ("options.foo", not "options"). */
function zodIssues(e: z.ZodError): IssueDetail[] {
  const described = issuesOf(e);
  return e.issues.flatMap((issue, i) =>
    issue.code === 'unrecognized_keys' ? issue.keys.map((k) => ({ path: formatPath([...issue.path, k]), message: 'unknown field' })) : [described[i]!],
  );
}

function unwrap(e: unknown): unknown {
  return e instanceof TRPCError && e.cause !== undefined && !(e.cause instanceof TRPCError) ? e.cause : e;
}

/** Any thrown value, as the API reports it. The one mapping of errors to codes and statuses. */
export function toApiError(thrown: unknown): ApiErrorBody {
  const e = unwrap(thrown);
  if (e instanceof z.ZodError) {
    const issues = zodIssues(e);
    return { code: 'INVALID_INPUT', status: 400, retryable: false, issues, message: describeIssues(issues) };
  }
  if (e instanceof ApiError) {
    return { code: e.code, status: BY_CODE[e.code].status, retryable: e.code === 'QUEUE_FULL' || e.code === 'TOO_MANY_REQUESTS', issues: e.issues, message: e.message, retryAfterSeconds: e.retryAfterSeconds };
  }
  if (e instanceof ScrapifieError) {
    const code: ErrorCode = e.code;
    return { code, status: BY_CODE[code].status, retryable: e.retryable, issues: e.issues, message: e.message };
  }
  if (e instanceof TRPCError) {
    const code = FROM_TRPC[e.code] ?? 'INTERNAL';
    return { code, status: BY_CODE[code].status, retryable: false, issues: [], message: code === 'INTERNAL' ? 'Internal error' : e.message };
  }
  // Unknown errors are bugs: their messages may hold anything, so the caller gets a generic one (the log has the rest).
  return { code: 'INTERNAL', status: 500, retryable: false, issues: [], message: 'Internal error' };
}

/** The tRPC code of an API error code. */
export function trpcCodeFor(code: ApiErrorCode): TRPC_ERROR_CODE_KEY {
  return BY_CODE[code].trpc;
}

export function statusFor(code: ApiErrorCode): number {
  return BY_CODE[code].status;
}

/** A thrown ScrapifieError, ZodError or ApiError as a TRPCError with the right code (the original kept as cause). */
export function toTRPCError(e: unknown): TRPCError {
  if (e instanceof TRPCError) return e;
  const body = toApiError(e);
  return new TRPCError({ code: trpcCodeFor(body.code), message: body.message, cause: e instanceof Error ? e : undefined });
}
