import { z } from 'zod';
import type { WorkspaceRole } from '@scrapifie/engine';
import { EmailSchema, MemberSchema, RoleSchema, WorkspaceIdSchema } from '../auth/schemas.ts';
import type { ApiContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { appOf } from '../services/app.ts';
import { appCall } from '../services/app-errors.ts';
import { namedWorkspace } from '../services/workspace-access.ts';
import { adminProcedure, assertRole, router, viewerProcedure } from '../trpc.ts';

const TAGS = ['members'];
const UserIdSchema = z.uuid('a user id (UUID)');

/** Only an owner may make someone owner or change or remove an owner (admins manage everyone else). */
function guardOwnerChange(ctx: ApiContext, ...roles: Array<WorkspaceRole | null>): void {
  if (roles.includes('owner')) assertRole(ctx.principal, 'owner');
}

export const membersRouter = router({
  list: viewerProcedure
    .meta({ openapi: { method: 'GET', path: '/workspaces/{workspaceId}/members', tags: TAGS, summary: 'Members of the workspace' } })
    .input(z.strictObject({ workspaceId: WorkspaceIdSchema }))
    .output(z.object({ members: z.array(MemberSchema) }))
    .query(async ({ ctx, input }) => ({ members: await appOf(ctx).listMembers(namedWorkspace(ctx, input.workspaceId)) })),

  add: adminProcedure
    .meta({ openapi: { method: 'POST', path: '/workspaces/{workspaceId}/members', tags: TAGS, summary: 'Add a member', description: 'Adds an existing user by e-mail with a role. Only an owner may add an owner.' }, successStatus: 201 })
    .input(z.strictObject({ workspaceId: WorkspaceIdSchema, email: EmailSchema, role: RoleSchema }))
    .output(MemberSchema)
    .mutation(async ({ ctx, input }) => {
      const ws = namedWorkspace(ctx, input.workspaceId);
      guardOwnerChange(ctx, input.role);
      const app = appOf(ctx);
      const user = await app.getUserByEmail(input.email);
      if (!user) throw new ApiError('NOT_FOUND', `No user with e-mail ${input.email}: they must register first`);
      return appCall(() => app.addMember(ws, user.id, input.role));
    }),

  setRole: adminProcedure
    .meta({ openapi: { method: 'PATCH', path: '/workspaces/{workspaceId}/members/{userId}', tags: TAGS, summary: "Change a member's role", description: 'Only an owner may grant or take away the owner role; the last owner cannot be demoted.' } })
    .input(z.strictObject({ workspaceId: WorkspaceIdSchema, userId: UserIdSchema, role: RoleSchema }))
    .output(MemberSchema)
    .mutation(async ({ ctx, input }) => {
      const ws = namedWorkspace(ctx, input.workspaceId);
      const app = appOf(ctx);
      const current = await app.roleOf(ws, input.userId);
      if (!current) throw new ApiError('NOT_FOUND', `User ${input.userId} is not a member of workspace ${ws}`);
      guardOwnerChange(ctx, input.role, current);
      return appCall(() => app.setMemberRole(ws, input.userId, input.role));
    }),

  remove: adminProcedure
    .meta({ openapi: { method: 'DELETE', path: '/workspaces/{workspaceId}/members/{userId}', tags: TAGS, summary: 'Remove a member', description: 'Only an owner may remove an owner; the last owner cannot be removed.' } })
    .input(z.strictObject({ workspaceId: WorkspaceIdSchema, userId: UserIdSchema }))
    .output(z.object({ userId: z.string(), removed: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      const ws = namedWorkspace(ctx, input.workspaceId);
      const app = appOf(ctx);
      const current = await app.roleOf(ws, input.userId);
      if (!current) throw new ApiError('NOT_FOUND', `User ${input.userId} is not a member of workspace ${ws}`);
      guardOwnerChange(ctx, current);
      return { userId: input.userId, removed: await appCall(() => app.removeMember(ws, input.userId)) };
    }),
});
