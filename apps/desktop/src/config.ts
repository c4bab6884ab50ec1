import { z } from 'zod';
import { InvalidInputError } from '@scrapifie/recipe';

/** Everything the desktop app reads from the environment, validated once at start-up. Nothing else reads process.env. */
const EnvSchema = z.object({
  SCRAPIFIE_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** Another user-data folder (tests, a second profile). Default: Electron's per-user folder. */
  SCRAPIFIE_USER_DATA: z.string().min(1).optional(),
  /** Development only: load the renderer from this dev server (http://localhost:<port> or http://127.0.0.1:<port>). */
  SCRAPIFIE_RENDERER_URL: z
    .url()
    .refine((u) => /^http:\/\/(localhost|127\.0\.0\.1):\d+\/?$/.test(u), 'must be http://localhost:<port> or http://127.0.0.1:<port>, without a path')
    .optional(),
  /**
   * The Chromium executable of the designer's live pages (and of the crawl worker's browser tier, which reads it from
   * the environment it inherits). Unset or empty: Playwright's own, else the system's.
   */
  SCRAPIFIE_CHROMIUM: z.string().optional().transform((v) => v || undefined),
});

export interface DesktopConfig {
  logLevel: z.infer<typeof EnvSchema>['SCRAPIFIE_LOG_LEVEL'];
  userDataDir: string | undefined;
  rendererDevUrl: string | undefined;
  chromiumPath: string | undefined;
}

export function loadDesktopConfig(env: NodeJS.ProcessEnv = process.env): DesktopConfig {
  const r = EnvSchema.safeParse(env);
  if (!r.success) {
    const issues = r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new InvalidInputError('INVALID_INPUT', `Invalid environment: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
  }
  return { logLevel: r.data.SCRAPIFIE_LOG_LEVEL, userDataDir: r.data.SCRAPIFIE_USER_DATA, rendererDevUrl: r.data.SCRAPIFIE_RENDERER_URL?.replace(/\/$/, ''), chromiumPath: r.data.SCRAPIFIE_CHROMIUM };
}
