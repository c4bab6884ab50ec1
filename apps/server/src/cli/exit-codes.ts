import type { ErrorCode, RunStatus } from '@scrapifie/recipe';

/** Documented exit codes of the `scrapifie` binary (see README). */
export const EXIT = {
  OK: 0,
  /** The run finished but some requests failed (partially_completed). */
  PARTIAL: 1,
  /** Bad usage or invalid input: an unknown flag, an invalid recipe, a bad URL. */
  USAGE: 2,
  /** The run failed: no request succeeded. */
  RUN_FAILED: 3,
  /** Something unexpected (a bug, an I/O error). */
  INTERNAL: 4,
  /** The run was cancelled (Ctrl-C / SIGTERM); resume it with --resume. */
  CANCELLED: 130,
} as const;

export function exitCodeForStatus(status: RunStatus): number {
  switch (status) {
    case 'completed':
      return EXIT.OK;
    case 'partially_completed':
      return EXIT.PARTIAL;
    case 'cancelled':
      return EXIT.CANCELLED;
    default:
      return EXIT.RUN_FAILED;
  }
}

export function exitCodeForError(code: ErrorCode): number {
  return code === 'INVALID_RECIPE' || code === 'INVALID_INPUT' || code === 'INVALID_URL' || code === 'TIER_UNAVAILABLE' || code === 'NOT_FOUND'
    ? EXIT.USAGE
    : EXIT.INTERNAL;
}
