import type { AppStore } from '@scrapifie/engine';
import { createKyselyAppStore, type AppDB } from '@scrapifie/store-kysely';
import { sql, type Kysely } from 'kysely';
import { migratePg } from './migrations/index.ts';
import { createPgDb, type PgStoreOptions } from './open.ts';
import { checkPostgresSafety } from './safety.ts';

/**
 * The AppStore on Postgres (its own pg pool, `max` connections): refuses unsafe durability settings, creates the
 * schema when missing and migrates (the migrations are shared with the crawl store), like openPgStore.
 */
export async function openPgAppStore(opts: PgStoreOptions): Promise<AppStore> {
  const db = createPgDb(opts) as unknown as Kysely<AppDB>;
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
  return createKyselyAppStore(db, () => db.destroy());
}
