import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { startThrowawayPostgres, testPostgres, type ThrowawayPostgres } from '@scrapifie/testkit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkPostgresSafety, openPgStore, UnsafeSettingError } from '../src/index.ts';
import { freshSchema } from './helpers.ts';

function kyselyWith(url: string, options: string): Kysely<unknown> {
  return new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1, options }) }) });
}

describe('Postgres start-up safety checks', () => {
  it('accepts the test server (fsync and synchronous_commit on)', async () => {
    const db = kyselyWith(testPostgres().url, '');
    try {
      expect(await checkPostgresSafety(db)).toEqual([]);
    } finally {
      await db.destroy();
    }
  });

  it('refuses synchronous_commit=off, or warns loudly when unsafe settings are allowed', async () => {
    const db = kyselyWith(testPostgres().url, '-c synchronous_commit=off');
    const warn = vi.fn();
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await expect(checkPostgresSafety(db)).rejects.toThrow(UnsafeSettingError);
      await expect(checkPostgresSafety(db)).rejects.toThrow(/synchronous_commit is "off"/);
      const logger = { debug: vi.fn(), info: vi.fn(), warn, error: vi.fn(), child: () => logger };
      expect(await checkPostgresSafety(db, { allowUnsafe: true, logger })).toEqual([expect.stringMatching(/synchronous_commit/)]);
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/Unsafe Postgres settings.*never do this in production/));
      expect(stderr).toHaveBeenCalledWith(expect.stringMatching(/^WARNING: Unsafe Postgres settings/));
    } finally {
      stderr.mockRestore();
      await db.destroy();
    }
  });

  describe('on a server started with fsync=off and synchronous_commit=off', () => {
    let server: ThrowawayPostgres;
    beforeAll(async () => {
      server = await startThrowawayPostgres({ settings: { fsync: 'off', synchronous_commit: 'off' } });
    }, 120_000);
    afterAll(async () => {
      await server?.stop();
    });

    it('openPgStore refuses to start, naming both settings', async () => {
      const { schema } = freshSchema();
      const err = await openPgStore({ connectionString: server.url, schema }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UnsafeSettingError);
      expect((err as Error).message).toMatch(/fsync is "off".*synchronous_commit is "off"/);
    });

    it('starts with allowUnsafe, for throwaway test databases', async () => {
      const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
      const { schema } = freshSchema();
      try {
        const store = await openPgStore({ connectionString: server.url, schema, allowUnsafe: true });
        expect(await store.listRuns(5)).toEqual([]);
        await store.close();
        expect(stderr).toHaveBeenCalledWith(expect.stringMatching(/fsync/));
      } finally {
        stderr.mockRestore();
      }
    });
  });
});
