import { describeAppStore } from '@scrapifie/testkit';
import { openPgAppStore } from '../src/index.ts';
import { freshSchema } from './helpers.ts';

// Each test gets its own schema in this run's throwaway database; every handle is its own pool of 4 connections.
describeAppStore('Postgres AppStore (real Postgres)', async () => {
  const { url, schema, drop } = freshSchema();
  const open = () => openPgAppStore({ connectionString: url, schema, max: 4 });
  return { store: await open(), connect: open, cleanup: drop };
});
