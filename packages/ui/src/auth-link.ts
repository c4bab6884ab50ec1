import { TRPCClientError, type TRPCLink } from '@trpc/client';
import { observable, type Unsubscribable } from '@trpc/server/observable';
import type { AppRouter } from '@scrapifie/api';
import type { AuthSession } from './session.ts';

/** Whether an error is the API's 401 (a missing, expired or revoked credential). */
export function isUnauthorized(e: unknown): boolean {
  if (!(e instanceof TRPCClientError)) return false;
  const data = e.data as { code?: string; apiCode?: string; httpStatus?: number } | undefined;
  return data?.apiCode === 'UNAUTHORIZED' || data?.code === 'UNAUTHORIZED' || data?.httpStatus === 401;
}

/**
 * Retries a query or mutation refused as UNAUTHORIZED once, after renewing the access token with the refresh token.
 * When there is none, or the server refuses it too, the session says so and the studio shows its sign-in screen.
 */
export function authRetryLink(session: AuthSession): TRPCLink<AppRouter> {
  return () =>
    ({ op, next }) =>
      observable((observer) => {
        let sub: Unsubscribable | undefined;
        let closed = false;
        const attempt = (retried: boolean) => {
          sub = next(op).subscribe({
            next: (v) => observer.next(v),
            complete: () => observer.complete(),
            error: (err) => {
              if (!isUnauthorized(err) || op.type === 'subscription') return observer.error(err);
              if (retried || !session.hasRefreshToken()) {
                session.unauthorized();
                return observer.error(err);
              }
              void session.refresh().then((ok) => {
                if (closed) return;
                if (ok) return attempt(true);
                session.unauthorized();
                observer.error(err);
              });
            },
          });
        };
        attempt(false);
        return () => {
          closed = true;
          sub?.unsubscribe();
        };
      });
}
