import { initTRPC } from '@trpc/server';
import type { OpenApiMeta } from 'trpc-to-openapi';
import { atLeast, type ApiContext, type Principal, type Role } from './context.ts';
import { ApiError, toApiError, toTRPCError } from './errors.ts';

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
/** Public procedures (sign-in, the recipe schema) start here; everything else from a role procedure below. */
export const procedure = t.procedure.use(mapErrors);

const UNAUTHORIZED_MESSAGE = 'Not signed in: send an access token or an API key (Authorization: Bearer <token or key>)';

/** A caller is required (UNAUTHORIZED otherwise); no workspace is needed (e.g. listing one's own workspaces). */
const requireCaller = t.middleware(({ ctx, next }) => {
  if (ctx.principal.kind === 'anonymous') throw new ApiError('UNAUTHORIZED', UNAUTHORIZED_MESSAGE);
  return next();
});

/**
 * The one place roles are enforced: the caller must act in a workspace with at least `min` (owner > admin > editor >
 * viewer). Anonymous callers get UNAUTHORIZED, weaker roles FORBIDDEN naming the role needed. Business logic never
 * checks roles; every procedure declares its minimum by the builder it starts from.
 */
export function requireRole(min: Role) {
  return t.middleware(({ ctx, next }) => {
    assertRole(ctx.principal, min);
    return next();
  });
}

/** requireRole's check, for transports outside tRPC (the export route): throws UNAUTHORIZED or FORBIDDEN. */
export function assertRole(p: Principal, min: Role): void {
  if (p.kind === 'anonymous') throw new ApiError('UNAUTHORIZED', UNAUTHORIZED_MESSAGE);
  if (p.workspaceId === null && p.kind === 'user') throw new ApiError('FORBIDDEN', 'No workspace chosen: send the X-Workspace-Id header with a workspace you are a member of');
  if (!atLeast(p.role, min)) throw new ApiError('FORBIDDEN', `This needs the ${min} role or higher in the workspace (yours: ${p.role ?? 'none'})`);
}

export const authedProcedure = procedure.use(requireCaller);
export const viewerProcedure = procedure.use(requireRole('viewer'));
export const editorProcedure = procedure.use(requireRole('editor'));
export const adminProcedure = procedure.use(requireRole('admin'));
export const ownerProcedure = procedure.use(requireRole('owner'));
