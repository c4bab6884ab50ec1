import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/** The tier memory kept between runs: per domain, dimension and tier, its latest outcomes (shared by every worker). */
export const tierMemory: Migration = {
  async up(db: Kysely<any>) {
    await sql`
      CREATE TABLE tier_memory (
        domain text NOT NULL,
        dimension text NOT NULL,
        tier text NOT NULL,
        samples json NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (domain, dimension, tier)
      );
      CREATE INDEX tier_memory_updated ON tier_memory (updated_at);
    `.execute(db);
  },
  async down(db: Kysely<any>) {
    await sql`DROP TABLE tier_memory`.execute(db);
  },
};
