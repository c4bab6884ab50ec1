export { PgCrawlStore } from './pg-store.ts';
export { openPgStore, createPgDb, type PgStoreOptions } from './open.ts';
export { migratePg, rollbackPg, appliedMigrations, PG_MIGRATIONS, MIGRATION_TABLE } from './migrations/index.ts';
export { checkPostgresSafety, UnsafeSettingError, type SafetyOptions } from './safety.ts';
export type { DB } from './schema.ts';
export { PgClusterStore } from './cluster-store.ts';
export { openPgAppStore } from './app-store.ts';
