export { SqliteCrawlStore, openSqliteStore } from './sqlite-store.ts';
export { migrate, rollback, schemaVersion, MIGRATIONS, type Migration } from './migrations/index.ts';
export { SQL } from './queries.ts';
