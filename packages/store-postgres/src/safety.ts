import { silentLogger, type Logger } from '@scrapifie/engine';
import { sql, type Kysely } from 'kysely';

/** A database setting that can lose committed work; thrown at start-up unless explicitly allowed. */
export class UnsafeSettingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeSettingError';
  }
}

export interface SafetyOptions {
  /** For throwaway test databases only: warn loudly instead of refusing. */
  allowUnsafe?: boolean | undefined;
  logger?: Logger | undefined;
}

/**
 * Refuses a Postgres that may lose committed transactions: fsync off (a crash can corrupt the
 * cluster) or synchronous_commit off (a crash loses the last commits, so a result the store reported
 * as written vanishes). Every other synchronous_commit value (on, local, remote_write, remote_apply)
 * flushes the commit locally. Returns the problems found (empty when safe).
 */
export async function checkPostgresSafety(db: Kysely<unknown>, opts: SafetyOptions = {}): Promise<string[]> {
  const { rows } = await sql<{ fsync: string; synchronous_commit: string }>`
    SELECT current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS synchronous_commit`.execute(db);
  const s = rows[0];
  if (!s) throw new Error('Postgres did not report its settings');
  const problems: string[] = [];
  if (s.fsync !== 'on') problems.push(`fsync is "${s.fsync}" (must be on: without it a crash can corrupt the database)`);
  if (s.synchronous_commit === 'off') {
    problems.push('synchronous_commit is "off" (must not be: a crash would lose transactions already reported as committed)');
  }
  if (problems.length === 0) return problems;
  const message = `Unsafe Postgres settings: ${problems.join('; ')}. Fix the server configuration (postgresql.conf, or ALTER SYSTEM / ALTER DATABASE / ALTER ROLE).`;
  if (!opts.allowUnsafe) throw new UnsafeSettingError(message);
  const logger = opts.logger ?? silentLogger;
  logger.warn(`!!! ${message} Continuing ONLY because unsafe settings were explicitly allowed (tests); never do this in production.`);
  process.stderr.write(`WARNING: ${message} Continuing because allowUnsafe is set: committed results may be lost on a crash.\n`);
  return problems;
}
