import type { ClusterStore, Frontier } from '@scrapifie/engine';
import type { RunStatus } from '@scrapifie/recipe';
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.ts';

/**
 * The cluster's queries on Postgres: a request's lease is its updated_at (set by the claim, renewed by the worker's
 * heartbeat); a run's sign of life is its updated_at (renewed by every batch working on it).
 */
export class PgClusterStore implements ClusterStore {
  private readonly db: Kysely<DB>;

  constructor(db: Kysely<DB>) {
    this.db = db;
  }

  async heartbeat(runId: string, requestIds: number[]): Promise<RunStatus | null> {
    if (requestIds.length > 0) {
      await this.db
        .updateTable('requests')
        .set({ updated_at: sql<Date>`now()` })
        .where('run_id', '=', runId)
        .where('id', 'in', requestIds.map(String))
        .where('status', '=', 'in_flight')
        .execute();
    }
    const r = await this.db.updateTable('runs').set({ updated_at: sql<Date>`clock_timestamp()` }).where('id', '=', runId).returning('status').executeTakeFirst();
    return (r?.status as RunStatus | undefined) ?? null;
  }

  async frontier(runId: string): Promise<Frontier> {
    // Only the run's pending and in-flight rows (the requests_status index), never the finished ones or the results.
    const r = await this.db
      .selectFrom('requests')
      .select([sql<string | null>`min(not_before) FILTER (WHERE status = 'pending')`.as('due'), sql<string>`count(*) FILTER (WHERE status = 'in_flight')`.as('in_flight')])
      .where('run_id', '=', runId)
      .where('status', 'in', ['pending', 'in_flight'])
      .executeTakeFirstOrThrow();
    return { nextDueAt: r.due === null ? null : Number(r.due), inFlight: Number(r.in_flight) };
  }

  async requeueExpired(leaseMs: number): Promise<number> {
    const r = await sql`
      UPDATE requests SET status = 'pending', updated_at = now()
      WHERE status = 'in_flight' AND updated_at < now() - make_interval(secs => ${leaseMs / 1000})`.execute(this.db);
    return Number(r.numAffectedRows ?? 0);
  }

  async claimStalledRuns(staleMs: number, limit: number): Promise<string[]> {
    const secs = staleMs / 1000;
    const nowMs = Date.now();
    const r = await sql<{ id: string }>`
      UPDATE runs SET updated_at = clock_timestamp()
      WHERE id IN (
        SELECT id FROM runs
        WHERE status IN ('queued', 'running') AND updated_at < clock_timestamp() - make_interval(secs => ${secs})
          AND (
            EXISTS (SELECT 1 FROM requests q WHERE q.run_id = runs.id AND q.status = 'in_flight')
            OR EXISTS (SELECT 1 FROM requests q WHERE q.run_id = runs.id AND q.status = 'pending' AND q.not_before < ${nowMs - staleMs})
            OR NOT EXISTS (SELECT 1 FROM requests q WHERE q.run_id = runs.id AND q.status IN ('pending', 'in_flight'))
          )
        ORDER BY updated_at LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      )
      AND updated_at < clock_timestamp() - make_interval(secs => ${secs})
      RETURNING id`.execute(this.db);
    return r.rows.map((x) => x.id);
  }

  async openRequests(): Promise<number> {
    const r = await sql<{ n: string }>`
      SELECT count(*) AS n FROM requests q JOIN runs r ON r.id = q.run_id
      WHERE r.status IN ('queued', 'running') AND q.status IN ('pending', 'in_flight')`.execute(this.db);
    return Number(r.rows[0]?.n ?? 0);
  }

  async deleteFinishedRuns(olderThanMs: number): Promise<number> {
    const r = await sql`
      DELETE FROM runs WHERE status IN ('completed', 'partially_completed', 'failed', 'cancelled')
        AND updated_at < clock_timestamp() - make_interval(secs => ${olderThanMs / 1000})`.execute(this.db);
    return Number(r.numAffectedRows ?? 0);
  }

  async markRunning(runId: string): Promise<void> {
    await this.db.updateTable('runs').set({ status: 'running', updated_at: sql<Date>`clock_timestamp()` }).where('id', '=', runId).where('status', '=', 'queued').execute();
  }

  async setFinalStatusIfActive(runId: string, status: RunStatus, summaryJson: string): Promise<boolean> {
    const r = await this.db
      .updateTable('runs')
      .set({ status, summary: summaryJson, updated_at: sql<Date>`clock_timestamp()` })
      .where('id', '=', runId)
      .where('status', 'in', ['queued', 'running'])
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }
}
