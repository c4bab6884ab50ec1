import type { Database } from 'better-sqlite3';
import { init } from './0001_init.ts';
import { queue } from './0002_queue.ts';
import { tiers } from './0003_tiers.ts';
import { app } from './0004_app.ts';
import { runWorkspaces } from './0005_run_workspaces.ts';
import type { Migration } from './migration.ts';

export type { Migration };

/** Every migration, in version order. Append new ones; never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [init, queue, tiers, app, runWorkspaces];

const LATEST = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

function ensureTable(db: Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
}

/** The version the database is at (0 for a new one). */
export function schemaVersion(db: Database): number {
  ensureTable(db);
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

/** Applies the pending migrations up to `target` (default: the latest), each in its own transaction. Returns the versions applied. */
export function migrate(db: Database, target: number = LATEST): number[] {
  if (!Number.isInteger(target) || target < 0 || target > LATEST) {
    throw new RangeError(`Migration target ${target} is out of range: this build knows versions 0 to ${LATEST}`);
  }
  const current = schemaVersion(db);
  if (current > LATEST) {
    throw new Error(`The database schema is at version ${current}, newer than this build of Scrapifie knows (${LATEST}): upgrade Scrapifie`);
  }
  const applied: number[] = [];
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const m of MIGRATIONS) {
    if (m.version <= current || m.version > target) continue;
    db.transaction(() => {
      db.exec(m.up);
      record.run(m.version, m.name, new Date().toISOString());
    })();
    applied.push(m.version);
  }
  return applied;
}

/** Undoes the last `steps` applied migrations, newest first, each in its own transaction. Returns the versions undone. */
export function rollback(db: Database, steps = 1): number[] {
  if (!Number.isInteger(steps) || steps < 0) throw new RangeError(`rollback steps must be a whole number >= 0, got ${steps}`);
  ensureTable(db);
  const done = (db.prepare('SELECT version FROM schema_migrations ORDER BY version DESC LIMIT ?').all(steps) as Array<{ version: number }>).map(
    (r) => r.version,
  );
  const forget = db.prepare('DELETE FROM schema_migrations WHERE version = ?');
  for (const version of done) {
    const m = MIGRATIONS.find((x) => x.version === version);
    if (!m) throw new Error(`Cannot roll back schema version ${version}: this build does not know it`);
    db.transaction(() => {
      db.exec(m.down);
      forget.run(version);
    })();
  }
  return done;
}
