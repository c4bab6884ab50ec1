import type {
  CompleteRequestInput,
  Completion,
  CrawlStore,
  FailRequestInput,
  Inserted,
  InsertBudget,
  NewRequest,
  NewRun,
  RequestCounts,
  RunSummary,
  StoredRequest,
  StoredResult,
  StoredRun,
  TierMemoryEntry,
} from '@scrapifie/engine';
import type { ErrorCode, FetchTier, ProxyTierName, Recipe, RunStatus } from '@scrapifie/recipe';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB, RunsTable } from './schema.ts';
import { loadTierMemory, saveTierMemory } from './tier-memory.ts';
import { completeInOneStatement, countPerGroup, fitsOneStatement, insertRequests, insertResults } from './writes.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toRun(r: Selectable<RunsTable>): StoredRun {
  return {
    id: r.id,
    recipe: r.recipe as Recipe,
    recipeHash: r.recipe_hash,
    status: r.status as RunStatus,
    summary: (r.summary ?? null) as RunSummary | null,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

const REQUEST_COLUMNS = ['id', 'request_key', 'url', 'spec_path', 'depth', 'parent_row', 'page_number', 'priority', 'attempts'] as const;

/**
 * The CrawlStore on Postgres (the team server's record of what was done). Every worker process may
 * open one on the same database: claims use FOR UPDATE SKIP LOCKED, writes are idempotent through
 * the unique (run, key) constraints, and a completion is one transaction.
 */
export class PgCrawlStore implements CrawlStore {
  readonly db: Kysely<DB>;
  private closed = false;

  /** Takes a Kysely instance over a migrated database; openPgStore() is the usual way in. */
  constructor(db: Kysely<DB>) {
    this.db = db;
  }

  async createRun(run: NewRun): Promise<void> {
    if (!UUID.test(run.id)) throw new Error(`Postgres store: run id must be a UUID, got "${run.id}"`);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('runs')
        .values({ id: run.id, recipe: JSON.stringify(run.recipe), recipe_hash: run.recipeHash, status: run.status, summary: null as unknown as string })
        .execute();
      if (run.requests?.length) await insertRequests(trx, run.id, run.requests, Infinity);
    });
  }

  async getRun(id: string): Promise<StoredRun | null> {
    if (!UUID.test(id)) return null;
    const r = await this.db.selectFrom('runs').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toRun(r) : null;
  }

  async listRuns(limit: number): Promise<StoredRun[]> {
    const rows = await this.db.selectFrom('runs').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map(toRun);
  }

  async setRunStatus(id: string, status: RunStatus, summary?: RunSummary): Promise<void> {
    await this.db
      .updateTable('runs')
      .set({ status, updated_at: sql<Date>`clock_timestamp()`, ...(summary === undefined ? {} : { summary: JSON.stringify(summary) }) })
      .where('id', '=', id)
      .execute();
  }

  async addRequests(runId: string, reqs: NewRequest[], opts: { maxNew?: number | undefined } = {}): Promise<number> {
    if (reqs.length === 0) return 0;
    return this.db.transaction().execute(async (trx) => (await insertRequests(trx, runId, reqs, opts.maxNew ?? Infinity)).size);
  }

  async claimRequests(runId: string, limit: number, now: number): Promise<StoredRequest[]> {
    if (limit <= 0) return [];
    // SKIP LOCKED: concurrent claimers (other workers) pass over each other's rows instead of waiting or double-claiming.
    const rows = await this.db
      .with('picked', (db) =>
        db
          .selectFrom('requests')
          .select('id')
          .where('run_id', '=', runId)
          .where('status', '=', 'pending')
          .where('not_before', '<=', String(Math.floor(now)))
          .orderBy('priority')
          .orderBy('id')
          .limit(limit)
          .forUpdate()
          .skipLocked(),
      )
      .updateTable('requests')
      .from('picked')
      .set({ status: 'in_flight', updated_at: sql<Date>`now()` })
      .whereRef('requests.id', '=', 'picked.id')
      .returning(REQUEST_COLUMNS.map((c) => `requests.${c}` as const))
      .execute();
    return rows
      .map(
        (r): StoredRequest => ({
          id: Number(r.id),
          runId,
          key: r.request_key,
          url: r.url,
          specPath: r.spec_path,
          depth: r.depth,
          parentRow: r.parent_row ?? undefined,
          pageNumber: r.page_number ?? undefined,
          priority: r.priority,
          attempts: r.attempts,
        }),
      )
      .sort((a, b) => a.priority - b.priority || a.id - b.id);
  }

  async completeRequest(runId: string, requestId: number, input: CompleteRequestInput): Promise<Inserted> {
    const [one] = await this.completeRequests(runId, [{ requestId, rows: input.rows, newRequests: input.newRequests }], input);
    return one as Inserted;
  }

  async completeRequests(runId: string, completions: Completion[], budget: InsertBudget = {}): Promise<Inserted[]> {
    if (completions.length === 0) return [];
    const rowGroups = completions.map((c) => c.rows);
    const reqGroups = completions.map((c) => c.newRequests);
    const perGroup = (rowsIn: Set<string>, reqsIn: Set<string>): Inserted[] => {
      const rowCounts = countPerGroup(rowGroups, rowsIn);
      const reqCounts = countPerGroup(reqGroups, reqsIn);
      return completions.map((_, i) => ({ rowsInserted: rowCounts[i] ?? 0, requestsInserted: reqCounts[i] ?? 0 }));
    };
    const allRows = rowGroups.flat();
    const allReqs = reqGroups.flat();
    const ids = completions.map((c) => c.requestId);
    // The usual group (a few pages, no budget near its end): one statement, one round trip.
    if (fitsOneStatement(allRows.length, allReqs.length, budget)) {
      const inserted = await completeInOneStatement(this.db, runId, allRows, allReqs, ids);
      return perGroup(inserted.rows, inserted.requests);
    }
    // Large groups, or budgets that may cut them: a few statements in a transaction, whatever the size.
    return this.db.transaction().execute(async (trx) => {
      const rowsIn = await insertResults(trx, runId, allRows, budget.maxNewRows ?? Infinity);
      const reqsIn = await insertRequests(trx, runId, allReqs, budget.maxNewRequests ?? Infinity);
      await trx
        .updateTable('requests')
        .set({ status: 'succeeded', error_code: null, error_message: null, updated_at: sql<Date>`now()` })
        .where('run_id', '=', runId)
        .where('id', 'in', ids.map(String))
        .execute();
      return perGroup(rowsIn, reqsIn);
    });
  }

  async failRequest(runId: string, requestId: number, input: FailRequestInput): Promise<void> {
    const retry = input.retryAt !== undefined;
    await this.db
      .updateTable('requests')
      .set({
        status: retry ? 'pending' : 'failed',
        attempts: sql<number>`attempts + 1`,
        error_code: input.code,
        error_message: input.message,
        updated_at: sql<Date>`now()`,
        ...(retry ? { not_before: Math.round(input.retryAt as number) } : {}),
      })
      .where('run_id', '=', runId)
      .where('id', '=', String(requestId))
      .execute();
  }

  async releaseRequests(runId: string, requestIds: number[], notBefore = 0): Promise<void> {
    if (requestIds.length === 0) return;
    await this.db
      .updateTable('requests')
      .set({ status: 'pending', not_before: sql<number>`GREATEST(not_before, ${Math.round(notBefore)})`, updated_at: sql<Date>`now()` })
      .where('run_id', '=', runId)
      .where('id', 'in', requestIds.map(String))
      .where('status', '=', 'in_flight')
      .execute();
  }

  async requeueInFlight(runId: string): Promise<number> {
    const r = await this.db
      .updateTable('requests')
      .set({ status: 'pending', updated_at: sql<Date>`now()` })
      .where('run_id', '=', runId)
      .where('status', '=', 'in_flight')
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  async counts(runId: string): Promise<RequestCounts> {
    const c: RequestCounts = { pending: 0, inFlight: 0, succeeded: 0, failed: 0, results: 0 };
    const [byStatus, results] = await Promise.all([
      this.db.selectFrom('requests').select(['status', sql<string>`count(*)`.as('n')]).where('run_id', '=', runId).groupBy('status').execute(),
      this.db.selectFrom('results').select(sql<string>`count(*)`.as('n')).where('run_id', '=', runId).executeTakeFirstOrThrow(),
    ]);
    for (const r of byStatus) {
      const n = Number(r.n);
      if (r.status === 'pending') c.pending = n;
      else if (r.status === 'in_flight') c.inFlight = n;
      else if (r.status === 'succeeded') c.succeeded = n;
      else if (r.status === 'failed') c.failed = n;
    }
    c.results = Number(results.n);
    return c;
  }

  async failureCounts(runId: string): Promise<Partial<Record<ErrorCode, number>>> {
    const rows = await this.db
      .selectFrom('requests')
      .select(['error_code', sql<string>`count(*)`.as('n')])
      .where('run_id', '=', runId)
      .where('status', '=', 'failed')
      .groupBy('error_code')
      .execute();
    const out: Partial<Record<ErrorCode, number>> = {};
    for (const r of rows) {
      const code = (r.error_code ?? 'INTERNAL') as ErrorCode;
      out[code] = (out[code] ?? 0) + Number(r.n);
    }
    return out;
  }

  async nextDueAt(runId: string): Promise<number | null> {
    const r = await this.db
      .selectFrom('requests')
      .select(sql<string | null>`min(not_before)`.as('t'))
      .where('run_id', '=', runId)
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    return r.t === null ? null : Number(r.t);
  }

  async results(runId: string, page: { afterSeq?: number | undefined; limit: number }): Promise<StoredResult[]> {
    const rows = await this.db
      .selectFrom('results')
      .select(['seq', 'result_key', 'url', 'data', 'tier', 'proxy_tier', 'attempts', 'fetched_at'])
      .where('run_id', '=', runId)
      .where('seq', '>', String(page.afterSeq ?? 0))
      .orderBy('seq')
      .limit(page.limit)
      .execute();
    return rows.map((r) => ({
      seq: Number(r.seq),
      runId,
      key: r.result_key,
      url: r.url,
      data: r.data,
      tier: r.tier as FetchTier,
      proxyTier: r.proxy_tier as ProxyTierName,
      attempts: r.attempts,
      fetchedAt: r.fetched_at.toISOString(),
    }));
  }

  async loadTierMemory(): Promise<TierMemoryEntry[]> {
    return loadTierMemory(this.db);
  }

  async saveTierMemory(entries: TierMemoryEntry[]): Promise<void> {
    if (entries.length > 0) await saveTierMemory(this.db, entries);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.db.destroy();
  }
}
