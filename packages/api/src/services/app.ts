import type { AppStore } from '@scrapifie/engine';
import type { ApiContext } from '../context.ts';
import { ApiError } from '../errors.ts';

/** The AppStore, or a clear error when this runtime has none (workspaces, keys, library, webhooks... need one). */
export function appOf(ctx: ApiContext): AppStore {
  const app = ctx.services.app;
  if (!app) throw new ApiError('NOT_CONFIGURED', 'This server keeps no workspaces, recipes library, keys, webhooks or credentials: it was started without an application store');
  return app;
}

/**
 * The workspace the caller acts in. Role procedures guarantee a user or key has one; the local owner has the
 * runtime's local workspace, when the runtime made one.
 */
export function workspaceOf(ctx: ApiContext): string {
  const id = ctx.principal.workspaceId;
  if (!id) throw new ApiError('NOT_CONFIGURED', 'No workspace: this runtime has no local workspace (localWorkspaceId) and the caller named none');
  return id;
}
