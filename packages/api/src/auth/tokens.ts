import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { ApiError } from '../errors.ts';

/** Access tokens live 15 minutes; refresh tokens 7 days (both overridable in ApiServices.auth). */
export const DEFAULT_ACCESS_TTL_MS = 15 * 60_000;
export const DEFAULT_REFRESH_TTL_MS = 7 * 24 * 3_600_000;
/** The shortest signing secret accepted: 32 bytes (HS256's key should be at least the hash's size). */
export const MIN_TOKEN_SECRET_BYTES = 32;

export interface AccessClaims {
  sub: string;
  /** Seconds since the epoch. */
  iat: number;
  exp: number;
  jti: string;
}

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

function sign(data: string, secret: Buffer): Buffer {
  return createHmac('sha256', secret).update(data).digest();
}

/** An HS256 JWT for `userId`, valid `ttlMs` from `nowMs`. */
export function signAccessToken(userId: string, secret: Buffer, nowMs: number, ttlMs = DEFAULT_ACCESS_TTL_MS): { token: string; claims: AccessClaims } {
  const iat = Math.floor(nowMs / 1000);
  const claims: AccessClaims = { sub: userId, iat, exp: iat + Math.max(1, Math.floor(ttlMs / 1000)), jti: randomUUID() };
  const body = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return { token: `${body}.${sign(body, secret).toString('base64url')}`, claims };
}

const BAD_TOKEN = 'Invalid access token: sign in again (auth.login) or refresh it (auth.refresh)';

/**
 * The claims of a token this server signed and that has not expired at `nowMs`; UNAUTHORIZED otherwise (a bad
 * signature, another algorithm, malformed claims, or an expired token, each named).
 */
export function verifyAccessToken(token: string, secret: Buffer, nowMs: number): AccessClaims {
  const parts = token.split('.');
  if (parts.length !== 3) throw new ApiError('UNAUTHORIZED', BAD_TOKEN);
  const [header, payload, signature] = parts as [string, string, string];
  // Only our own header: no "alg: none", no algorithm switching.
  if (header !== HEADER) throw new ApiError('UNAUTHORIZED', BAD_TOKEN);
  const given = Buffer.from(signature, 'base64url');
  const expected = sign(`${header}.${payload}`, secret);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new ApiError('UNAUTHORIZED', BAD_TOKEN);
  let claims: Partial<AccessClaims>;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<AccessClaims>;
  } catch {
    throw new ApiError('UNAUTHORIZED', BAD_TOKEN);
  }
  if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number' || typeof claims.iat !== 'number' || typeof claims.jti !== 'string') throw new ApiError('UNAUTHORIZED', BAD_TOKEN);
  if (claims.exp * 1000 <= nowMs) throw new ApiError('UNAUTHORIZED', `Access token expired at ${new Date(claims.exp * 1000).toISOString()}: refresh it (auth.refresh) or sign in again`);
  return claims as AccessClaims;
}

/** A refresh token: 32 random bytes, base64url. Only its hash is stored. */
export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 (hex) of a refresh token or an API key: what the store keeps instead of the secret. */
export function sha256Hex(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
