import type pino from 'pino';
import { createPinoLogger, type Logger } from '@scrapifie/engine';

export { REDACTED_KEYS } from '@scrapifie/engine';

/** The server's logger: structured JSON lines on stderr (stdout is for rows), secrets redacted. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return createPinoLogger(level, { destination });
}
