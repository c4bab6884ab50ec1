import type { Logger } from '@scrapifie/engine';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { migratePg } from './migrations/index.ts';
import { PgCrawlStore } from './pg-store.ts';
import { checkPostgresSafety } from './safety.ts';
import type { DB } from './schema.ts';

export interface PgStoreOptions {
  /** postgres://user:password@host:port/database */
  connectionString: string;
  /** The schema the tables live in (created when missing). Default "public". */
  schema?: string | undefined;
  /** Pool size. Default 10. */
  max?: number | undefined;
  /** For throwaway test databases only: start despite fsync/synchronous_commit off, with a loud warning. */
  allowUnsafe?: boolean | undefined;
  /** Run the migrations at start (default true; a deployment may migrate in a separate step). */
  migrate?: boolean | undefined;
  logger?: Logger | undefined;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** Builds the Kysely instance (a pg Pool behind it) for `opts`; the caller destroys it. */
export function createPgDb(opts: PgStoreOptions): Kysely<DB> {
  const schema = opts.schema ?? 'public';
  if (!IDENTIFIER.test(schema)) throw new Error(`Postgres schema name "${schema}" must be lower-case letters, digits and _ (at most 63)`);
  const pool = new pg.Pool({
    connectionString: opts.connectionString,
    max: opts.max ?? 10,
    // Every connection works in the store's schema.
    options: `-c search_path=${schema}`,
  });
  // An idle client that loses its server must not crash the process; the next query on it fails loudly instead.
  pool.on('error', (e) => opts.logger?.error('Postgres pool: an idle connection failed', { error: e.message }));
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * Connects, refuses unsafe durability settings (see checkPostgresSafety), creates the schema if
 * missing, migrates to the latest version, and returns the store.
 */
export async function openPgStore(opts: PgStoreOptions): Promise<PgCrawlStore> {
  const db = createPgDb(opts);
  const schema = opts.schema ?? 'public';
  try {
    await checkPostgresSafety(db as Kysely<unknown>, { allowUnsafe: opts.allowUnsafe, logger: opts.logger });
    if (opts.migrate !== false) {
      await sql`CREATE SCHEMA IF NOT EXISTS ${sql.id(schema)}`.execute(db);
      await migratePg(db as Kysely<unknown>, schema);
    }
  } catch (e) {
    await db.destroy();
    throw e;
  }
  return new PgCrawlStore(db);
}
