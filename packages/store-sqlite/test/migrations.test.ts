import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate, openSqliteStore, rollback, schemaVersion } from '../src/index.ts';

function schema(db: Database.Database): Array<{ type: string; name: string; sql: string | null }> {
  return db
    .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name != 'schema_migrations' ORDER BY type, name")
    .all() as Array<{ type: string; name: string; sql: string | null }>;
}

describe('migrations', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'scrapifie-mig-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('up, down and up again leaves the same schema', () => {
    const db = new Database(join(dir, 'm.db'));
    expect(migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
    const first = schema(db);
    expect(first.map((o) => o.name)).toEqual(expect.arrayContaining(['runs', 'requests', 'results', 'requests_due', 'requests_claim', 'results_by_run']));

    expect(rollback(db, MIGRATIONS.length)).toEqual(MIGRATIONS.map((m) => m.version).reverse());
    expect(schema(db)).toEqual([]);
    expect(schemaVersion(db)).toBe(0);

    migrate(db);
    expect(schema(db)).toEqual(first);
    expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)?.version);
    db.close();
  });

  it('is idempotent and honours a target version', () => {
    const db = new Database(':memory:');
    expect(migrate(db, 0)).toEqual([]);
    expect(schemaVersion(db)).toBe(0);
    expect(migrate(db, 1)).toEqual([1]);
    expect(migrate(db)).toEqual(MIGRATIONS.filter((m) => m.version > 1).map((m) => m.version));
    expect(migrate(db)).toEqual([]);
    expect(() => migrate(db, 999)).toThrow(/out of range/);
    db.close();
  });

  it('refuses a database written by a newer build', () => {
    const db = new Database(':memory:');
    migrate(db);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, ?, ?)').run('future', new Date().toISOString());
    expect(() => migrate(db)).toThrow(/newer than this build/);
    db.close();
  });

  it('openSqliteStore creates missing folders, migrates, and passes the integrity check', async () => {
    const store = openSqliteStore(join(dir, 'a', 'b', 'runs.db'));
    expect(schemaVersion(store.db)).toBe(MIGRATIONS.at(-1)?.version);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(store.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(store.integrityCheck()).toBe('ok');
    await store.close();
  });
});
