import { join } from 'node:path';
import type { Logger } from '@scrapifie/engine';
import { openSqliteStore, type SqliteCrawlStore } from '@scrapifie/store-sqlite';
import { backupBeforeMigration, type BackupResult } from './backup.ts';
import { findResumableRuns, type ResumableRun } from './resume.ts';

export const DATABASE_FILE = 'scrapifie.sqlite';

export interface DesktopRuntime {
  store: SqliteCrawlStore;
  dbPath: string;
  /** What happened before the migrations: the backup made, if one was needed. */
  backup: BackupResult;
  /** Runs interrupted by a quit or crash (or stopped by the user), to offer for resuming. */
  resumableRuns: ResumableRun[];
  close(): Promise<void>;
}

export interface OpenDesktopRuntimeOptions {
  /** Electron's app.getPath('userData'). */
  userDataDir: string;
  logger: Logger;
  now?: () => Date;
}

/**
 * The local runtime behind the desktop app: the SQLite database in the user-data folder, backed up
 * before pending migrations run (no backup, no migration), then opened and migrated, and the list of
 * unfinished runs to offer for resuming.
 */
export async function openDesktopRuntime(opts: OpenDesktopRuntimeOptions): Promise<DesktopRuntime> {
  const dbPath = join(opts.userDataDir, DATABASE_FILE);
  let backup: BackupResult;
  try {
    backup = await backupBeforeMigration(dbPath, { backupDir: join(opts.userDataDir, 'backups'), now: opts.now });
  } catch (e) {
    throw new Error(`Could not back up ${dbPath} before upgrading its schema, so it was left as it was: ${(e as Error).message}`, { cause: e });
  }
  if (backup.backupPath) opts.logger.info('Backed up the database before migrating it', { from: backup.fromVersion, to: backup.toVersion, backup: backup.backupPath });
  const store = openSqliteStore(dbPath);
  try {
    const resumableRuns = await findResumableRuns(store);
    if (resumableRuns.length > 0) opts.logger.info('Unfinished runs found', { count: resumableRuns.length });
    return { store, dbPath, backup, resumableRuns, close: () => store.close() };
  } catch (e) {
    await store.close();
    throw e;
  }
}
