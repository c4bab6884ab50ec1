import { CronExpressionParser } from 'cron-parser';
import { ApiError } from '../errors.ts';

function bad(path: string, message: string): never {
  throw new ApiError('INVALID_INPUT', `${path}: ${message}`, { issues: [{ path, message }] });
}

/** Throws INVALID_INPUT naming `path` unless `timezone` is an IANA zone this runtime knows (e.g. "Europe/Paris", "UTC"). */
export function checkTimezone(timezone: string, path = 'timezone'): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
  } catch {
    bad(path, `unknown time zone "${timezone}" (use an IANA name such as "UTC" or "Europe/Paris")`);
  }
}

/**
 * The first time strictly after `afterMs` that `cron` (read in `timezone`) fires, as an ISO string; null when it never
 * fires again. Throws INVALID_INPUT naming the field for a bad expression or zone.
 */
export function nextCronRun(cron: string, timezone: string, afterMs: number, paths: { cron: string; timezone: string } = { cron: 'cron', timezone: 'timezone' }): string | null {
  checkTimezone(timezone, paths.timezone);
  let expr;
  try {
    expr = CronExpressionParser.parse(cron, { currentDate: new Date(afterMs), tz: timezone, strict: false });
  } catch (e) {
    return bad(paths.cron, `bad cron expression "${cron}": ${(e as Error).message}`);
  }
  if (!expr.hasNext()) return null;
  return expr.next().toDate().toISOString();
}
