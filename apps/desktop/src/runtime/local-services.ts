import { createContext, createInProcessLauncher, startLocalScheduler, type ApiServices } from '@scrapifie/api';
import { CredentialShelf, createPooledDesigner } from '@scrapifie/designer-host';
import { systemClock, type Logger } from '@scrapifie/engine';
import { HttpFetcher } from '@scrapifie/fetch-http';
import type { Recipe } from '@scrapifie/recipe';
import type { SqliteCrawlStore } from '@scrapifie/store-sqlite';
import type { SpawnWorker } from '../worker/protocol.ts';
import { WorkerRunLauncher } from '../worker/worker-launcher.ts';
import { openLocalWorkspace, type LocalWorkspaceFiles } from './local-workspace.ts';
import { findResumableRuns, type ResumableRun } from './resume.ts';
import { resolveRunCredentials } from './run-credentials.ts';

export interface LocalServices {
  services: ApiServices;
  launcher: WorkerRunLauncher;
  /** The unfinished runs no worker is crawling now. */
  resumableRuns(): Promise<ResumableRun[]>;
  close(): Promise<void>;
}

export interface LocalServicesOptions {
  store: SqliteCrawlStore;
  dbPath: string;
  spawn: SpawnWorker;
  logger: Logger;
  workspace: LocalWorkspaceFiles;
  /** The Chromium of the designer's live pages (SCRAPIFIE_CHROMIUM; default: Playwright's own, else the system's). */
  chromiumPath?: string | undefined;
}

/**
 * The API services of the desktop: the SQLite store in the user-data folder, crawls in worker processes
 * (the one-off scrape, which needs a function the worker cannot receive, runs in-process), HTTP fetching,
 * the visual designer's live pages in a Chromium on this machine (launched on the first session), no
 * authentication (every call is the local owner of the local workspace: library, credentials, schedules,
 * webhooks) and no SSRF guard (the user's own machine: neither fetches nor the designer's Chromium go through one).
 */
export async function createLocalServices(o: LocalServicesOptions): Promise<LocalServices> {
  const http = new HttpFetcher();
  const inProcess = createInProcessLauncher({ store: o.store, fetchers: { http }, logger: o.logger });
  // Logins recorded in the designer keep their typed secrets in the local workspace's encrypted credentials (the
  // shelf opens the store once the workspace is open); a run's worker gets the ones its recipe names.
  const credentials = new CredentialShelf();
  const credentialsFor = async ({ runId, recipe }: { runId: string; recipe: Recipe | undefined }) => {
    const r = recipe ?? (await o.store.getRun(runId))?.recipe;
    return r ? resolveRunCredentials(r, credentials, runId) : {};
  };
  // No evaluator threads: each crawl already has a process of its own (and the engine's thread script is not in the bundle).
  const launcher = new WorkerRunLauncher({ dbPath: o.dbPath, spawn: o.spawn, inProcess, logger: o.logger, credentialsFor });
  const workspace = await openLocalWorkspace(o.workspace, launcher, o.logger).catch(async (e: unknown) => {
    await launcher.close();
    await http.close();
    throw e;
  });
  credentials.useStore({ app: workspace.services.app, secrets: workspace.services.secrets, workspaceId: workspace.services.localWorkspaceId });
  const designer = createPooledDesigner({ http, logger: o.logger, executablePath: o.chromiumPath, credentials });
  const services: ApiServices = { store: o.store, launcher, fetchers: { http }, clock: systemClock, logger: o.logger, designer: designer.service, ...workspace.services };
  // The workspace's library schedules fire while the app is open.
  const scheduler = startLocalScheduler(services, createContext(services));
  return {
    services,
    launcher,
    resumableRuns: () => findResumableRuns(o.store, 200, (id) => launcher.isActive(id)),
    async close() {
      await scheduler.stop();
      await designer.close();
      await workspace.close();
      await launcher.close();
      await http.close();
    },
  };
}
