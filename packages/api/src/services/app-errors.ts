import { AppStoreError } from '@scrapifie/engine';
import { ApiError, type ApiErrorCode } from '../errors.ts';

const CODES: Record<AppStoreError['code'], ApiErrorCode> = {
  conflict: 'CONFLICT',
  not_found: 'NOT_FOUND',
  last_owner: 'CONFLICT',
  invalid: 'INVALID_INPUT',
};

/**
 * The one mapping of AppStore refusals to API errors: conflict -> CONFLICT (409), not_found -> NOT_FOUND (404),
 * last_owner -> CONFLICT (409), invalid -> INVALID_INPUT (400). Anything else is returned unchanged (a bug, reported
 * as INTERNAL without its message).
 */
export function mapAppStoreError(e: unknown): unknown {
  if (e instanceof AppStoreError) return new ApiError(CODES[e.code], e.message);
  return e;
}

/** Runs an AppStore call, throwing its refusals as API errors. */
export async function appCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    throw mapAppStoreError(e);
  }
}
