export { SqliteCrawlStore, openSqliteStore } from './sqlite-store.ts';
export { migrate, rollback, schemaVersion, MIGRATIONS, type Migration } from './migrations/index.ts';
export { SQL } from './queries.ts';
export { SqliteQueue, openSqliteQueue, type SqliteQueueOptions } from './queue/sqlite-queue.ts';
export { openSqliteAppStore } from './app/open.ts';
