import pino from 'pino';
import type { Logger } from '@scrapifie/engine';

/** Keys whose values never reach a log line, at any depth we know of. */
export const REDACTED_KEYS = ['password', 'cookie', 'cookies', 'authorization', 'proxyUrl', 'secret', 'token', 'apiKey', 'set-cookie', 'input'];

function redactPaths(): string[] {
  return REDACTED_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);
}

/** The Logger port over pino: JSON lines on stderr, secrets redacted (IPC inputs too: they may carry API keys). */
export function createDesktopLogger(level: string, destination: pino.DestinationStream = pino.destination(2)): Logger {
  const base = pino({ level, redact: { paths: redactPaths(), censor: '[redacted]' }, base: { app: 'desktop' } }, destination);
  const wrap = (p: pino.Logger): Logger => ({
    debug: (msg, fields) => p.debug(fields ?? {}, msg),
    info: (msg, fields) => p.info(fields ?? {}, msg),
    warn: (msg, fields) => p.warn(fields ?? {}, msg),
    error: (msg, fields) => p.error(fields ?? {}, msg),
    child: (fields) => wrap(p.child(fields)),
  });
  return wrap(base);
}
