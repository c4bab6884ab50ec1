import type { AppStore, User } from '@scrapifie/engine';
import type { ApiContext, AuthSettings } from '../context.ts';
import { ApiError } from '../errors.ts';
import { appCall } from '../services/app-errors.ts';
import { appOf } from '../services/app.ts';
import { LOCAL_USER_EMAIL } from './local-workspace.ts';
import { burnVerification, checkPasswordStrength, hashPassword, verifyPassword } from './passwords.ts';
import { DEFAULT_ACCESS_TTL_MS, DEFAULT_REFRESH_TTL_MS, newRefreshToken, sha256Hex, signAccessToken } from './tokens.ts';

/** What sign-in answers: a short-lived access token and the refresh token that renews it (shown once). */
export interface Session {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
  tokenType: 'Bearer';
  user: { id: string; email: string; name: string | null };
}

function settingsOf(ctx: ApiContext): AuthSettings {
  const auth = ctx.services.auth;
  if (!auth) throw new ApiError('NOT_CONFIGURED', 'This server does not sign users in: it was started without a token secret (ApiServices.auth)');
  return auth;
}

export function publicUser(u: User): Session['user'] {
  return { id: u.id, email: u.email, name: u.name };
}

async function issue(ctx: ApiContext, user: User, familyId?: string): Promise<Session> {
  const settings = settingsOf(ctx);
  const now = ctx.services.clock.now();
  const { token, claims } = signAccessToken(user.id, settings.tokenSecret, now, settings.accessTtlMs ?? DEFAULT_ACCESS_TTL_MS);
  const refreshToken = newRefreshToken();
  const refreshTokenExpiresAt = new Date(now + (settings.refreshTtlMs ?? DEFAULT_REFRESH_TTL_MS)).toISOString();
  await appOf(ctx).createRefreshToken({ userId: user.id, familyId, tokenHash: sha256Hex(refreshToken), expiresAt: refreshTokenExpiresAt });
  return { accessToken: token, accessTokenExpiresAt: new Date(claims.exp * 1000).toISOString(), refreshToken, refreshTokenExpiresAt, tokenType: 'Bearer', user: publicUser(user) };
}

// Registrations run one at a time per store, so two "first users" cannot both bootstrap a fresh server.
const registering = new WeakMap<AppStore, Promise<unknown>>();
function serially<T>(app: AppStore, work: () => Promise<T>): Promise<T> {
  const run = (registering.get(app) ?? Promise.resolve()).then(work, work);
  registering.set(app, run.catch(() => undefined));
  return run;
}

/**
 * Creates an account and signs it in. Allowed when the server allows sign-up, or when it has no user yet: the first
 * user bootstraps the server and gets a workspace of their own (as owner).
 */
export async function register(ctx: ApiContext, input: { email: string; password: string; name?: string | undefined; workspaceName?: string | undefined }): Promise<Session & { workspace: { id: string; name: string } | null }> {
  const settings = settingsOf(ctx);
  const app = appOf(ctx);
  if (input.email.trim().toLowerCase() === LOCAL_USER_EMAIL) throw new ApiError('INVALID_INPUT', `email: ${LOCAL_USER_EMAIL} is reserved for the local user`, { issues: [{ path: 'email', message: 'reserved' }] });
  checkPasswordStrength(input.password);
  const passwordHash = await hashPassword(input.password);
  return serially(app, async () => {
    const first = !(await app.hasUsers(LOCAL_USER_EMAIL));
    if (!first && !settings.allowSignup) throw new ApiError('FORBIDDEN', 'Sign-up is closed on this server: ask an admin of a workspace to add you');
    const user = await appCall(() => app.createUser({ email: input.email, passwordHash, name: input.name ?? null }));
    const workspace = first ? await app.createWorkspace({ name: input.workspaceName ?? `${input.name ?? user.email}'s workspace`.slice(0, 100), ownerId: user.id }) : null;
    ctx.logger.info('user registered', { userId: user.id, bootstrap: first });
    return { ...(await issue(ctx, user)), workspace: workspace && { id: workspace.id, name: workspace.name } };
  });
}

const BAD_LOGIN = 'Wrong e-mail or password';

export async function login(ctx: ApiContext, input: { email: string; password: string }): Promise<Session> {
  settingsOf(ctx);
  const user = await appOf(ctx).getUserByEmail(input.email);
  if (!user || user.email === LOCAL_USER_EMAIL) {
    await burnVerification(input.password);
    throw new ApiError('UNAUTHORIZED', BAD_LOGIN);
  }
  if (!(await verifyPassword(input.password, user.passwordHash))) throw new ApiError('UNAUTHORIZED', BAD_LOGIN);
  return issue(ctx, user);
}

/**
 * Trades a refresh token for a new pair (rotation). A token presented a second time means it leaked: the store
 * revokes its whole family, so the thief's and the owner's successors stop working alike.
 */
export async function refresh(ctx: ApiContext, refreshToken: string): Promise<Session> {
  const settings = settingsOf(ctx);
  const app = appOf(ctx);
  const now = ctx.services.clock.now();
  const next = newRefreshToken();
  const expiresAt = new Date(now + (settings.refreshTtlMs ?? DEFAULT_REFRESH_TTL_MS)).toISOString();
  const r = await app.rotateRefreshToken(sha256Hex(refreshToken), { tokenHash: sha256Hex(next), expiresAt }, new Date(now).toISOString());
  switch (r.status) {
    case 'rotated': {
      const user = await app.getUser(r.token.userId);
      if (!user) throw new ApiError('UNAUTHORIZED', 'The account of this refresh token no longer exists');
      const { token, claims } = signAccessToken(user.id, settings.tokenSecret, now, settings.accessTtlMs ?? DEFAULT_ACCESS_TTL_MS);
      return { accessToken: token, accessTokenExpiresAt: new Date(claims.exp * 1000).toISOString(), refreshToken: next, refreshTokenExpiresAt: r.token.expiresAt, tokenType: 'Bearer', user: publicUser(user) };
    }
    case 'reused':
      ctx.logger.warn('refresh token reused: its family is revoked', { userId: r.userId, familyId: r.familyId });
      throw new ApiError('UNAUTHORIZED', 'This refresh token was already used, so every session it started is now signed out: sign in again');
    case 'expired':
      throw new ApiError('UNAUTHORIZED', 'Refresh token expired: sign in again');
    case 'revoked':
      throw new ApiError('UNAUTHORIZED', 'Refresh token revoked (signed out): sign in again');
    case 'unknown':
      throw new ApiError('UNAUTHORIZED', 'Unknown refresh token: sign in again');
  }
}

/** Signs the session of this refresh token out (its whole family). */
export async function logout(ctx: ApiContext, refreshToken: string): Promise<boolean> {
  return appOf(ctx).revokeRefreshFamilyOf(sha256Hex(refreshToken));
}
