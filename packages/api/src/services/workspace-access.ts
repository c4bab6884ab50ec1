import type { ApiContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { workspaceOf } from './app.ts';

/**
 * The workspace a call names (a path parameter such as /workspaces/{workspaceId}/members) must be the one the request
 * acts in (X-Workspace-Id, or the API key's workspace): roles are resolved for that one only.
 */
export function namedWorkspace(ctx: ApiContext, workspaceId: string): string {
  const acting = workspaceOf(ctx);
  if (acting !== workspaceId) throw new ApiError('FORBIDDEN', `This request acts in workspace ${acting} (X-Workspace-Id or the API key's workspace), not ${workspaceId}: send X-Workspace-Id: ${workspaceId}`);
  return acting;
}

/** The signed-in user's id: workspace management needs a user (an API key or the local owner is not one). */
export function userIdOf(ctx: ApiContext, doing: string): string {
  const p = ctx.principal;
  if (p.kind !== 'user') throw new ApiError('FORBIDDEN', `${doing} needs a signed-in user (an access token); ${p.kind === 'apiKey' ? 'an API key acts only in its own workspace' : 'this caller is not a user'}`);
  return p.id;
}
