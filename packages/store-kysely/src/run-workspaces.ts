import { AppStoreError, type AppStore } from '@scrapifie/engine';
import type { Kysely } from 'kysely';
import type { AppDB } from './schema.ts';
import { isForeignKeyViolation, isUuid, iso, nonEmpty } from './util.ts';

type RunWorkspaceQueries = Pick<AppStore, 'recordRunWorkspace' | 'runWorkspace' | 'runIdsOf'>;

export function runWorkspaceQueries(db: Kysely<AppDB>): RunWorkspaceQueries {
  return {
    async recordRunWorkspace(runId, workspaceId, at) {
      const run = nonEmpty(runId, 'runId');
      if (!isUuid(workspaceId)) throw new AppStoreError('not_found', `No workspace ${JSON.stringify(workspaceId)}`);
      const createdAt = iso(at, 'at');
      try {
        await db
          .insertInto('run_workspaces')
          .values({ run_id: run, workspace_id: workspaceId, created_at: createdAt })
          .onConflict((oc) => oc.column('run_id').doNothing())
          .execute();
      } catch (e) {
        if (isForeignKeyViolation(e)) throw new AppStoreError('not_found', `No workspace ${JSON.stringify(workspaceId)}`, { cause: e });
        throw e;
      }
    },
    async runWorkspace(runId) {
      if (typeof runId !== 'string' || runId === '') return null;
      const r = await db.selectFrom('run_workspaces').select('workspace_id').where('run_id', '=', runId).executeTakeFirst();
      return r ? r.workspace_id : null;
    },
    async runIdsOf(workspaceId, limit) {
      if (!Number.isInteger(limit) || limit < 1) throw new AppStoreError('invalid', `limit must be a whole number >= 1, got ${limit}`);
      if (!isUuid(workspaceId)) return [];
      const rows = await db.selectFrom('run_workspaces').select('run_id').where('workspace_id', '=', workspaceId).orderBy('seq', 'desc').limit(limit).execute();
      return rows.map((r) => r.run_id);
    },
  };
}
