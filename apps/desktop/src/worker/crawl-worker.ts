import { runCrawl, silentLogger, type BlockDetector, type CrawlStore, type Fetcher, type Logger } from '@scrapifie/engine';
import { MemoryCredentialResolver, type CredentialResolver } from '@scrapifie/fetch-browser';
import { createTierRuntime } from '@scrapifie/tiers';
import { ScrapifieError } from '@scrapifie/recipe';
import { openSqliteStore } from '@scrapifie/store-sqlite';
import { parseMainMessage, type WorkerPort, type WorkerStartMessage } from './protocol.ts';

export interface CrawlWorkerDeps {
  openStore?: (dbPath: string) => CrawlStore & { close(): Promise<void> };
  /** The fetch tiers of one run; `credentials` resolves what its browser steps type (from the start message). */
  createFetchers?: (logger: Logger, credentials: CredentialResolver) => Tiers;
  logger?: Logger;
}

interface Tiers {
  fetchers: { http: Fetcher; browser?: Fetcher; stealth?: Fetcher };
  blockDetector?: BlockDetector | undefined;
  close(): Promise<void>;
}

/**
 * Every tier, as the CLI has them: impit, and Chromium for browser and stealth pages (launched only when a page needs
 * it; SCRAPIFIE_CHROMIUM names the executable, else Playwright's own or the system's).
 */
const defaultFetchers = (logger: Logger, credentials: CredentialResolver): Tiers => createTierRuntime({ logger, chromiumPath: process.env.SCRAPIFIE_CHROMIUM || undefined, credentials });

/**
 * The crawl worker's logic, free of Electron: waits for one `start`, crawls that run into its own
 * connection to the SQLite file (WAL: the main process reads while the worker writes), reports every
 * run event, then `done` (or `error`). `cancel` stops the run, which ends cancelled and resumable.
 * Resolves when the run is over and everything is closed; the entry point then exits the process.
 */
export function serveCrawlWorker(port: WorkerPort, deps: CrawlWorkerDeps = {}): Promise<void> {
  const controller = new AbortController();
  const logger = deps.logger ?? silentLogger;
  return new Promise<void>((resolve) => {
    let running = false;
    port.onMessage((raw) => {
      let msg;
      try {
        msg = parseMainMessage(raw);
      } catch (e) {
        port.postMessage({ type: 'error', message: (e as Error).message, code: 'INVALID_INPUT', started: running });
        if (!running) resolve();
        return;
      }
      if (msg.type === 'cancel') {
        controller.abort();
        return;
      }
      if (running) {
        port.postMessage({ type: 'error', message: 'crawl worker: this worker already runs a crawl', code: 'INVALID_INPUT', started: true });
        return;
      }
      running = true;
      void crawl(msg).finally(resolve);
    });
  });

  async function crawl(msg: WorkerStartMessage): Promise<void> {
    let started = false;
    let store: (CrawlStore & { close(): Promise<void> }) | undefined;
    let tiers: Tiers | undefined;
    try {
      store = (deps.openStore ?? openSqliteStore)(msg.dbPath);
      tiers = (deps.createFetchers ?? defaultFetchers)(logger, new MemoryCredentialResolver(msg.credentials));
      const summary = await runCrawl({
        store,
        fetchers: tiers.fetchers,
        blockDetector: tiers.blockDetector,
        runId: msg.runId,
        resume: msg.resume,
        recipe: msg.recipe,
        inputRows: msg.inputRows,
        concurrency: msg.concurrency,
        evaluatorThreads: msg.evaluatorThreads,
        logger,
        signal: controller.signal,
        onEvent: (event) => {
          if (event.type === 'run.started') started = true;
          port.postMessage({ type: 'event', event });
        },
      });
      port.postMessage({ type: 'done', summary });
    } catch (e) {
      const code = e instanceof ScrapifieError ? e.code : undefined;
      port.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e), code, started });
    } finally {
      await tiers?.close().catch((e: unknown) => logger.warn('crawl worker: closing the fetchers failed', { error: (e as Error).message }));
      await store?.close().catch((e: unknown) => logger.warn('crawl worker: closing the store failed', { error: (e as Error).message }));
    }
  }
}
