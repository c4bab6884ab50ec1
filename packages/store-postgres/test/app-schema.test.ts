import { pgQuery } from '@scrapifie/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgAppStore } from '../src/index.ts';
import { freshSchema } from './helpers.ts';

// The schema after every migration: each foreign key is the leading column(s) of some index, so joins, cascades and
// "everything of this workspace" queries never scan a table.
describe('Postgres schema (all migrations)', () => {
  const fresh = freshSchema();
  beforeAll(async () => {
    const store = await openPgAppStore({ connectionString: fresh.url, schema: fresh.schema, max: 1 });
    await store.close();
  });
  afterAll(() => fresh.drop());

  it('indexes every foreign key', async () => {
    const fks = await pgQuery<{ tbl: string; conname: string; indexed: boolean }>(
      fresh.url,
      `SELECT c.conrelid::regclass::text AS tbl, c.conname,
              EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid
                      AND (i.indkey::int2[])[0:cardinality(c.conkey) - 1] = c.conkey) AS indexed
         FROM pg_constraint c
        WHERE c.contype = 'f' AND c.connamespace = '${fresh.schema}'::regnamespace`,
    );
    expect(fks.length).toBeGreaterThanOrEqual(20);
    expect(fks.filter((f) => !f.indexed).map((f) => `${f.tbl}.${f.conname}`)).toEqual([]);
  });

  it('keys the app tables by UUID', async () => {
    const cols = await pgQuery<{ table_name: string; data_type: string }>(
      fresh.url,
      `SELECT table_name, data_type FROM information_schema.columns
        WHERE table_schema = '${fresh.schema}' AND column_name = 'id'
          AND table_name IN ('users', 'workspaces', 'api_keys', 'recipes', 'schedules', 'webhooks', 'webhook_secrets',
                             'webhook_deliveries', 'credentials', 'proxies', 'refresh_families', 'refresh_tokens')`,
    );
    expect(cols).toHaveLength(12);
    expect(new Set(cols.map((c) => c.data_type))).toEqual(new Set(['uuid']));
  });
});
