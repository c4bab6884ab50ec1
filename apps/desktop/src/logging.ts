import type pino from 'pino';
import { createPinoLogger, type Logger } from '@scrapifie/engine';

export { REDACTED_KEYS } from '@scrapifie/engine';

/** The desktop's logger: JSON lines on stderr, secrets redacted (IPC inputs too: they may carry API keys). */
export function createDesktopLogger(level: string, destination?: pino.DestinationStream): Logger {
  return createPinoLogger(level, { destination, base: { app: 'desktop' } });
}
