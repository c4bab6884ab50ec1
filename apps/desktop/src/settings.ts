import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { Logger } from '@scrapifie/engine';

/** The desktop's own settings, kept in settings.json in the user-data folder. Unknown keys are dropped. */
export const SettingsSchema = z.object({
  /** Check for, download and install updates. Off by default: self-hosted builds have no update feed. */
  autoUpdate: z.boolean().default(false),
});

export type DesktopSettings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: DesktopSettings = SettingsSchema.parse({});

/** Reads the settings; a missing file gives the defaults, a damaged one too (with a warning naming the problem). */
export function readSettings(file: string, logger: Logger): DesktopSettings {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') logger.warn('Settings file unreadable: using the defaults', { file, error: (e as Error).message });
    return DEFAULT_SETTINGS;
  }
  const r = SettingsSchema.safeParse(raw);
  if (!r.success) {
    logger.warn('Settings file invalid: using the defaults', { file, problems: r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
    return DEFAULT_SETTINGS;
  }
  return r.data;
}

/** Writes the settings atomically (temp file, then rename). */
export function writeSettings(file: string, settings: DesktopSettings): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(SettingsSchema.parse(settings), null, 2)}\n`);
  renameSync(tmp, file);
}
