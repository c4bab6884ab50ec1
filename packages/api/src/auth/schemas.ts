import { z } from 'zod';
import { WORKSPACE_ROLES } from '@scrapifie/engine';
import { PASSWORD_MAX_LENGTH } from './passwords.ts';

// Shared input and output shapes of the auth, workspaces, members and apiKeys routers.
export const EmailSchema = z.string().trim().max(254, 'at most 254 characters').pipe(z.email('an e-mail address, e.g. ada@example.com'));
/** The length floor is checked by checkPasswordStrength, with a message naming it. */
export const PasswordSchema = z.string().min(1, 'a password is required').max(PASSWORD_MAX_LENGTH);
export const RoleSchema = z.enum(WORKSPACE_ROLES);
export const WorkspaceIdSchema = z.uuid('a workspace id (UUID)');
export const NameSchema = z.string().trim().min(1, 'a name is required').max(100, 'at most 100 characters');
export const RefreshTokenSchema = z.string().min(20, 'a refresh token').max(200);

export const UserSchema = z.object({ id: z.string(), email: z.string(), name: z.string().nullable() });
export const SessionSchema = z.object({
  accessToken: z.string(),
  accessTokenExpiresAt: z.string(),
  refreshToken: z.string().describe('Shown once: keep it to renew the access token (auth.refresh)'),
  refreshTokenExpiresAt: z.string(),
  tokenType: z.literal('Bearer'),
  user: UserSchema,
});
export const WorkspaceSchema = z.object({ id: z.string(), name: z.string(), createdAt: z.string(), role: RoleSchema });
export const MemberSchema = z.object({ workspaceId: z.string(), userId: z.string(), email: z.string(), role: RoleSchema, createdAt: z.string() });
export const ApiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string().describe('The public start of the key (shown in listings)'),
  role: RoleSchema,
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable().describe('Updated at most once a minute'),
  revokedAt: z.string().nullable(),
});
