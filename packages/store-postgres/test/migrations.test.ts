import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { appliedMigrations, createPgDb, migratePg, openPgStore, PG_MIGRATIONS, rollbackPg, type DB } from '../src/index.ts';
import { freshSchema } from './helpers.ts';

interface SchemaObject {
  kind: string;
  name: string;
  definition: string;
}

/** Tables, columns, indexes and constraints of the schema, as text to compare. */
async function describeSchema(db: Kysely<DB>, schema: string): Promise<SchemaObject[]> {
  const { rows } = await sql<SchemaObject>`
    SELECT 'column' AS kind, table_name || '.' || column_name AS name, data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') AS definition
      FROM information_schema.columns WHERE table_schema = ${schema} AND table_name NOT LIKE 'scrapifie_migrations%'
    UNION ALL
    SELECT 'index', indexname, indexdef FROM pg_indexes WHERE schemaname = ${schema} AND tablename NOT LIKE 'scrapifie_migrations%'
    UNION ALL
    SELECT 'constraint', conname, pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE n.nspname = ${schema} AND conrelid::regclass::text NOT LIKE '%scrapifie_migrations%'
    ORDER BY 1, 2`.execute(db);
  return rows;
}

describe('Postgres migrations', () => {
  let fresh: ReturnType<typeof freshSchema>;
  let db: Kysely<DB>;
  beforeEach(async () => {
    fresh = freshSchema();
    db = createPgDb({ connectionString: fresh.url, schema: fresh.schema, max: 2 });
    await sql`CREATE SCHEMA ${sql.id(fresh.schema)}`.execute(db);
  });
  afterEach(async () => {
    await db.destroy();
    await fresh.drop();
  });

  it('up, down and up again leaves the same schema, with every foreign key indexed', async () => {
    const names = Object.keys(PG_MIGRATIONS);
    expect(await migratePg(db, fresh.schema)).toEqual(names);
    const first = await describeSchema(db, fresh.schema);
    expect(first.filter((o) => o.kind === 'index').map((o) => o.name)).toEqual(
      expect.arrayContaining(['requests_claim', 'requests_due', 'requests_status', 'results_by_run', 'requests_run_key', 'results_run_key', 'runs_created']),
    );
    expect(first.find((o) => o.name === 'runs.id')?.definition).toMatch(/^uuid NO/);
    // Every foreign key's columns lead some index of its table.
    const { rows: unindexed } = await sql<{ conname: string }>`
      SELECT c.conname FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE c.contype = 'f' AND n.nspname = ${fresh.schema}
        AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid AND (i.indkey::int2[])[0:array_length(c.conkey, 1) - 1] = c.conkey)`.execute(db);
    expect(unindexed).toEqual([]);

    expect(await rollbackPg(db, fresh.schema, 'all')).toEqual([...names].reverse());
    expect(await describeSchema(db, fresh.schema)).toEqual([]);
    expect(await appliedMigrations(db, fresh.schema)).toEqual([]);

    await migratePg(db, fresh.schema);
    expect(await describeSchema(db, fresh.schema)).toEqual(first);
    expect(await appliedMigrations(db, fresh.schema)).toEqual(names);
  });

  it('is idempotent, and many processes starting at once migrate once', async () => {
    const results = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const other = createPgDb({ connectionString: fresh.url, schema: fresh.schema, max: 1 });
        try {
          return await migratePg(other, fresh.schema);
        } finally {
          await other.destroy();
        }
      }),
    );
    expect(results.flat()).toEqual(Object.keys(PG_MIGRATIONS));
    expect(await migratePg(db, fresh.schema)).toEqual([]);
    await expect(migratePg(db, fresh.schema, '9999_future')).rejects.toThrow(/Unknown migration "9999_future"/);
  });

  it('rolls back step by step and reports nothing to undo at version 0', async () => {
    await migratePg(db, fresh.schema);
    expect(await rollbackPg(db, fresh.schema, 1)).toEqual([Object.keys(PG_MIGRATIONS).at(-1)]);
    expect(await rollbackPg(db, fresh.schema, 5)).toEqual(Object.keys(PG_MIGRATIONS).slice(0, -1).reverse());
    expect(await rollbackPg(db, fresh.schema, 1)).toEqual([]);
    await expect(rollbackPg(db, fresh.schema, -1)).rejects.toThrow(/whole number/);
  });

  it('openPgStore creates the schema, migrates, and refuses a bad schema name', async () => {
    const other = freshSchema();
    const store = await openPgStore({ connectionString: other.url, schema: other.schema, max: 1 });
    try {
      expect(await appliedMigrations(store.db as Kysely<unknown> as Kysely<DB>, other.schema)).toEqual(Object.keys(PG_MIGRATIONS));
    } finally {
      await store.close();
      await other.drop();
    }
    await expect(openPgStore({ connectionString: other.url, schema: 'Bad-Name; DROP' })).rejects.toThrow(/schema name "Bad-Name; DROP"/);
  });
});
