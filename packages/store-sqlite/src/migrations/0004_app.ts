import { APP_SCHEMA_DOWN, appSchemaUp } from '@scrapifie/store-kysely';
import type { Migration } from './migration.ts';

/** The AppStore's tables (defined once in @scrapifie/store-kysely for both databases). */
export const app: Migration = {
  version: 4,
  name: 'app',
  up: appSchemaUp('sqlite'),
  down: APP_SCHEMA_DOWN,
};
