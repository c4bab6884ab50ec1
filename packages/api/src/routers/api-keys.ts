import { z } from 'zod';
import type { ApiKey } from '@scrapifie/engine';
import { generateApiKey } from '../auth/api-keys.ts';
import { ApiKeySchema, NameSchema, RoleSchema, WorkspaceIdSchema } from '../auth/schemas.ts';
import { ApiError } from '../errors.ts';
import { appOf } from '../services/app.ts';
import { appCall } from '../services/app-errors.ts';
import { namedWorkspace } from '../services/workspace-access.ts';
import { adminProcedure, assertRole, router } from '../trpc.ts';

const TAGS = ['api-keys'];

/** A key as listings show it: never its hash. */
function view(k: ApiKey): z.infer<typeof ApiKeySchema> {
  return { id: k.id, name: k.name, prefix: k.prefix, role: k.role, createdBy: k.createdBy, createdAt: k.createdAt, lastUsedAt: k.lastUsedAt, revokedAt: k.revokedAt };
}

export const apiKeysRouter = router({
  create: adminProcedure
    .meta({ openapi: { method: 'POST', path: '/workspaces/{workspaceId}/api-keys', tags: TAGS, summary: 'Create an API key', description: 'The answer holds the key itself, once: only its hash is kept. A key cannot have a stronger role than its creator.' }, successStatus: 201 })
    .input(z.strictObject({ workspaceId: WorkspaceIdSchema, name: NameSchema, role: RoleSchema.default('editor') }))
    .output(ApiKeySchema.extend({ key: z.string().describe('Shown once: send it as Authorization: Bearer <key> or X-API-Key') }))
    .mutation(async ({ ctx, input }) => {
      const ws = namedWorkspace(ctx, input.workspaceId);
      assertRole(ctx.principal, input.role);
      const { key, prefix, keyHash } = generateApiKey();
      const createdBy = ctx.principal.kind === 'user' ? ctx.principal.id : null;
      const stored = await appCall(() => appOf(ctx).createApiKey({ workspaceId: ws, name: input.name, prefix, keyHash, role: input.role, createdBy }));
      return { ...view(stored), key };
    }),

  list: adminProcedure
    .meta({ openapi: { method: 'GET', path: '/workspaces/{workspaceId}/api-keys', tags: TAGS, summary: "The workspace's API keys", description: 'Revoked ones included, newest first; never the keys themselves.' } })
    .input(z.strictObject({ workspaceId: WorkspaceIdSchema }))
    .output(z.object({ keys: z.array(ApiKeySchema) }))
    .query(async ({ ctx, input }) => ({ keys: (await appOf(ctx).listApiKeys(namedWorkspace(ctx, input.workspaceId))).map(view) })),

  revoke: adminProcedure
    .meta({ openapi: { method: 'DELETE', path: '/workspaces/{workspaceId}/api-keys/{keyId}', tags: TAGS, summary: 'Revoke an API key', description: 'The key stops working at once.' } })
    .input(z.strictObject({ workspaceId: WorkspaceIdSchema, keyId: z.uuid('a key id (UUID)') }))
    .output(z.object({ keyId: z.string(), revoked: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      const ws = namedWorkspace(ctx, input.workspaceId);
      if (!(await appOf(ctx).revokeApiKey(ws, input.keyId))) throw new ApiError('NOT_FOUND', `No active API key ${input.keyId} in workspace ${ws}`);
      return { keyId: input.keyId, revoked: true as const };
    }),
});
