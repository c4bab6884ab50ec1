import type { Logger } from '@scrapifie/engine';

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  msg: string;
  fields: Record<string, unknown>;
}

/** A Logger that keeps every line, so tests can check what was (and was not) logged. */
export function recordingLogger(lines: LogLine[] = [], bound: Record<string, unknown> = {}): Logger & { lines: LogLine[]; text(): string } {
  const at = (level: LogLine['level']) => (msg: string, fields?: Record<string, unknown>) => {
    lines.push({ level, msg, fields: { ...bound, ...fields } });
  };
  return {
    lines,
    text: () => lines.map((l) => `${l.level} ${l.msg} ${JSON.stringify(l.fields)}`).join('\n'),
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (fields) => recordingLogger(lines, { ...bound, ...fields }),
  };
}
