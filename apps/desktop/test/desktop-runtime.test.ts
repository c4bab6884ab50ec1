/** The desktop's local runtime on real SQLite files in a temporary user-data folder. */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parseRecipe, type RunStatus } from '@scrapifie/recipe';
import { migrate, openSqliteStore } from '@scrapifie/store-sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupBeforeMigration, LATEST_SCHEMA_VERSION, listBackups, readSchemaVersion } from '../src/runtime/backup.ts';
import { DATABASE_FILE, openDesktopRuntime } from '../src/runtime/desktop-runtime.ts';
import { recordingLogger } from './recording-logger.ts';

const recipe = (name: string) => parseRecipe({ version: 1, name, start: { urls: ['http://127.0.0.1:9/list'] }, page: { fields: { title: { css: 'title' } } } });

async function seedRuns(dbPath: string, runs: Array<[id: string, status: RunStatus]>): Promise<void> {
  const store = openSqliteStore(dbPath);
  for (const [id, status] of runs) {
    await store.createRun({ id, recipe: recipe(`recipe of ${id}`), recipeHash: `h-${id}`, status: 'running', requests: [{ key: `${id}-1`, url: 'http://127.0.0.1:9/list', specPath: 'page', depth: 0, priority: 0 }, { key: `${id}-2`, url: 'http://127.0.0.1:9/list?p=2', specPath: 'page', depth: 0, priority: 0 }] });
    if (status !== 'running') await store.setRunStatus(id, status);
  }
  await store.close();
}

describe('desktop runtime', () => {
  let userData: string;
  beforeEach(() => {
    userData = mkdtempSync(join(tmpdir(), 'scrapifie-desktop-'));
  });
  afterEach(() => {
    rmSync(userData, { recursive: true, force: true });
  });

  it('creates the database in the user-data folder on first start, with no backup and nothing to resume', async () => {
    const rt = await openDesktopRuntime({ userDataDir: userData, logger: recordingLogger() });
    try {
      expect(rt.dbPath).toBe(join(userData, DATABASE_FILE));
      expect(existsSync(rt.dbPath)).toBe(true);
      expect(readSchemaVersion(rt.store.db)).toBe(LATEST_SCHEMA_VERSION);
      expect(rt.backup.backupPath).toBeNull();
      expect(rt.resumableRuns).toEqual([]);
      expect(existsSync(join(userData, 'backups'))).toBe(false);
    } finally {
      await rt.close();
    }
  });

  it('offers the runs that did not finish (running when the app died, or cancelled), newest first, with where they stopped', async () => {
    const dbPath = join(userData, DATABASE_FILE);
    await seedRuns(dbPath, [['r-done', 'completed'], ['r-crashed', 'running'], ['r-partial', 'partially_completed'], ['r-failed', 'failed'], ['r-stopped', 'cancelled']]);
    const rt = await openDesktopRuntime({ userDataDir: userData, logger: recordingLogger() });
    try {
      expect(rt.resumableRuns.map((r) => [r.runId, r.status, r.recipeName])).toEqual([
        ['r-stopped', 'cancelled', 'recipe of r-stopped'],
        ['r-crashed', 'running', 'recipe of r-crashed'],
      ]);
      expect(rt.resumableRuns[0]?.counts).toMatchObject({ pending: 2, succeeded: 0, results: 0 });
      expect(rt.backup.backupPath).toBeNull(); // already at the latest schema: nothing migrated, nothing backed up
    } finally {
      await rt.close();
    }
  });

  it('backs the database up before migrating one that is behind, then migrates it', async () => {
    const dbPath = join(userData, DATABASE_FILE);
    const old = new Database(dbPath);
    migrate(old, 0); // a database an older build left at schema 0
    old.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('kept by the backup')");
    old.close();
    const logger = recordingLogger();
    const rt = await openDesktopRuntime({ userDataDir: userData, logger, now: () => new Date('2025-01-02T03:04:05.678Z') });
    try {
      expect(rt.backup).toEqual({ backupPath: join(userData, 'backups', `${DATABASE_FILE}.2025-01-02T03-04-05-678Z.v0-to-v${LATEST_SCHEMA_VERSION}.bak`), fromVersion: 0, toVersion: LATEST_SCHEMA_VERSION });
      expect(readSchemaVersion(rt.store.db)).toBe(LATEST_SCHEMA_VERSION);
      const copy = new Database(rt.backup.backupPath as string, { readonly: true });
      expect(readSchemaVersion(copy)).toBe(0);
      expect(copy.prepare('SELECT body FROM notes').pluck().all()).toEqual(['kept by the backup']);
      expect(copy.prepare("SELECT name FROM sqlite_master WHERE name = 'runs'").get()).toBeUndefined();
      copy.close();
      expect(logger.lines.some((l) => /Backed up the database/.test(l.msg))).toBe(true);
    } finally {
      await rt.close();
    }
  });

  it('copies a consistent snapshot with the rows still in the WAL, and keeps only the newest backups', async () => {
    const dbPath = join(userData, DATABASE_FILE);
    await seedRuns(dbPath, [['r-1', 'running']]);
    // Leave committed rows in the WAL, as a crash would: a second connection writes and is never checkpointed.
    const writer = new Database(dbPath);
    writer.pragma('wal_autocheckpoint = 0');
    writer.prepare("UPDATE runs SET status = 'cancelled' WHERE id = 'r-1'").run();
    expect(statSync(`${dbPath}-wal`).size).toBeGreaterThan(0);
    const backupDir = join(userData, 'backups');
    const made: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await backupBeforeMigration(dbPath, { backupDir, latestVersion: LATEST_SCHEMA_VERSION + 1, keep: 3, now: () => new Date(Date.UTC(2025, 0, 1, 0, 0, i)) });
      made.push(r.backupPath as string);
    }
    writer.close();
    expect(listBackups(dbPath, backupDir)).toEqual(made.slice(1));
    const copy = new Database(made[3] as string, { readonly: true });
    expect(copy.prepare("SELECT status FROM runs WHERE id = 'r-1'").pluck().get()).toBe('cancelled');
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
  });

  it('leaves the database untouched and says why when the backup cannot be made', async () => {
    const dbPath = join(userData, DATABASE_FILE);
    const old = new Database(dbPath);
    migrate(old, 0);
    old.close();
    writeFileSync(join(userData, 'backups'), 'a file where the backup folder should be');
    await expect(openDesktopRuntime({ userDataDir: userData, logger: recordingLogger() })).rejects.toThrow(/Could not back up .* left as it was/);
    const db = new Database(dbPath, { readonly: true });
    expect(readSchemaVersion(db)).toBe(0);
    db.close();
    expect(readdirSync(userData).filter((f) => f.endsWith('.bak'))).toEqual([]);
  });

  it('refuses a database from a newer build without backing it up or touching it', async () => {
    const dbPath = join(userData, DATABASE_FILE);
    await seedRuns(dbPath, []);
    const db = new Database(dbPath);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(LATEST_SCHEMA_VERSION + 1, 'future', new Date().toISOString());
    db.close();
    await expect(openDesktopRuntime({ userDataDir: userData, logger: recordingLogger() })).rejects.toThrow(/newer than this build/);
    expect(existsSync(join(userData, 'backups'))).toBe(false);
  });
});
