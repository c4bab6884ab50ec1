import { initTRPC } from '@trpc/server';
import type { DeepLinkHub } from './deep-links/deep-link-hub.ts';
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
}

export interface DesktopContext {
  /** The URL of the app frame that called (the IPC handler only lets the app's own frames in). */
  frameUrl: string;
}

const t = initTRPC.context<DesktopContext>().create({ isDev: false });

/**
 * The desktop-only procedures, served over IPC next to the studio's router (@scrapifie/api) once it
 * is wired in: what this installation is, the runs to offer for resuming, and deep links as they arrive.
 */
export function createDesktopRouter(deps: DesktopRouterDeps) {
  return t.router({
    desktop: t.router({
      info: t.procedure.query(() => deps.info()),
      resumableRuns: t.procedure.query(() => deps.resumableRuns()),
      deepLinks: t.procedure.subscription(({ signal }) => deps.deepLinks.links(signal)),
    }),
  });
}

export type DesktopRouter = ReturnType<typeof createDesktopRouter>;
