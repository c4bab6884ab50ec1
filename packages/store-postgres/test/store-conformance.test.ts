import { describeStore } from '@scrapifie/testkit';
import { openPgStore } from '../src/index.ts';
import { freshSchema } from './helpers.ts';

// Each test gets its own schema in this run's throwaway database, so test files can run in parallel.
describeStore('PgCrawlStore (real Postgres)', async () => {
  const { url, schema, drop } = freshSchema();
  const open = () => openPgStore({ connectionString: url, schema, max: 4 });
  return { store: await open(), connect: open, cleanup: drop };
});
