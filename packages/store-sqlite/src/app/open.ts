import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { AppStore } from '@scrapifie/engine';
import { createKyselyAppStore, type AppDB } from '@scrapifie/store-kysely';
import { Kysely, SqliteDialect } from 'kysely';
import { migrate } from '../migrations/index.ts';

/**
 * The AppStore on a SQLite file (the same file as the crawl store may be used: the migrations are shared), through
 * Kysely's SqliteDialect. Pass a path to let the store own its handle (closed by close()), or an open handle that the
 * caller keeps and closes. Use one handle per process: a transaction held open across an await on one handle would
 * make a second handle in the same process wait on the lock without the first ever finishing.
 */
export function openSqliteAppStore(target: string | Database.Database): AppStore {
  const owned = typeof target === 'string';
  if (owned && target !== ':memory:' && !target.startsWith('file:')) mkdirSync(dirname(target), { recursive: true });
  const db = owned ? new Database(target) : target;
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    // Cascades (a deleted workspace takes its recipes, keys, webhooks ... along) need foreign keys on.
    db.pragma('foreign_keys = ON');
    migrate(db);
  } catch (e) {
    if (owned) db.close();
    throw e;
  }
  const kysely = new Kysely<AppDB>({ dialect: new SqliteDialect({ database: db }) });
  // Kysely's destroy() closes the database handle, so a borrowed handle is left alone.
  return createKyselyAppStore(kysely, async () => {
    if (owned) await kysely.destroy();
  });
}
