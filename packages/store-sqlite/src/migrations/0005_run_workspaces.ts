import { RUN_WORKSPACES_SCHEMA_DOWN, runWorkspacesSchemaUp } from '@scrapifie/store-kysely';
import type { Migration } from './migration.ts';

/** Which workspace started each run (defined once in @scrapifie/store-kysely for both databases). */
export const runWorkspaces: Migration = {
  version: 5,
  name: 'run_workspaces',
  up: runWorkspacesSchemaUp('sqlite'),
  down: RUN_WORKSPACES_SCHEMA_DOWN,
};
