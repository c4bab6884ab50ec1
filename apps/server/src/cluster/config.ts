import { z } from 'zod';

const bool = z.enum(['1', '0', 'true', 'false', 'yes', 'no']).transform((v) => v === '1' || v === 'true' || v === 'yes');
const ms = (def: number) => z.coerce.number().int().min(1).default(def);

/** The cluster's environment (part of the app's one zod table in config.ts). */
export const ClusterEnvSchema = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL').optional(),
  /** Postgres schema of the tables. */
  SCRAPIFIE_PG_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'lower-case letters, digits and _').default('public'),
  /** Key prefix in Redis (several installations may share one Redis). */
  SCRAPIFIE_QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_.-]+$/, "letters, digits, '.', '_' and '-'").default('scrapifie'),
  /** Start despite Postgres fsync/synchronous_commit off or an evicting Redis: throwaway test servers only (loud warning). */
  SCRAPIFIE_ALLOW_UNSAFE: bool.default(false),
  /** A worker's claim on a request lapses when not renewed for this long (ms). */
  SCRAPIFIE_LEASE_MS: ms(30_000),
  /** BullMQ lock of an active batch job: a dead worker's job is redelivered after it (ms). */
  SCRAPIFIE_LOCK_MS: ms(30_000),
  /** A run with work and no sign of life for this long gets fresh batch jobs (ms). */
  SCRAPIFIE_STALE_MS: ms(60_000),
  /** How often the reconciler looks (ms). */
  SCRAPIFIE_RECONCILE_MS: ms(5_000),
  /** Batch jobs in parallel per run. */
  SCRAPIFIE_LANES: z.coerce.number().int().min(1).max(256).default(4),
  /** Requests per batch job (at most 1,000). */
  SCRAPIFIE_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(1000),
  /** Open requests over all active runs beyond which new runs are refused. */
  SCRAPIFIE_MAX_QUEUE_DEPTH: z.coerce.number().int().min(1).default(1_000_000),
  /** Finished runs older than this many days are deleted by the scheduler (0 keeps them). */
  SCRAPIFIE_RETENTION_DAYS: z.coerce.number().min(0).default(30),
  /** Port of /health, /readiness and /metrics on worker and scheduler nodes (0: any free port; unset: none). */
  SCRAPIFIE_HEALTH_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** JSON file of cron schedules for `scrapifie scheduler`. */
  SCRAPIFIE_SCHEDULES: z.string().min(1).optional(),
});

export interface ClusterConfig {
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  pgSchema: string;
  queuePrefix: string;
  allowUnsafe: boolean;
  leaseMs: number;
  lockMs: number;
  staleMs: number;
  reconcileMs: number;
  lanes: number;
  batchSize: number;
  maxQueueDepth: number;
  retentionDays: number;
  healthPort: number | undefined;
  schedulesFile: string | undefined;
}

export function clusterConfigOf(e: z.infer<typeof ClusterEnvSchema>): ClusterConfig {
  return {
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    pgSchema: e.SCRAPIFIE_PG_SCHEMA,
    queuePrefix: e.SCRAPIFIE_QUEUE_PREFIX,
    allowUnsafe: e.SCRAPIFIE_ALLOW_UNSAFE,
    leaseMs: e.SCRAPIFIE_LEASE_MS,
    lockMs: e.SCRAPIFIE_LOCK_MS,
    staleMs: e.SCRAPIFIE_STALE_MS,
    reconcileMs: e.SCRAPIFIE_RECONCILE_MS,
    lanes: e.SCRAPIFIE_LANES,
    batchSize: e.SCRAPIFIE_BATCH_SIZE,
    maxQueueDepth: e.SCRAPIFIE_MAX_QUEUE_DEPTH,
    retentionDays: e.SCRAPIFIE_RETENTION_DAYS,
    healthPort: e.SCRAPIFIE_HEALTH_PORT,
    schedulesFile: e.SCRAPIFIE_SCHEDULES,
  };
}
