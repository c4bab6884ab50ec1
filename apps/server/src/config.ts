import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { InvalidInputError } from '@scrapifie/recipe';
import { issuesOf } from '@scrapifie/recipe';

/** Everything the server app reads from the environment, validated once at start-up. Nothing else reads process.env. */
const EnvSchema = z.object({
  SCRAPIFIE_DB: z.string().min(1).optional(),
  SCRAPIFIE_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('warn'),
  SCRAPIFIE_CHROMIUM: z.string().min(1).optional(),
  XDG_DATA_HOME: z.string().min(1).optional(),
  HOME: z.string().optional(),
});

export interface AppConfig {
  /** The SQLite file holding runs, the frontier and results. */
  dbPath: string;
  logLevel: z.infer<typeof EnvSchema>['SCRAPIFIE_LOG_LEVEL'];
  chromiumPath: string | undefined;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const r = EnvSchema.safeParse(env);
  if (!r.success) {
    const issues = issuesOf(r.error);
    throw new InvalidInputError('INVALID_INPUT', `Invalid environment: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
  }
  const e = r.data;
  const dataHome = e.XDG_DATA_HOME ?? join(e.HOME ?? homedir(), '.local', 'share');
  return {
    dbPath: e.SCRAPIFIE_DB ?? join(dataHome, 'scrapifie', 'scrapifie.sqlite'),
    logLevel: e.SCRAPIFIE_LOG_LEVEL,
    chromiumPath: e.SCRAPIFIE_CHROMIUM,
  };
}
