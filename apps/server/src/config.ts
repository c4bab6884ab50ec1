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
  XDG_DATA_HOME: z.string().min(1).optional(),
  /** `scrapifie serve`: where the API listens (the seed's port 3000; loopback until authentication lands). */
  SCRAPIFIE_HOST: z.string().min(1).default('127.0.0.1'),
  SCRAPIFIE_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Internal targets the server may fetch despite the SSRF guard: IPs, CIDR ranges or host names, comma-separated. */
  SCRAPIFIE_ALLOW_TARGETS: z.string().optional(),
  /** The team server's Postgres and Redis (DATABASE_URL, REDIS_URL) come with ClusterEnvSchema. Never logged. */
  HOME: z.string().optional(),
  ...ClusterEnvSchema.shape,
});

export interface AppConfig {
  /** The SQLite file holding runs, the frontier and results. */
  dbPath: string;
  logLevel: z.infer<typeof EnvSchema>['SCRAPIFIE_LOG_LEVEL'];
  chromiumPath: string | undefined;
  serve: {
    host: string;
    port: number;
    allowTargets: string[];
    databaseUrl: string | undefined;
    redisUrl: string | undefined;
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
    serve: {
      host: e.SCRAPIFIE_HOST,
      port: e.SCRAPIFIE_PORT,
      allowTargets: (e.SCRAPIFIE_ALLOW_TARGETS ?? '').split(',').map((s) => s.trim()).filter((s) => s !== ''),
      databaseUrl: e.DATABASE_URL,
      redisUrl: e.REDIS_URL,
    },
    cluster: clusterConfigOf(e),
  };
}
