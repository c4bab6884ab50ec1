import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/** The cluster's hot queries: expired leases (in-flight requests by their last renewal) and open runs by status. */
export const cluster: Migration = {
  async up(db: Kysely<any>) {
    await sql`
      CREATE INDEX requests_leases ON requests (updated_at) WHERE status = 'in_flight';
      CREATE INDEX runs_open ON runs (status, updated_at) WHERE status IN ('queued', 'running');
    `.execute(db);
  },
  async down(db: Kysely<any>) {
    await sql`
      DROP INDEX runs_open;
      DROP INDEX requests_leases;
    `.execute(db);
  },
};
