import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { InvalidInputError } from '@scrapifie/recipe';
import { issuesOf } from '@scrapifie/recipe';
import { ClusterEnvSchema, clusterConfigOf, type ClusterConfig } from './cluster/config.ts';

/** Everything the server app reads from the environment, validated once at start-up. Nothing else reads process.env. */
const EnvSchema = z.object({
  SCRAPIFIE_DB: z.string().min(1).optional(),
  SCRAPIFIE_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('warn'),
  SCRAPIFIE_CHROMIUM: z.string().min(1).optional(),
  /** The CLI's proxy pool: a JSON file of static proxies and provider templates (see packages/proxy-pool). */
  SCRAPIFIE_PROXIES: z.string().min(1).optional(),
  XDG_DATA_HOME: z.string().min(1).optional(),
  /** `scrapifie serve`: where the API listens (the seed's port 3000; loopback until authentication lands). */
  SCRAPIFIE_HOST: z.string().min(1).default('127.0.0.1'),
  SCRAPIFIE_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Internal targets the server may fetch despite the SSRF guard: IPs, CIDR ranges or host names, comma-separated. */
  SCRAPIFIE_ALLOW_TARGETS: z.string().optional(),
  /** `serve` sign-in: on, off, or auto (on unless the host is loopback). Off is refused on a non-loopback host. */
  SCRAPIFIE_AUTH: z.enum(['on', 'off', 'auto']).default('auto'),
  /** Signs access tokens (at least 32 characters); absent: generated once and kept in a 0600 file next to the database. Never logged. */
  SCRAPIFIE_TOKEN_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  /** Whether anyone may register (default false: only the first user, who bootstraps the server). */
  SCRAPIFIE_ALLOW_SIGNUP: z.enum(['true', 'false', '1', '0']).default('false'),
  /** The API's address as others reach it (behind a proxy, say), for links in webhook payloads. */
  SCRAPIFIE_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** The team server's Postgres and Redis (DATABASE_URL, REDIS_URL) come with ClusterEnvSchema. Never logged. */
  HOME: z.string().optional(),
  ...ClusterEnvSchema.shape,
});

export interface AppConfig {
  /** The SQLite file holding runs, the frontier and results. */
  dbPath: string;
  logLevel: z.infer<typeof EnvSchema>['SCRAPIFIE_LOG_LEVEL'];
  chromiumPath: string | undefined;
  proxiesFile: string | undefined;
  serve: {
    host: string;
    port: number;
    allowTargets: string[];
    databaseUrl: string | undefined;
    redisUrl: string | undefined;
    auth: { mode: 'on' | 'off' | 'auto'; tokenSecret: string | undefined; allowSignup: boolean };
    publicUrl: string | undefined;
  };
  /** The team server's cluster settings (worker, scheduler, serve --mode). */
  cluster: ClusterConfig;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const r = EnvSchema.safeParse(env);
  if (!r.success) {
    const issues = issuesOf(r.error);
    throw new InvalidInputError('INVALID_INPUT', `Invalid environment: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
  }
  const e = r.data;
  const dataHome = e.XDG_DATA_HOME ?? join(e.HOME ?? homedir(), '.local', 'share');
  return {
    dbPath: e.SCRAPIFIE_DB ?? join(dataHome, 'scrapifie', 'scrapifie.sqlite'),
    logLevel: e.SCRAPIFIE_LOG_LEVEL,
    chromiumPath: e.SCRAPIFIE_CHROMIUM,
    proxiesFile: e.SCRAPIFIE_PROXIES,
    serve: {
      host: e.SCRAPIFIE_HOST,
      port: e.SCRAPIFIE_PORT,
      allowTargets: (e.SCRAPIFIE_ALLOW_TARGETS ?? '').split(',').map((s) => s.trim()).filter((s) => s !== ''),
      databaseUrl: e.DATABASE_URL,
      redisUrl: e.REDIS_URL,
      auth: { mode: e.SCRAPIFIE_AUTH, tokenSecret: e.SCRAPIFIE_TOKEN_SECRET, allowSignup: e.SCRAPIFIE_ALLOW_SIGNUP === 'true' || e.SCRAPIFIE_ALLOW_SIGNUP === '1' },
      publicUrl: e.SCRAPIFIE_PUBLIC_URL,
    },
    cluster: clusterConfigOf(e),
  };
}
