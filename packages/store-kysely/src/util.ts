import { randomUUID } from 'node:crypto';
import { AppStoreError, WORKSPACE_ROLES, type WorkspaceRole } from '@scrapifie/engine';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs; anything else names nothing (Postgres would reject it in a uuid column, SQLite would just miss). */
export function isUuid(id: unknown): id is string {
  return typeof id === 'string' && UUID.test(id);
}

export const newId = (): string => randomUUID();

/** An ISO 8601 time in its one canonical form, so text comparisons in SQLite order correctly. */
export function iso(value: string, what: string): string {
  const t = Date.parse(value);
  if (typeof value !== 'string' || Number.isNaN(t)) throw new AppStoreError('invalid', `${what} must be an ISO 8601 time, got ${JSON.stringify(value)}`);
  return new Date(t).toISOString();
}

/** A stored time back as ISO text: Postgres hands a Date, SQLite the text written. */
export function readTime(v: Date | string): string {
  return v instanceof Date ? v.toISOString() : new Date(v).toISOString();
}

export function readNullableTime(v: Date | string | null): string | null {
  return v === null ? null : readTime(v);
}

export const nowIso = (): string => new Date().toISOString();

/** Postgres reads bigint as a string. */
export const num = (v: string | number | bigint): number => Number(v);

export function role(value: string): WorkspaceRole {
  if (!(WORKSPACE_ROLES as readonly string[]).includes(value)) {
    throw new AppStoreError('invalid', `role must be one of ${WORKSPACE_ROLES.join(', ')}, got ${JSON.stringify(value)}`);
  }
  return value as WorkspaceRole;
}

export function nonEmpty(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new AppStoreError('invalid', `${what} must be a non-empty string`);
  return value;
}

export function nonNegativeInt(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new AppStoreError('invalid', `${what} must be a whole number >= 0, got ${String(value)}`);
  }
  return value;
}

type DbError = { code?: unknown; message?: unknown };

/** Unique violations of either database: Postgres 23505, SQLite SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY. */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as DbError | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export function isForeignKeyViolation(e: unknown): boolean {
  const code = (e as DbError | null)?.code;
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/** Runs `write`, turning a unique violation into a `conflict` error that says what was taken. */
export async function unique<T>(what: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppStoreError('conflict', `${what} is taken`, { cause: e });
    throw e;
  }
}

/** Number of rows an UPDATE or DELETE changed, from Kysely's result. */
export function changed(r: { numUpdatedRows?: bigint; numDeletedRows?: bigint } | undefined): number {
  return Number(r?.numUpdatedRows ?? r?.numDeletedRows ?? 0n);
}
