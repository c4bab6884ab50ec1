import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type {
  CompleteRequestInput,
  Completion,
  CrawlStore,
  FailRequestInput,
  Inserted,
  InsertBudget,
  NewRequest,
  NewResult,
  NewRun,
  RequestCounts,
  RunSummary,
  StoredRequest,
  StoredResult,
  StoredRun,
  TierMemoryEntry,
} from '@scrapifie/engine';
import type { ErrorCode, FetchTier, ProxyTierName, Recipe, RunStatus } from '@scrapifie/recipe';
import { migrate } from './migrations/index.ts';
import { insertResultsSql, prepareQueries, type PreparedQueries, type RequestRecord, type ResultRecord, type RunRecord } from './queries.ts';
import { loadTierMemory, tierMemorySaver } from './tier-memory.ts';

function toRun(r: RunRecord): StoredRun {
  return {
    id: r.id,
    recipe: JSON.parse(r.recipe_json) as Recipe,
    recipeHash: r.recipe_hash,
    status: r.status as RunStatus,
    summary: r.summary_json === null ? null : (JSON.parse(r.summary_json) as RunSummary),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toRequest(runId: string, r: RequestRecord): StoredRequest {
  return {
    id: r.id,
    runId,
    key: r.request_key,
    url: r.url,
    specPath: r.spec_path,
    depth: r.depth,
    parentRow: r.parent_row_json === null ? undefined : (JSON.parse(r.parent_row_json) as Record<string, unknown>),
    pageNumber: r.page_number ?? undefined,
    priority: r.priority,
    attempts: r.attempts,
  };
}

/** Rows per multi-row insert statement (a listing page's rows usually go in one). */
const ROWS_PER_STATEMENT = 32;

function byPriorityThenId(a: StoredRequest, b: StoredRequest): number {
  return a.priority - b.priority || a.id - b.id;
}

/** The CrawlStore on one SQLite file (WAL): the desktop's and the CLI's durable frontier and results. */
export class SqliteCrawlStore implements CrawlStore {
  readonly db: Database.Database;
  private readonly q: PreparedQueries;
  private closed = false;
  private readonly insertRequests: (runId: string, reqs: NewRequest[], maxNew: number) => number;
  private readonly completeTx: (runId: string, completions: Completion[], budget: InsertBudget) => Inserted[];
  private readonly releaseTx: (runId: string, ids: number[], notBefore: number) => void;
  private readonly createRunTx: (run: NewRun) => void;
  private readonly saveTierTx: (entries: TierMemoryEntry[]) => void;
  /** insertResultsSql(n) prepared, by n. */
  private readonly insertResultsBy = new Map<number, Database.Statement>();

  /** Takes an open database handle; openSqliteStore(path) is the usual way in. */
  constructor(db: Database.Database) {
    this.db = db;
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: a committed transaction survives the process being killed (not a power cut).
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    // 16 MB of page cache: key indexes grow in random order, and big runs outgrow the 2 MB default.
    db.pragma('cache_size = -16384');
    migrate(db);
    this.q = prepareQueries(db);

    const insertOne = (runId: string, r: NewRequest, now: number): number =>
      this.q.insertRequest.run({
        runId,
        key: r.key,
        url: r.url,
        specPath: r.specPath,
        depth: r.depth,
        parentRowJson: r.parentRow === undefined ? null : JSON.stringify(r.parentRow),
        pageNumber: r.pageNumber ?? null,
        priority: r.priority,
        now,
      }).changes;
    const insertMany = (runId: string, reqs: NewRequest[], maxNew: number, now: number): number => {
      let n = 0;
      for (const r of reqs) {
        if (n >= maxNew) break;
        n += insertOne(runId, r, now);
      }
      return n;
    };
    this.insertRequests = db.transaction((runId: string, reqs: NewRequest[], maxNew: number) => insertMany(runId, reqs, maxNew, Date.now()));
    this.completeTx = db.transaction((runId: string, completions: Completion[], budget: InsertBudget) => {
      const now = Date.now();
      let rowsLeft = budget.maxNewRows ?? Infinity;
      let requestsLeft = budget.maxNewRequests ?? Infinity;
      const out: Inserted[] = [];
      for (const c of completions) {
        let rowsInserted = 0;
        if (c.rows.length <= rowsLeft) rowsInserted = this.insertRows(runId, c.rows, now);
        else {
          // The budget may run out within the page: row by row, duplicates not counting against it.
          for (const row of c.rows) {
            if (rowsInserted >= rowsLeft) break;
            rowsInserted += this.insertRows(runId, [row], now);
          }
        }
        const requestsInserted = insertMany(runId, c.newRequests, requestsLeft, now);
        this.q.succeedRequest.run({ id: c.requestId, runId, now });
        rowsLeft -= rowsInserted;
        requestsLeft -= requestsInserted;
        out.push({ rowsInserted, requestsInserted });
      }
      return out;
    });
    this.createRunTx = db.transaction((run: NewRun) => {
      this.q.insertRun.run({ id: run.id, recipeJson: JSON.stringify(run.recipe), recipeHash: run.recipeHash, status: run.status, now: new Date().toISOString() });
      if (run.requests?.length) insertMany(run.id, run.requests, Infinity, Date.now());
    });
    this.saveTierTx = tierMemorySaver(db, this.q);
    this.releaseTx = db.transaction((runId: string, ids: number[], notBefore: number) => {
      const now = Date.now();
      for (const id of ids) this.q.releaseRequest.run({ id, runId, notBefore, now });
    });
  }

  /** Inserts rows (known keys skipped) with as few statements as possible; returns how many were new. */
  private insertRows(runId: string, rows: NewResult[], now: number): number {
    let inserted = 0;
    for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
      const end = Math.min(rows.length, start + ROWS_PER_STATEMENT);
      const n = end - start;
      let stmt = this.insertResultsBy.get(n);
      if (!stmt) {
        stmt = this.db.prepare(insertResultsSql(n));
        this.insertResultsBy.set(n, stmt);
      }
      const params: unknown[] = new Array(n * 8);
      for (let i = 0; i < n; i++) {
        const row = rows[start + i] as NewResult;
        const o = i * 8;
        params[o] = runId;
        params[o + 1] = row.key;
        params[o + 2] = row.url;
        params[o + 3] = JSON.stringify(row.data);
        params[o + 4] = row.tier;
        params[o + 5] = row.proxyTier ?? 'none';
        params[o + 6] = row.attempts;
        params[o + 7] = now;
      }
      inserted += stmt.run(params).changes;
    }
    return inserted;
  }

  async createRun(run: NewRun): Promise<void> {
    this.createRunTx(run);
  }

  async getRun(id: string): Promise<StoredRun | null> {
    const r = this.q.getRun.get(id) as RunRecord | undefined;
    return r ? toRun(r) : null;
  }

  async listRuns(limit: number): Promise<StoredRun[]> {
    return (this.q.listRuns.all(limit) as RunRecord[]).map(toRun);
  }

  async setRunStatus(id: string, status: RunStatus, summary?: RunSummary): Promise<void> {
    this.q.setRunStatus.run({ id, status, summaryJson: summary === undefined ? null : JSON.stringify(summary), now: new Date().toISOString() });
  }

  async addRequests(runId: string, reqs: NewRequest[], opts: { maxNew?: number | undefined } = {}): Promise<number> {
    return this.insertRequests(runId, reqs, opts.maxNew ?? Infinity);
  }

  async claimRequests(runId: string, limit: number, now: number): Promise<StoredRequest[]> {
    if (limit <= 0) return [];
    const rows = this.q.claimRequests.all({ runId, now, limit }) as RequestRecord[];
    return rows.map((r) => toRequest(runId, r)).sort(byPriorityThenId);
  }

  async completeRequest(runId: string, requestId: number, input: CompleteRequestInput): Promise<Inserted> {
    const [one] = this.completeTx(runId, [{ requestId, rows: input.rows, newRequests: input.newRequests }], input);
    return one as Inserted;
  }

  async completeRequests(runId: string, completions: Completion[], budget: InsertBudget = {}): Promise<Inserted[]> {
    return completions.length ? this.completeTx(runId, completions, budget) : [];
  }

  async failRequest(runId: string, requestId: number, input: FailRequestInput): Promise<void> {
    const params = { id: requestId, runId, code: input.code, message: input.message, now: Date.now() };
    if (input.retryAt === undefined) this.q.failRequest.run(params);
    else this.q.retryRequest.run({ ...params, retryAt: Math.round(input.retryAt) });
  }

  async releaseRequests(runId: string, requestIds: number[], notBefore = 0): Promise<void> {
    if (requestIds.length > 0) this.releaseTx(runId, requestIds, Math.round(notBefore));
  }

  async requeueInFlight(runId: string): Promise<number> {
    return this.q.requeueInFlight.run({ runId, now: Date.now() }).changes;
  }

  async counts(runId: string): Promise<RequestCounts> {
    const c: RequestCounts = { pending: 0, inFlight: 0, succeeded: 0, failed: 0, results: 0 };
    for (const r of this.q.countRequests.all(runId) as Array<{ status: string; n: number }>) {
      if (r.status === 'pending') c.pending = r.n;
      else if (r.status === 'in_flight') c.inFlight = r.n;
      else if (r.status === 'succeeded') c.succeeded = r.n;
      else if (r.status === 'failed') c.failed = r.n;
    }
    c.results = (this.q.countResults.get(runId) as { n: number }).n;
    return c;
  }

  async failureCounts(runId: string): Promise<Partial<Record<ErrorCode, number>>> {
    const out: Partial<Record<ErrorCode, number>> = {};
    for (const r of this.q.failureCounts.all(runId) as Array<{ error_code: string | null; n: number }>) {
      const code = (r.error_code ?? 'INTERNAL') as ErrorCode;
      out[code] = (out[code] ?? 0) + r.n;
    }
    return out;
  }

  async nextDueAt(runId: string): Promise<number | null> {
    return (this.q.nextDueAt.get(runId) as { t: number | null }).t;
  }

  async results(runId: string, page: { afterSeq?: number | undefined; limit: number }): Promise<StoredResult[]> {
    const rows = this.q.results.all(runId, page.afterSeq ?? 0, page.limit) as ResultRecord[];
    return rows.map((r) => ({
      seq: r.seq,
      runId,
      key: r.result_key,
      url: r.url,
      data: JSON.parse(r.data_json) as Record<string, unknown>,
      tier: r.tier as FetchTier,
      proxyTier: r.proxy_tier as ProxyTierName,
      attempts: r.attempts,
      fetchedAt: new Date(r.fetched_at).toISOString(),
    }));
  }

  async loadTierMemory(): Promise<TierMemoryEntry[]> {
    return loadTierMemory(this.q);
  }

  async saveTierMemory(entries: TierMemoryEntry[]): Promise<void> {
    if (entries.length > 0) this.saveTierTx(entries);
  }

  /** SQLite's own consistency check: 'ok' when the file is sound. */
  integrityCheck(): string {
    const rows = this.db.pragma('integrity_check') as Array<{ integrity_check: string }>;
    return rows.map((r) => r.integrity_check).join('\n');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }
}

/** Opens (creating it and its folder when missing) and migrates the SQLite store at `path` (or ':memory:'). */
export function openSqliteStore(path: string): SqliteCrawlStore {
  if (path !== ':memory:' && !path.startsWith('file:')) mkdirSync(dirname(path), { recursive: true });
  return new SqliteCrawlStore(new Database(path));
}
