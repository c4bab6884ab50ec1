import pino from 'pino';
import type { Logger } from '../ports/logger.ts';

/**
 * Keys whose values never reach a log line, at any depth we know of: credentials, cookies, tokens, and `input`
 * (procedure inputs may carry API keys or passwords).
 */
export const REDACTED_KEYS = ['password', 'cookie', 'cookies', 'authorization', 'proxyUrl', 'secret', 'token', 'apiKey', 'set-cookie', 'input'];

function redactPaths(): string[] {
  return REDACTED_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `headers["${k}"]`]);
}

export interface PinoLoggerOptions {
  /** Where the JSON lines go. Default stderr (stdout is for rows). */
  destination?: pino.DestinationStream | undefined;
  /** Fields on every line (e.g. { app: 'desktop' }). */
  base?: Record<string, unknown> | undefined;
}

/** The Logger port over pino: structured JSON lines, secrets redacted. The one logger of the apps. */
export function createPinoLogger(level: string, opts: PinoLoggerOptions = {}): Logger {
  const base = pino({ level, redact: { paths: redactPaths(), censor: '[redacted]' }, base: opts.base ?? undefined }, opts.destination ?? pino.destination(2));
  const wrap = (p: pino.Logger): Logger => ({
    debug: (msg, fields) => p.debug(fields ?? {}, msg),
    info: (msg, fields) => p.info(fields ?? {}, msg),
    warn: (msg, fields) => p.warn(fields ?? {}, msg),
    error: (msg, fields) => p.error(fields ?? {}, msg),
    child: (fields) => wrap(p.child(fields)),
  });
  return wrap(base);
}
