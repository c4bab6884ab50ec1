import type { ColumnType, Generated } from 'kysely';

/** JSON columns: written as JSON text (so key order is kept), read back parsed by pg. */
type Json<T> = ColumnType<T, string, string>;
/** bigint columns: pg reads int8 as a string (exact); the store converts ids with Number (safe below 2^53). */
type Int8 = ColumnType<string, number | bigint, number | bigint>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface RunsTable {
  id: string;
  recipe: Json<unknown>;
  recipe_hash: string;
  status: string;
  summary: Json<unknown | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RequestsTable {
  id: Generated<string>;
  run_id: string;
  request_key: string;
  url: string;
  spec_path: string;
  depth: number;
  parent_row: Json<Record<string, unknown> | null> | null;
  page_number: number | null;
  priority: number;
  status: Generated<string>;
  attempts: Generated<number>;
  not_before: ColumnType<string, number | undefined, number>;
  error_code: string | null;
  error_message: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ResultsTable {
  seq: Generated<string>;
  run_id: string;
  result_key: string;
  url: string;
  data: Json<Record<string, unknown>>;
  tier: string;
  proxy_tier: string;
  attempts: number;
  fetched_at: Timestamp;
}

export interface TierMemoryTable {
  domain: string;
  dimension: string;
  tier: string;
  /** [[epochMs, 0|1], ...], oldest first. */
  samples: Json<Array<[number, number]>>;
  updated_at: Timestamp;
}

export interface DB {
  runs: RunsTable;
  requests: RequestsTable;
  results: ResultsTable;
  tier_memory: TierMemoryTable;
}

export type { Int8 };
