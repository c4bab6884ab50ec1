import { z } from 'zod';
import { login, logout, publicUser, refresh, register } from '../auth/sessions.ts';
import { EmailSchema, NameSchema, PasswordSchema, RefreshTokenSchema, SessionSchema, UserSchema } from '../auth/schemas.ts';
import { appOf } from '../services/app.ts';
import { authedProcedure, procedure, router } from '../trpc.ts';

const TAGS = ['auth'];

export const authRouter = router({
  register: procedure
    .meta({ openapi: { method: 'POST', path: '/auth/register', tags: TAGS, summary: 'Create an account', description: 'Open when the server allows sign-up, or for the very first user (who gets a workspace as its owner). Answers a signed-in session.' }, successStatus: 201 })
    .input(z.strictObject({ email: EmailSchema, password: PasswordSchema.describe('At least 12 characters'), name: NameSchema.optional(), workspaceName: NameSchema.optional().describe("The first user's workspace (default: \"<name>'s workspace\")") }))
    .output(SessionSchema.extend({ workspace: z.object({ id: z.string(), name: z.string() }).nullable() }))
    .mutation(({ ctx, input }) => register(ctx, input)),

  login: procedure
    .meta({ openapi: { method: 'POST', path: '/auth/login', tags: TAGS, summary: 'Sign in', description: 'Answers a 15-minute access token (send it as Authorization: Bearer) and a 7-day refresh token.' } })
    .input(z.strictObject({ email: EmailSchema, password: PasswordSchema }))
    .output(SessionSchema)
    .mutation(({ ctx, input }) => login(ctx, input)),

  refresh: procedure
    .meta({ openapi: { method: 'POST', path: '/auth/refresh', tags: TAGS, summary: 'Renew the access token', description: 'Rotates the refresh token: the one given stops working. Presenting a used one again signs out every session it started.' } })
    .input(z.strictObject({ refreshToken: RefreshTokenSchema }))
    .output(SessionSchema)
    .mutation(({ ctx, input }) => refresh(ctx, input.refreshToken)),

  logout: procedure
    .meta({ openapi: { method: 'POST', path: '/auth/logout', tags: TAGS, summary: 'Sign out', description: 'Revokes the refresh token and its whole rotation family. Access tokens already issued expire on their own (15 min).' } })
    .input(z.strictObject({ refreshToken: RefreshTokenSchema }))
    .output(z.object({ signedOut: z.boolean() }))
    .mutation(async ({ ctx, input }) => ({ signedOut: await logout(ctx, input.refreshToken) })),

  me: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/auth/me', tags: TAGS, summary: 'Who is calling', description: 'The caller (a user, an API key or the local owner) and the workspace and role the request acts with.' } })
    .input(z.strictObject({}))
    .output(z.object({ kind: z.enum(['local', 'user', 'apiKey', 'anonymous']), id: z.string(), workspaceId: z.string().nullable(), role: z.enum(['owner', 'admin', 'editor', 'viewer']).nullable(), user: UserSchema.nullable() }))
    .query(async ({ ctx }) => {
      const p = ctx.principal;
      const user = p.kind === 'user' ? await appOf(ctx).getUser(p.id) : null;
      return { kind: p.kind, id: p.id, workspaceId: p.workspaceId, role: p.role, user: user && publicUser(user) };
    }),
});
