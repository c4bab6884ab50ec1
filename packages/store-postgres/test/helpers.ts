import { randomBytes } from 'node:crypto';
import { pgQuery, testPostgres } from '@scrapifie/testkit';

/** A fresh schema name in this test run's database, and a function that drops it. */
export function freshSchema(): { url: string; schema: string; drop: () => Promise<void> } {
  const { url } = testPostgres();
  const schema = `t_${randomBytes(6).toString('hex')}`;
  return { url, schema, drop: async () => void (await pgQuery(url, `DROP SCHEMA IF EXISTS ${schema} CASCADE`)) };
}
