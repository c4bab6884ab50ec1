import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createApiServer, createInProcessLauncher, createTargetGuard, guardFetcher, startGuardProxy, type TargetGuard } from '@scrapifie/api';
import { systemClock, type Logger } from '@scrapifie/engine';
import { HttpFetcher } from '@scrapifie/fetch-http';
import { InvalidInputError } from '@scrapifie/recipe';
import { createServeDesigner } from '../designer/serve-designer.ts';
import { studioDir } from '../designer/studio-files.ts';
import { openSqliteStore } from '@scrapifie/store-sqlite';
import type { AppConfig } from '../config.ts';
import { EXIT } from './exit-codes.ts';

export interface ServeCommandOptions {
  serve: AppConfig['serve'];
  dbPath: string;
  host: string;
  port: number;
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
 * `scrapifie serve`: the API (tRPC, REST, OpenAPI) on one node, with the embedded SQLite store and an in-process
 * launcher. Every fetch goes through the SSRF guard (SCRAPIFIE_ALLOW_TARGETS names deliberate internal targets).
 */
export async function serveCommand(opts: ServeCommandOptions): Promise<number> {
  if (opts.serve.databaseUrl || opts.serve.redisUrl) {
    throw new InvalidInputError(
      'INVALID_INPUT',
      'DATABASE_URL or REDIS_URL is set, but `scrapifie serve` runs only with the embedded SQLite store and the in-process worker so far (the Postgres/Redis cluster runtime is not wired into serve yet): unset them to serve',
    );
  }
  const guard = guardFrom(opts.serve.allowTargets);
  mkdirSync(dirname(opts.dbPath), { recursive: true });
  const store = openSqliteStore(opts.dbPath);
  const proxy = await startGuardProxy(guard, { logger: opts.logger });
  const http = guardFetcher(new HttpFetcher({ proxyUrl: proxy.url }), guard, proxy);
  const launcher = createInProcessLauncher({ store, fetchers: { http }, logger: opts.logger });
  const designer = createServeDesigner({ http, proxyUrl: proxy.url, logger: opts.logger }); // the studio's live pages, through the guard proxy
  try {
    const api = await createApiServer({ store, launcher, fetchers: { http }, clock: systemClock, logger: opts.logger, targetPolicy: guard, designer: designer.service }, { host: opts.host, port: opts.port, staticDir: studioDir() });
    opts.stderr.write(`Scrapifie API on ${api.url}: REST ${api.url}/api/v1 (docs ${api.url}/api/v1/docs), tRPC ${api.url}/trpc; database ${opts.dbPath}\n`);
    opts.stderr.write(studioDir() ? `Studio on ${api.url}/\n` : 'The web studio is not built (npm run build), so / serves nothing\n');
    opts.onListening?.(api.url);
    if (!opts.signal.aborted) await new Promise<void>((resolve) => opts.signal.addEventListener('abort', () => resolve(), { once: true }));
    opts.stderr.write('Shutting down: active runs are cancelled (resume them with scrapifie run --resume <run-id>)\n');
    await api.close();
    return EXIT.OK;
  } finally {
    await designer.close();
    await launcher.close();
    await http.close();
    await proxy.close();
    await store.close();
  }
}
