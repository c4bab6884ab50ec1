export { createKyselyAppStore } from './app-store.ts';
export type { AppDB } from './schema.ts';
export { appSchemaUp, APP_SCHEMA_DOWN, runWorkspacesSchemaUp, RUN_WORKSPACES_SCHEMA_DOWN, type AppDialect } from './app-ddl.ts';
