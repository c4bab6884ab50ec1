import type { ServerResponse } from 'node:http';
import type { IssueDetail } from '@scrapifie/recipe';
import type { ApiErrorBody, ApiErrorCode } from '../errors.ts';

export const API_VERSION = 'v1';

export interface EnvelopeMeta {
  requestId: string;
  apiVersion: typeof API_VERSION;
}

export interface ErrorPayload {
  code: ApiErrorCode;
  message: string;
  retryable: boolean;
  /** The input fields at fault, by JSON path. */
  issues?: IssueDetail[] | undefined;
}

/** Every REST answer: { success, data, error, meta }. */
export type Envelope<T> = { success: true; data: T; error: null; meta: EnvelopeMeta } | { success: false; data: null; error: ErrorPayload; meta: EnvelopeMeta };

/** Headers on every answer of the API server. CORS stays closed: no Access-Control-* header is ever sent. */
export const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cache-control': 'no-store',
};

export function meta(requestId: string): EnvelopeMeta {
  return { requestId, apiVersion: API_VERSION };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendSuccess(res: ServerResponse, status: number, data: unknown, requestId: string): void {
  sendJson(res, status, { success: true, data, error: null, meta: meta(requestId) } satisfies Envelope<unknown>);
}

export function sendError(res: ServerResponse, err: ApiErrorBody, requestId: string, headers: Record<string, string> = {}): void {
  const error: ErrorPayload = { code: err.code, message: err.message, retryable: err.retryable, ...(err.issues.length ? { issues: err.issues } : {}) };
  const extra = err.retryAfterSeconds !== undefined ? { ...headers, 'retry-after': String(err.retryAfterSeconds) } : headers;
  sendJson(res, err.status, { success: false, data: null, error, meta: meta(requestId) } satisfies Envelope<unknown>, extra);
}
