import { initTRPC } from '@trpc/server';
import { z } from 'zod';
import { toApiError } from '@scrapifie/api';
import { ScrapifieError } from '@scrapifie/recipe';
import type { DeepLinkHub } from './deep-links/deep-link-hub.ts';
import type { PromoteResult } from './promote/promote.ts';
import type { TeamServerView } from './promote/team-server.ts';
import type { ResumableRun } from './runtime/resume.ts';
import type { SecretStorageStatus } from './secrets/secret-box.ts';

export interface DesktopInfo {
  name: string;
  version: string;
  platform: NodeJS.Platform;
  secretStorage: SecretStorageStatus;
  autoUpdate: { enabled: boolean; reason?: string };
  database: { path: string; backupPath: string | null };
}

export interface DesktopRouterDeps {
  info: () => DesktopInfo;
  resumableRuns: () => Promise<ResumableRun[]>;
  deepLinks: DeepLinkHub;
  /** Continues an unfinished run in a crawl worker (absent: resuming is not wired in this runtime). */
  resumeRun?: ((runId: string) => Promise<{ runId: string }>) | undefined;
  /** The team server recipes are promoted to (absent: promotion is not wired in this runtime). */
  teamServer?:
    | {
        view: () => TeamServerView | null;
        save: (input: { url: string; apiKey: string }) => TeamServerView;
        promote: (recipe: unknown) => Promise<PromoteResult>;
      }
    | undefined;
}

export interface DesktopContext {
  /** The URL of the app frame that called (the IPC handler only lets the app's own frames in). */
  frameUrl: string;
}

/** The same error shape as the studio's API (apiCode, issues...), so the UI reads desktop errors as it reads API ones. */
export const desktopT = initTRPC.context<DesktopContext>().create({
  isDev: false,
  errorFormatter({ shape, error }) {
    const api = toApiError(error);
    return { ...shape, message: api.message, data: { ...shape.data, apiCode: api.code, httpStatus: api.status, issues: api.issues, retryable: api.retryable } };
  },
});
const t = desktopT;

function needs<T>(dep: T | undefined, what: string): T {
  if (dep === undefined) throw new ScrapifieError('TIER_UNAVAILABLE', `${what} is not available in this runtime`);
  return dep;
}

/**
 * The desktop-only procedures, served over IPC next to the studio's router (@scrapifie/api): what
 * this installation is, the runs to offer for resuming (and resuming them), the team server to
 * promote recipes to, and deep links as they arrive.
 */
export function createDesktopRouter(deps: DesktopRouterDeps) {
  return t.router({
    desktop: t.router({
      info: t.procedure.query(() => deps.info()),
      resumableRuns: t.procedure.query(() => deps.resumableRuns()),
      resumeRun: t.procedure
        .input(z.strictObject({ runId: z.string().min(1).max(200) }))
        .mutation(({ input }) => needs(deps.resumeRun, 'Resuming runs')(input.runId)),
      teamServer: t.procedure.query(() => needs(deps.teamServer, 'Promoting to a team server').view()),
      saveTeamServer: t.procedure
        .input(z.strictObject({ url: z.string().min(1).max(2000), apiKey: z.string().min(1).max(1000) }))
        .mutation(({ input }) => needs(deps.teamServer, 'Promoting to a team server').save(input)),
      promoteRecipe: t.procedure
        .input(z.strictObject({ recipe: z.unknown() }))
        .mutation(({ input }) => needs(deps.teamServer, 'Promoting to a team server').promote(input.recipe)),
      deepLinks: t.procedure.subscription(({ signal }) => deps.deepLinks.links(signal)),
    }),
  });
}

export type DesktopRouter = ReturnType<typeof createDesktopRouter>;
