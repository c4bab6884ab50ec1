import type { AppStore } from '@scrapifie/engine';
import type { Kysely } from 'kysely';
import { configQueries } from './config.ts';
import { recipeQueries } from './recipes.ts';
import { runWorkspaceQueries } from './run-workspaces.ts';
import { scheduleQueries } from './schedules.ts';
import type { AppDB } from './schema.ts';
import { keyQueries, tokenQueries } from './tokens.ts';
import { usageQueries } from './usage.ts';
import { userQueries, workspaceQueries } from './users.ts';
import { webhookQueries } from './webhooks.ts';

/**
 * The AppStore over a Kysely instance of either dialect (PostgresDialect over pg, SqliteDialect over better-sqlite3):
 * one set of queries. The adapter creates the tables (its own migrations) and says how to close.
 */
export function createKyselyAppStore(db: Kysely<AppDB>, close: () => Promise<void>): AppStore {
  let closed = false;
  return {
    ...userQueries(db),
    ...workspaceQueries(db),
    ...tokenQueries(db),
    ...keyQueries(db),
    ...recipeQueries(db),
    ...scheduleQueries(db),
    ...webhookQueries(db),
    ...configQueries(db),
    ...usageQueries(db),
    ...runWorkspaceQueries(db),
    async close() {
      if (closed) return;
      closed = true;
      await close();
    },
  };
}
