import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Runs, their frontier (requests) and their rows (results). Run ids are UUIDs; requests and results
 * have bigint identity keys (their insertion order is the claim and paging order). Every foreign key
 * is indexed (by the unique (run_id, key) indexes), and so is every hot query: the claim (pending
 * requests of a run in priority order), the next due time, counts by status, and paging rows by seq.
 */
export const init: Migration = {
  async up(db: Kysely<any>) {
    await sql`
      CREATE TABLE runs (
        id uuid PRIMARY KEY,
        recipe json NOT NULL,
        recipe_hash text NOT NULL,
        status text NOT NULL,
        summary json,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
      );
      CREATE INDEX runs_created ON runs (created_at);

      CREATE TABLE requests (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        run_id uuid NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        request_key text NOT NULL,
        url text NOT NULL,
        spec_path text NOT NULL,
        depth integer NOT NULL,
        parent_row json,
        page_number integer,
        priority integer NOT NULL DEFAULT 0,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'in_flight', 'succeeded', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        not_before bigint NOT NULL DEFAULT 0,
        error_code text,
        error_message text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT requests_run_key UNIQUE (run_id, request_key)
      );
      CREATE INDEX requests_claim ON requests (run_id, priority, id) WHERE status = 'pending';
      CREATE INDEX requests_due ON requests (run_id, not_before) WHERE status = 'pending';
      CREATE INDEX requests_status ON requests (run_id, status);

      CREATE TABLE results (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        run_id uuid NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        result_key text NOT NULL,
        url text NOT NULL,
        data json NOT NULL,
        tier text NOT NULL,
        proxy_tier text NOT NULL DEFAULT 'none',
        attempts integer NOT NULL,
        fetched_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT results_run_key UNIQUE (run_id, result_key)
      );
      CREATE INDEX results_by_run ON results (run_id, seq);
    `.execute(db);
  },
  async down(db: Kysely<any>) {
    await sql`
      DROP TABLE results;
      DROP TABLE requests;
      DROP TABLE runs;
    `.execute(db);
  },
};
