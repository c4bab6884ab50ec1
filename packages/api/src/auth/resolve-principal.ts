import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { ApiServices, Principal } from '../context.ts';
import { ApiError } from '../errors.ts';
import { isApiKeyShaped, keyMatches, prefixOf } from './api-keys.ts';
import { verifyAccessToken } from './tokens.ts';

/** The credentials one request carries. */
export interface RequestCredentials {
  /** The Authorization header: "Bearer <access token | API key>". */
  authorization?: string | undefined;
  /** The X-API-Key header. */
  apiKey?: string | undefined;
  /** The X-Workspace-Id header: the workspace a user token acts in. */
  workspaceId?: string | undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** lastUsedAt of a key is written at most once a minute (a busy key would otherwise write on every request). */
export const KEY_TOUCH_INTERVAL_MS = 60_000;

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The credentials in request headers. */
export function credentialsFromHeaders(headers: IncomingHttpHeaders): RequestCredentials {
  return { authorization: header(headers, 'authorization'), apiKey: header(headers, 'x-api-key'), workspaceId: header(headers, 'x-workspace-id') };
}

/**
 * The credentials an SSE subscription carries in tRPC's `connectionParams` (EventSource cannot send headers, so
 * httpSubscriptionLink's `connectionParams: { token, workspaceId }` puts them in the URL's query string). Only read
 * for subscriptions: every other call must use headers, so tokens stay out of ordinary URLs and logs.
 */
export function credentialsFromConnectionParams(params: Record<string, string | undefined> | null): RequestCredentials {
  if (!params) return {};
  return { authorization: params.token ? `Bearer ${params.token}` : undefined, workspaceId: params.workspaceId };
}

function bearerOf(authorization: string): string {
  const m = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization);
  if (!m) throw new ApiError('UNAUTHORIZED', 'Authorization header: expected "Bearer <access token or API key>"');
  return m[1]!;
}

async function apiKeyPrincipal(services: ApiServices, key: string, workspaceId: string | undefined): Promise<Principal> {
  const app = services.app;
  const prefix = prefixOf(key);
  const stored = prefix && app ? await app.findApiKeyByPrefix(prefix) : null;
  if (!stored || !keyMatches(key, stored)) throw new ApiError('UNAUTHORIZED', 'Invalid or revoked API key');
  if (workspaceId !== undefined && workspaceId !== stored.workspaceId) throw new ApiError('FORBIDDEN', `This API key belongs to another workspace than ${workspaceId}`);
  const now = services.clock.now();
  if (stored.lastUsedAt === null || now - Date.parse(stored.lastUsedAt) >= KEY_TOUCH_INTERVAL_MS) {
    await app!.touchApiKey(stored.id, new Date(now).toISOString());
  }
  return { kind: 'apiKey', id: stored.id, workspaceId: stored.workspaceId, role: stored.role };
}

async function userPrincipal(services: ApiServices, token: string, workspaceId: string | undefined): Promise<Principal> {
  const auth = services.auth;
  const app = services.app;
  if (!auth || !app) throw new ApiError('UNAUTHORIZED', 'This server does not sign users in (no application store or token secret): use an API key');
  const claims = verifyAccessToken(token, auth.tokenSecret, services.clock.now());
  const user = await app.getUser(claims.sub);
  if (!user) throw new ApiError('UNAUTHORIZED', 'The account of this access token no longer exists');
  if (workspaceId === undefined) return { kind: 'user', id: user.id, workspaceId: null, role: null };
  const role = await app.roleOf(workspaceId, user.id);
  if (!role) throw new ApiError('FORBIDDEN', `You are not a member of workspace ${workspaceId}`);
  return { kind: 'user', id: user.id, workspaceId, role };
}

/**
 * Who a request is, from its credentials: an access token (Authorization: Bearer) acting in the X-Workspace-Id
 * workspace with the user's role there, or an API key (Authorization: Bearer sfk_... or X-API-Key) with its own
 * workspace and role. Undefined when the request carries none (the context then picks anonymous or the local owner)
 * or when authentication is off (every call is the local owner; credentials are not read).
 * Throws UNAUTHORIZED for a bad, expired or revoked credential, FORBIDDEN for a workspace the caller is not in.
 */
export async function resolvePrincipal(services: ApiServices, creds: RequestCredentials): Promise<Principal | undefined> {
  if (!services.authRequired) return undefined;
  const workspaceId = creds.workspaceId?.trim() || undefined;
  if (workspaceId !== undefined && !UUID.test(workspaceId)) {
    throw new ApiError('INVALID_INPUT', `X-Workspace-Id: "${workspaceId.slice(0, 60)}" is not a workspace id (a UUID)`, { issues: [{ path: 'X-Workspace-Id', message: 'a UUID' }] });
  }
  const bearer = creds.authorization ? bearerOf(creds.authorization) : undefined;
  const key = creds.apiKey?.trim() || undefined;
  if (bearer !== undefined && key !== undefined && bearer !== key) throw new ApiError('UNAUTHORIZED', 'Send one credential: either Authorization or X-API-Key, not both');
  const credential = bearer ?? key;
  if (credential === undefined) return undefined;
  if (key !== undefined || isApiKeyShaped(credential)) return apiKeyPrincipal(services, credential, workspaceId);
  return userPrincipal(services, credential, workspaceId);
}

const byRequest = new WeakMap<IncomingMessage, Promise<Principal | undefined>>();

/**
 * The principal of a request from its headers, resolved once per request: the rate gate (an API key gets its own
 * bucket) and the transport both ask, and a key is one lookup and one hash comparison, not two.
 */
export function principalOfRequest(services: ApiServices, req: IncomingMessage): Promise<Principal | undefined> {
  let p = byRequest.get(req);
  if (!p) {
    p = resolvePrincipal(services, credentialsFromHeaders(req.headers));
    byRequest.set(req, p);
  }
  return p;
}
