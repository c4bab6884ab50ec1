import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { RUN_WORKSPACES_SCHEMA_DOWN, runWorkspacesSchemaUp } from '@scrapifie/store-kysely';

/** Which workspace started each run (defined once in @scrapifie/store-kysely for both databases). */
export const runWorkspaces: Migration = {
  async up(db: Kysely<any>) {
    await sql.raw(runWorkspacesSchemaUp('postgres')).execute(db);
  },
  async down(db: Kysely<any>) {
    await sql.raw(RUN_WORKSPACES_SCHEMA_DOWN).execute(db);
  },
};
