import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { ensureLocalWorkspace, MIN_TOKEN_SECRET_BYTES, type ApiServices } from '@scrapifie/api';
import type { AppStore } from '@scrapifie/engine';
import { InvalidInputError } from '@scrapifie/recipe';
import { openSqliteAppStore } from '@scrapifie/store-sqlite';
import type { AppConfig } from '../config.ts';

/** Whether `host` only listens on this machine. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1') return true;
  return isIP(h) === 4 && h.startsWith('127.');
}

/** The app store's file: its own database next to the crawl database. */
export const appDbPathOf = (dbPath: string): string => `${dbPath}.app.sqlite`;
export const tokenSecretPathOf = (dbPath: string): string => `${dbPath}.token-secret`;

/** The configured secret, or the one kept next to the database (made on first use, readable by this user only). */
function tokenSecret(configured: string | undefined, dbPath: string): Buffer {
  if (configured !== undefined) return Buffer.from(configured, 'utf8');
  const file = tokenSecretPathOf(dbPath);
  if (existsSync(file)) {
    const secret = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url');
    if (secret.length < MIN_TOKEN_SECRET_BYTES) throw new InvalidInputError('INVALID_INPUT', `${file}: the token secret is shorter than ${MIN_TOKEN_SECRET_BYTES} bytes; delete the file to make a new one (everyone signs in again)`);
    chmodSync(file, 0o600);
    return secret;
  }
  const secret = randomBytes(MIN_TOKEN_SECRET_BYTES);
  writeFileSync(file, `${secret.toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}

export interface ServeAuth {
  /** The AppStore (opened here unless a shared one was given; the caller closes it). */
  app: AppStore;
  services: Pick<ApiServices, 'app' | 'authRequired' | 'auth' | 'localWorkspaceId'>;
  /** One line for the start-up message. */
  describe: string;
}

/**
 * `serve`'s users, workspaces and keys: a SQLite AppStore in its own file next to the crawl database. Sign-in is
 * required when SCRAPIFIE_AUTH=on, or (auto) when the host is not loopback; off, every call is the local user, owner
 * of a local workspace made on the first start.
 */
export async function openServeAuth(cfg: AppConfig['serve']['auth'], dbPath: string, host: string, shared?: AppStore): Promise<ServeAuth> {
  const loopback = isLoopback(host);
  if (cfg.mode === 'off' && !loopback) {
    throw new InvalidInputError('INVALID_INPUT', `SCRAPIFIE_AUTH=off, but the host ${host} is reachable from other machines: serve on 127.0.0.1 or turn sign-in on`, [{ path: 'SCRAPIFIE_AUTH', message: 'off needs a loopback host' }]);
  }
  const required = cfg.mode === 'on' || (cfg.mode === 'auto' && !loopback);
  // On the team server every API node must verify the others' tokens: the secret comes from the environment.
  if (shared && required && cfg.tokenSecret === undefined) {
    throw new InvalidInputError('INVALID_INPUT', 'SCRAPIFIE_TOKEN_SECRET is not set: on the team server every API node signs and checks sign-in tokens with the same secret (at least 32 characters)', [{ path: 'SCRAPIFIE_TOKEN_SECRET', message: 'required on the team server' }]);
  }
  const app = shared ?? openSqliteAppStore(appDbPathOf(dbPath));
  try {
    if (required) {
      const hasUsers = await app.hasUsers();
      return {
        app,
        services: { app, authRequired: true, auth: { tokenSecret: tokenSecret(cfg.tokenSecret, dbPath), allowSignup: cfg.allowSignup } },
        describe: `sign-in required${hasUsers ? '' : ' (no user yet: the first to register at POST /api/v1/auth/register owns the server)'}${cfg.allowSignup ? '; sign-up open' : ''}`,
      };
    }
    const localWorkspaceId = await ensureLocalWorkspace(app);
    return { app, services: { app, authRequired: false, localWorkspaceId }, describe: 'sign-in off (loopback only: every call is the local user)' };
  } catch (e) {
    if (!shared) await app.close();
    throw e;
  }
}
