import type { NewRequest, NewResult } from '@scrapifie/engine';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from './schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** Rows per INSERT: well under Postgres's 65,535 bind parameters. */
const CHUNK = 1000;

/** The first occurrence of each key, in order (a key seen again would be a no-op anyway). */
function firstOfEachKey<T extends { key: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((x) => !seen.has(x.key) && (seen.add(x.key), true));
}

/**
 * Inserts items whose key is new to the run, in order, at most `budget` of them. Returns the keys
 * inserted. With a budget, keys already stored are looked up first so they do not use it up; a key
 * another worker adds meanwhile is skipped by ON CONFLICT and the next candidates take its place.
 */
async function insertNew<T extends { key: string }>(
  db: Db,
  table: 'requests' | 'results',
  runId: string,
  items: T[],
  budget: number,
  insertChunk: (chunk: T[]) => Promise<string[]>,
): Promise<Set<string>> {
  let candidates = firstOfEachKey(items);
  const inserted = new Set<string>();
  if (candidates.length === 0 || budget <= 0) return inserted;
  if (Number.isFinite(budget) && budget < candidates.length) {
    const known = new Set<string>();
    const keyColumn = table === 'requests' ? 'request_key' : 'result_key';
    for (let i = 0; i < candidates.length; i += CHUNK) {
      const keys = candidates.slice(i, i + CHUNK).map((c) => c.key);
      const rows = await db.selectFrom(table).select(`${keyColumn} as key`).where('run_id', '=', runId).where(keyColumn, 'in', keys).execute();
      for (const r of rows) known.add(r.key);
    }
    candidates = candidates.filter((c) => !known.has(c.key));
  }
  let i = 0;
  while (i < candidates.length && inserted.size < budget) {
    const take = Math.min(CHUNK, budget - inserted.size);
    const chunk = candidates.slice(i, i + take);
    i += take;
    for (const key of await insertChunk(chunk)) inserted.add(key);
  }
  return inserted;
}

function requestValues(runId: string, chunk: NewRequest[]) {
  return chunk.map((r) => ({
    run_id: runId,
    request_key: r.key,
    url: r.url,
    spec_path: r.specPath,
    depth: r.depth,
    parent_row: r.parentRow === undefined ? null : JSON.stringify(r.parentRow),
    page_number: r.pageNumber ?? null,
    priority: r.priority,
    error_code: null,
    error_message: null,
  }));
}

function resultValues(runId: string, chunk: NewResult[]) {
  return chunk.map((r) => ({
    run_id: runId,
    result_key: r.key,
    url: r.url,
    data: JSON.stringify(r.data),
    tier: r.tier,
    proxy_tier: r.proxyTier ?? 'none',
    attempts: r.attempts,
  }));
}

const insertRequestChunk = (db: Db, runId: string, chunk: NewRequest[]) =>
  db.insertInto('requests').values(requestValues(runId, chunk)).onConflict((oc) => oc.constraint('requests_run_key').doNothing()).returning('request_key');

const insertResultChunk = (db: Db, runId: string, chunk: NewResult[]) =>
  db.insertInto('results').values(resultValues(runId, chunk)).onConflict((oc) => oc.constraint('results_run_key').doNothing()).returning('result_key');

export function insertRequests(db: Db, runId: string, reqs: NewRequest[], budget: number): Promise<Set<string>> {
  return insertNew(db, 'requests', runId, reqs, budget, async (chunk) => (await insertRequestChunk(db, runId, chunk).execute()).map((r) => r.request_key));
}

export function insertResults(db: Db, runId: string, rows: NewResult[], budget: number): Promise<Set<string>> {
  return insertNew(db, 'results', runId, rows, budget, async (chunk) => (await insertResultChunk(db, runId, chunk).execute()).map((r) => r.result_key));
}

/**
 * A page group's whole completion as ONE statement (data-modifying CTEs: the rows, the new requests, the successes),
 * atomic as a statement is, in one round trip instead of a transaction's five. Only for groups within one chunk and
 * without a budget that could cut them (the caller checks with `fitsOneStatement`); returns the keys inserted.
 */
export async function completeInOneStatement(
  db: Kysely<DB>,
  runId: string,
  rows: NewResult[],
  reqs: NewRequest[],
  requestIds: number[],
): Promise<{ rows: Set<string>; requests: Set<string> }> {
  const r = firstOfEachKey(rows);
  const q = firstOfEachKey(reqs);
  const done = db
    .updateTable('requests')
    .set({ status: 'succeeded', error_code: null, error_message: null, updated_at: sql<Date>`now()` })
    .where('run_id', '=', runId)
    .where('id', 'in', requestIds.map(String));
  const parts = [sql`WITH done AS (${done})`];
  if (r.length > 0) parts.push(sql`, r AS (${insertResultChunk(db, runId, r)})`);
  if (q.length > 0) parts.push(sql`, q AS (${insertRequestChunk(db, runId, q)})`);
  const selects = [...(r.length > 0 ? [sql`SELECT 'r' AS t, result_key AS k FROM r`] : []), ...(q.length > 0 ? [sql`SELECT 'q' AS t, request_key AS k FROM q`] : [])];
  if (selects.length === 0) selects.push(sql`SELECT 'r' AS t, NULL AS k WHERE false`);
  const out = await sql<{ t: 'r' | 'q'; k: string }>`${sql.join(parts, sql``)} ${sql.join(selects, sql` UNION ALL `)}`.execute(db);
  const inserted = { rows: new Set<string>(), requests: new Set<string>() };
  for (const x of out.rows) (x.t === 'r' ? inserted.rows : inserted.requests).add(x.k);
  return inserted;
}

/** Whether a group can be completed by `completeInOneStatement`: each insert fits one chunk and no budget can cut it. */
export function fitsOneStatement(rows: number, reqs: number, budget: { maxNewRows?: number | undefined; maxNewRequests?: number | undefined }): boolean {
  return rows <= CHUNK && reqs <= CHUNK && (budget.maxNewRows ?? Infinity) >= rows && (budget.maxNewRequests ?? Infinity) >= reqs;
}

/** How many of `items`' keys (first occurrences across all earlier items too) are in `inserted`, per group. */
export function countPerGroup<T extends { key: string }>(groups: T[][], inserted: Set<string>): number[] {
  const claimed = new Set<string>();
  return groups.map((items) => {
    let n = 0;
    for (const x of items) {
      if (claimed.has(x.key)) continue;
      claimed.add(x.key);
      if (inserted.has(x.key)) n++;
    }
    return n;
  });
}
