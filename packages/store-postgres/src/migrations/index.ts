// Kysely<any>: migrations run on any schema state, so they are typed without the store's tables (Kysely's convention).
import type { Kysely } from 'kysely';
import { Migrator, NO_MIGRATIONS, type Migration, type MigrationResultSet } from 'kysely/migration';
import { init } from './0001_init.ts';
import { tierMemory } from './0002_tier_memory.ts';
import { cluster } from './0003_cluster.ts';
import { app } from './0004_app.ts';
import { runWorkspaces } from './0005_run_workspaces.ts';

/** Every migration by its numbered name, in order. Append new ones; never edit one that has shipped. */
export const PG_MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001_init': init,
  '0002_tier_memory': tierMemory,
  '0003_cluster': cluster,
  '0004_app': app,
  '0005_run_workspaces': runWorkspaces,
};

export const MIGRATION_TABLE = 'scrapifie_migrations';

function migrator(db: Kysely<any>, schema: string): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => ({ ...PG_MIGRATIONS }) },
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: `${MIGRATION_TABLE}_lock`,
    // Named, so a migration table in another schema of the same database is never mistaken for this one.
    migrationTableSchema: schema,
  });
}

function outcome(what: string, set: MigrationResultSet): string[] {
  if (set.error) {
    const failed = set.results?.find((r) => r.status === 'Error')?.migrationName;
    const message = set.error instanceof Error ? set.error.message : String(set.error);
    throw new Error(`Postgres ${what} failed${failed ? ` at ${failed}` : ''}: ${message}`, { cause: set.error });
  }
  return (set.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * Applies pending migrations up to `target` (a migration name; default: the latest), in one transaction
 * under Kysely's migration lock, so many workers starting at once migrate once. Returns the names applied.
 */
export async function migratePg(db: Kysely<any>, schema: string, target?: string): Promise<string[]> {
  const m = migrator(db, schema);
  if (target !== undefined && !(target in PG_MIGRATIONS)) {
    throw new RangeError(`Unknown migration "${target}": this build knows ${Object.keys(PG_MIGRATIONS).join(', ')}`);
  }
  return outcome('migration', target === undefined ? await m.migrateToLatest() : await m.migrateTo(target));
}

/** Undoes the last `steps` migrations (or all with 'all'), newest first. Returns the names undone. */
export async function rollbackPg(db: Kysely<any>, schema: string, steps: number | 'all' = 1): Promise<string[]> {
  const m = migrator(db, schema);
  if (steps === 'all') return outcome('rollback', await m.migrateTo(NO_MIGRATIONS));
  if (!Number.isInteger(steps) || steps < 0) throw new RangeError(`rollback steps must be a whole number >= 0, got ${steps}`);
  const undone: string[] = [];
  for (let i = 0; i < steps; i++) {
    const names = outcome('rollback', await m.migrateDown());
    if (!names.length) break;
    undone.push(...names);
  }
  return undone;
}

/** Names of the applied migrations, oldest first. */
export async function appliedMigrations(db: Kysely<any>, schema: string): Promise<string[]> {
  const all = await migrator(db, schema).getMigrations();
  return all.filter((m) => m.executedAt !== undefined).map((m) => m.name);
}
