import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCatalog, type GroundTruth } from './catalog.ts';
import { renderNotFound } from './html/pages.ts';
import { send, type Route, type RouteContext, type SiteContext } from './http.ts';
import { authRoutes } from './routes/auth.ts';
import { botWallRoute } from './routes/botwall.ts';
import { catalogRoutes } from './routes/catalog-routes.ts';
import { charsetRoute } from './routes/charsets.ts';
import { faultRoutes } from './routes/faults.ts';
import { messyRoute } from './routes/messy.ts';
import { RequestStats, type LoggedRequest } from './stats.ts';

export interface TestSiteOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Listing pages, default 5000. */
  pages?: number;
  /** Default 20. */
  itemsPerPage?: number;
  /** Default 1: the same seed serves the same site, byte for byte. */
  seed?: number;
}

export interface TestSite {
  /** e.g. "http://127.0.0.1:40123", no trailing slash. */
  url: string;
  truth: GroundTruth;
  /** Requests received, optionally only those whose path starts with `pathPrefix`. */
  hits(pathPrefix?: string): number;
  /** The most recent requests (bounded), newest last. */
  requestLog(): LoggedRequest[];
  /** Clears hit counts and the request log (not the per-id counters of the fault routes). */
  resetStats(): void;
  close(): Promise<void>;
}

const ROUTES: Route[] = [...catalogRoutes, botWallRoute, ...faultRoutes, ...authRoutes, charsetRoute, messyRoute];

function positiveIntOption(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < 1) throw new RangeError(`testsite option "${name}" must be a positive integer, got ${value}`);
  return v;
}

/** Starts the deterministic fixture shop on 127.0.0.1 (by default on a free port). */
export async function startTestSite(opts: TestSiteOptions = {}): Promise<TestSite> {
  const pages = positiveIntOption('pages', opts.pages, 5000);
  const itemsPerPage = positiveIntOption('itemsPerPage', opts.itemsPerPage, 20);
  const seed = opts.seed ?? 1;
  if (!Number.isInteger(seed)) throw new RangeError(`testsite option "seed" must be an integer, got ${seed}`);
  const host = opts.host ?? '127.0.0.1';
  const stats = new RequestStats(2000);
  let site: SiteContext | undefined;

  const server = createServer({ keepAlive: true, requestTimeout: 120_000 }, (req: IncomingMessage, res: ServerResponse) => {
    const raw = req.url ?? '/';
    const q = raw.indexOf('?');
    const path = q === -1 ? raw : raw.slice(0, q);
    stats.record(path, req.headers as Record<string, string>);
    if (!site) {
      send(res, 503, 'starting', 'text/plain');
      return;
    }
    const ctx: RouteContext = { req, res, method: req.method ?? 'GET', path, query: new URLSearchParams(q === -1 ? '' : raw.slice(q + 1)), site };
    try {
      for (const route of ROUTES) if (route(ctx)) return;
      send(res, 404, renderNotFound(path));
    } catch (e) {
      if (!res.headersSent) send(res, 500, `testsite error: ${e instanceof Error ? e.message : String(e)}`, 'text/plain');
      else res.destroy();
    }
  });
  server.keepAliveTimeout = 30_000;
  server.headersTimeout = 35_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const catalog = createCatalog({ seed, pages, itemsPerPage, baseUrl: url });
  site = { seed, pages, itemsPerPage, catalog, sessions: new Set(), counters: new Map(), hanging: new Set() };
  const hanging = site.hanging;

  let closing: Promise<void> | undefined;
  return {
    url,
    truth: catalog.truth,
    hits: (prefix) => stats.hits(prefix),
    requestLog: () => stats.log(),
    resetStats: () => stats.reset(),
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of hanging) s.destroy();
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
