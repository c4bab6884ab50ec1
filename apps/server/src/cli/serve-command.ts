import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createApiServer, createContext, createTargetGuard, guardFetcher, startGuardProxy, startLocalScheduler, type ApiServices, type LocalScheduler, type TargetGuard } from '@scrapifie/api';
import { systemClock, type Logger } from '@scrapifie/engine';
import { HttpFetcher } from '@scrapifie/fetch-http';
import { InvalidInputError } from '@scrapifie/recipe';
import { CredentialShelf } from '@scrapifie/designer-host';
import { createServeDesigner } from '../designer/serve-designer.ts';
import { createTierRuntime } from '@scrapifie/tiers';
import { studioDir } from '../designer/studio-files.ts';
import type { AppConfig } from '../config.ts';
import { EXIT } from './exit-codes.ts';
import { handleOps } from '../cluster/health-server.ts';
import { openServeRuntime } from './serve-runtime.ts';

export interface ServeCommandOptions {
  serve: AppConfig['serve'];
  /** The team server's settings: with DATABASE_URL and REDIS_URL set, serve runs on Postgres + Redis (BullMQ). */
  cluster: AppConfig['cluster'];
  /** The API's public address for links in webhook payloads (SCRAPIFIE_PUBLIC_URL). */
  publicUrl?: string | undefined;
  dbPath: string;
  host: string;
  port: number;
  /** Chromium for the browser tier and the designer (SCRAPIFIE_CHROMIUM; default: the one found on the system). */
  chromiumPath?: string | undefined;
  logger: Logger;
  stderr: NodeJS.WritableStream;
  /** Aborts on SIGINT/SIGTERM: the server stops taking requests, active runs are cancelled (resumable) and everything closes. */
  signal: AbortSignal;
  /** Called once the server listens (tests read the URL from it). */
  onListening?: ((url: string) => void) | undefined;
}

function guardFrom(allow: string[]): TargetGuard {
  try {
    return createTargetGuard({ allow });
  } catch (e) {
    throw new InvalidInputError('INVALID_INPUT', `SCRAPIFIE_ALLOW_TARGETS: ${(e as Error).message}`, [{ path: 'SCRAPIFIE_ALLOW_TARGETS', message: (e as Error).message }]);
  }
}

/**
 * `scrapifie serve`: the API (tRPC, REST, OpenAPI) and the studio: on one node with the embedded SQLite store and an
 * in-process launcher, or as an API node of the team server (DATABASE_URL + REDIS_URL: runs go to the workers).
 * Every fetch goes through the SSRF guard (SCRAPIFIE_ALLOW_TARGETS names deliberate internal targets).
 */
export async function serveCommand(opts: ServeCommandOptions): Promise<number> {
  const guard = guardFrom(opts.serve.allowTargets);
  mkdirSync(dirname(opts.dbPath), { recursive: true });
  const proxy = await startGuardProxy(guard, { logger: opts.logger });
  const http = guardFetcher(new HttpFetcher({ proxyUrl: proxy.url }), guard, proxy);
  // Recorded logins' secrets, in memory: the designer puts them there, the browser tier types them.
  const credentials = new CredentialShelf();
  // The browser tier's Chromium (launched when a page needs it) goes through the guard proxy too, loopback included.
  const browserArgs = [`--proxy-server=${proxy.url}`, '--proxy-bypass-list=<-loopback>'];
  const tiers = createTierRuntime({ logger: opts.logger, chromiumPath: opts.chromiumPath, http, browserArgs, credentials });
  const fetchers = { http, browser: tiers.fetchers.browser };
  const rt = await openServeRuntime({ serve: opts.serve, cluster: opts.cluster, dbPath: opts.dbPath, host: opts.host, publicUrl: opts.publicUrl, fetchers, guard, logger: opts.logger }).catch(async (e: unknown) => {
    await tiers.close();
    await proxy.close();
    throw e;
  });
  // Recorded logins go to the encrypted credential store of the local workspace (sign-in off); else they stay in memory.
  const { app, secrets, localWorkspaceId } = rt.services;
  if (app && secrets) credentials.useStore({ app, secrets, workspaceId: localWorkspaceId ?? null });
  // The studio's live pages, through the guard proxy.
  const designer = createServeDesigner({ http, proxyUrl: proxy.url, logger: opts.logger, executablePath: opts.chromiumPath, credentials });
  let scheduler: LocalScheduler | null = null;
  try {
    const services: ApiServices = { store: rt.store, launcher: rt.launcher, fetchers, clock: systemClock, logger: opts.logger, targetPolicy: guard, designer: designer.service, ...rt.services };
    // On one node this process fires the library schedules; on the team server `scrapifie scheduler` does.
    scheduler = rt.firesSchedules ? startLocalScheduler(services, createContext(services)) : null;
    const api = await createApiServer(services, {
      host: opts.host,
      port: opts.port,
      staticDir: studioDir(),
      ops: (req, res, path) => handleOps(req, res, path, { checks: rt.checks, metrics: rt.metrics }),
    });
    opts.stderr.write(`Scrapifie API on ${api.url}: REST ${api.url}/api/v1 (docs ${api.url}/api/v1/docs), tRPC ${api.url}/trpc; ${rt.describe}\n`);
    opts.stderr.write(studioDir() ? `Studio on ${api.url}/\n` : 'The web studio is not built (npm run build), so / serves nothing\n');
    opts.onListening?.(api.url);
    if (!opts.signal.aborted) await new Promise<void>((resolve) => opts.signal.addEventListener('abort', () => resolve(), { once: true }));
    opts.stderr.write('Shutting down: active runs are cancelled (resume them with scrapifie run --resume <run-id>)\n');
    await api.close();
    return EXIT.OK;
  } finally {
    await scheduler?.stop();
    await designer.close();
    await rt.close();
    await tiers.close(); // closes the HTTP tier too
    await proxy.close();
  }
}
