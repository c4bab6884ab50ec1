import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { APP_SCHEMA_DOWN, appSchemaUp } from '@scrapifie/store-kysely';

/** The AppStore's tables (defined once in @scrapifie/store-kysely for both databases). */
export const app: Migration = {
  async up(db: Kysely<any>) {
    await sql.raw(appSchemaUp('postgres')).execute(db);
  },
  async down(db: Kysely<any>) {
    await sql.raw(APP_SCHEMA_DOWN).execute(db);
  },
};
