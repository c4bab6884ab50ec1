import { z } from 'zod';
import { NameSchema, WorkspaceIdSchema, WorkspaceSchema } from '../auth/schemas.ts';
import { ApiError } from '../errors.ts';
import { appOf } from '../services/app.ts';
import { appCall } from '../services/app-errors.ts';
import { namedWorkspace, userIdOf } from '../services/workspace-access.ts';
import { adminProcedure, authedProcedure, ownerProcedure, router } from '../trpc.ts';

const TAGS = ['workspaces'];
const WorkspaceInput = z.strictObject({ workspaceId: WorkspaceIdSchema });

export const workspacesRouter = router({
  list: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/workspaces', tags: TAGS, summary: 'My workspaces', description: "A user's workspaces with their role in each, oldest first; for an API key, its own workspace." } })
    .input(z.strictObject({}))
    .output(z.object({ workspaces: z.array(WorkspaceSchema) }))
    .query(async ({ ctx }) => {
      const p = ctx.principal;
      const app = appOf(ctx);
      if (p.kind === 'user') return { workspaces: await app.workspacesOf(p.id) };
      const ws = p.workspaceId ? await app.getWorkspace(p.workspaceId) : null;
      return { workspaces: ws && p.role ? [{ ...ws, role: p.role }] : [] };
    }),

  create: authedProcedure
    .meta({ openapi: { method: 'POST', path: '/workspaces', tags: TAGS, summary: 'Create a workspace', description: 'The signed-in user becomes its owner.' }, successStatus: 201 })
    .input(z.strictObject({ name: NameSchema }))
    .output(WorkspaceSchema)
    .mutation(async ({ ctx, input }) => {
      const ownerId = userIdOf(ctx, 'Creating a workspace');
      const ws = await appCall(() => appOf(ctx).createWorkspace({ name: input.name, ownerId }));
      return { ...ws, role: 'owner' as const };
    }),

  rename: adminProcedure
    .meta({ openapi: { method: 'PATCH', path: '/workspaces/{workspaceId}', tags: TAGS, summary: 'Rename the workspace' } })
    .input(WorkspaceInput.extend({ name: NameSchema }))
    .output(z.object({ id: z.string(), name: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const id = namedWorkspace(ctx, input.workspaceId);
      if (!(await appCall(() => appOf(ctx).renameWorkspace(id, input.name)))) throw new ApiError('NOT_FOUND', `No workspace ${id}`);
      return { id, name: input.name };
    }),

  delete: ownerProcedure
    .meta({ openapi: { method: 'DELETE', path: '/workspaces/{workspaceId}', tags: TAGS, summary: 'Delete the workspace', description: 'Deletes it with everything it owns (members, keys, recipes, schedules, webhooks, credentials). Owners only.' } })
    .input(WorkspaceInput)
    .output(z.object({ id: z.string(), deleted: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      const id = namedWorkspace(ctx, input.workspaceId);
      return { id, deleted: await appOf(ctx).deleteWorkspace(id) };
    }),
});
