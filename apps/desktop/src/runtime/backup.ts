import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '@scrapifie/store-sqlite';

export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

/** The schema version of an existing database file, read without changing it (0 when it has no migrations table). */
export function readSchemaVersion(db: Database.Database): number {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!table) return 0;
  return (db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0;
}

export interface BackupResult {
  /** The backup file, or null when none was needed (new database, or nothing to migrate). */
  backupPath: string | null;
  fromVersion: number;
  toVersion: number;
}

export interface BackupOptions {
  backupDir: string;
  /** The version the store will migrate to (this build's latest). */
  latestVersion?: number;
  /** How many backups to keep; older ones are deleted after a new one is made. */
  keep?: number;
  now?: () => Date;
}

/** The backups in `dir` made from `dbFile`, oldest first (their names sort by time). */
export function listBackups(dbFile: string, dir: string): string[] {
  if (!existsSync(dir)) return [];
  const prefix = `${basename(dbFile)}.`;
  return readdirSync(dir).filter((f) => f.startsWith(prefix) && /\.v\d+-to-v\d+\.bak$/.test(f)).sort().map((f) => join(dir, f));
}

/**
 * Before migrations run: when `dbFile` exists and is behind this build's schema, copies it with
 * SQLite's online backup API (a consistent snapshot, WAL included) to
 * `<backupDir>/<name>.<time>.v<from>-to-v<to>.bak`, and keeps the newest `keep` backups.
 * Any failure throws before anything is migrated. A database newer than this build is left alone
 * (opening the store refuses it with a clear message).
 */
export async function backupBeforeMigration(dbFile: string, opts: BackupOptions): Promise<BackupResult> {
  const toVersion = opts.latestVersion ?? LATEST_SCHEMA_VERSION;
  if (!existsSync(dbFile)) return { backupPath: null, fromVersion: 0, toVersion };
  const db = new Database(dbFile, { fileMustExist: true });
  try {
    const fromVersion = readSchemaVersion(db);
    if (fromVersion >= toVersion) return { backupPath: null, fromVersion, toVersion };
    const stamp = (opts.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
    mkdirSync(opts.backupDir, { recursive: true });
    const backupPath = join(opts.backupDir, `${basename(dbFile)}.${stamp}.v${fromVersion}-to-v${toVersion}.bak`);
    try {
      await db.backup(backupPath);
    } catch (e) {
      rmSync(backupPath, { force: true });
      throw e;
    }
    for (const old of listBackups(dbFile, opts.backupDir).slice(0, -Math.max(1, opts.keep ?? 5))) rmSync(old, { force: true });
    return { backupPath, fromVersion, toVersion };
  } finally {
    db.close();
  }
}
