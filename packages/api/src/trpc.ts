import { initTRPC } from '@trpc/server';
import type { OpenApiMeta } from 'trpc-to-openapi';
import type { ApiContext } from './context.ts';
import { toApiError, toTRPCError } from './errors.ts';

/** Procedure metadata: the REST mapping (trpc-to-openapi's `openapi`) and the status of a successful REST call. */
export type ApiMeta = OpenApiMeta<{ successStatus?: 200 | 201 | 202 }>;

const t = initTRPC
  .context<ApiContext>()
  .meta<ApiMeta>()
  .create({
    // Never send stack traces, whatever NODE_ENV says.
    isDev: false,
    errorFormatter({ shape, error }) {
      const api = toApiError(error);
      return { ...shape, message: api.message, data: { ...shape.data, apiCode: api.code, httpStatus: api.status, issues: api.issues, retryable: api.retryable } };
    },
    sse: {
      ping: { enabled: true, intervalMs: 15_000 },
      client: { reconnectAfterInactivityMs: 30_000 },
    },
  });

/** Maps the product's errors (ScrapifieError, ApiError, ZodError) to tRPC codes, once, for every procedure. */
const mapErrors = t.middleware(async ({ next, ctx, path }) => {
  const result = await next();
  if (!result.ok) {
    const api = toApiError(result.error);
    if (api.status >= 500 && api.code === 'INTERNAL') ctx.logger.error('procedure failed', { path, error: result.error.cause?.message ?? result.error.message, stack: result.error.cause?.stack });
    throw toTRPCError(result.error.cause ?? result.error);
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
/** Every procedure starts here. Phase 2 adds `authedProcedure` (a principal is required) and `requireRole(...)` on top. */
export const procedure = t.procedure.use(mapErrors);
