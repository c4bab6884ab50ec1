import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { credentialsFromConnectionParams, credentialsFromHeaders, principalOfRequest, resolvePrincipal } from '../auth/resolve-principal.ts';
import { createContext, type ApiServices } from '../context.ts';
import { ApiError, toApiError, toTRPCError } from '../errors.ts';
import { appRouter } from '../router.ts';
import { createCallerFactory } from '../trpc.ts';
import { rateLimitGateFor } from '../rate-limit/index.ts';
import { renderDocsPage } from './docs-page.ts';
import { SECURITY_HEADERS, sendError, sendJson } from './envelope.ts';
import { EXPORT_PATH, serveExport } from './export-route.ts';
import { buildOpenApiDocument } from './openapi.ts';
import { createRestHandler } from './rest-handler.ts';
import { serveStatic } from './static-files.ts';

export interface ApiServerOptions {
  /** Default 3000 (the seed's); 0 picks a free port. */
  port?: number | undefined;
  /** Default 127.0.0.1. Anywhere else, serve with `authRequired` on (and an AppStore and `auth` settings) or the API is open to whoever reaches it. */
  host?: string | undefined;
  title?: string | undefined;
  version?: string | undefined;
  /** The built web studio (packages/ui/dist), served at / for paths the API does not own. */
  staticDir?: string | undefined;
  /**
   * Operations endpoints the app adds (e.g. /readiness and /metrics): called before the studio's files for paths
   * outside /trpc and /api/v1; true when it answered.
   */
  ops?: ((req: IncomingMessage, res: ServerResponse, path: string) => boolean) | undefined;
}

export interface ApiServer {
  /** e.g. "http://127.0.0.1:3000" */
  url: string;
  server: Server;
  /** Stops accepting connections and closes open ones (SSE streams included). The services are the caller's to close. */
  close(): Promise<void>;
}

const REST_BASE = '/api/v1';
const REQUEST_ID = /^[A-Za-z0-9_.:-]{1,100}$/;

/**
 * The API on node:http: tRPC at /trpc (batching; subscriptions over SSE for httpSubscriptionLink), REST at /api/v1
 * (enveloped), the OpenAPI document at /api/v1/openapi.json, its page at /api/v1/docs, and /health.
 */
export async function createApiServer(services: ApiServices, opts: ApiServerOptions = {}): Promise<ApiServer> {
  const contextFor = createContext(services);
  const maxBodyBytes = contextFor().limits.maxBodyBytes;
  const rateLimit = rateLimitGateFor(services);
  const requestIdOf = (req: IncomingMessage): string => {
    const given = req.headers['x-request-id'];
    return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  };
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    maxBodySize: maxBodyBytes,
    // Credentials come in headers; an SSE subscription (EventSource sends no headers) may carry them in tRPC's
    // connectionParams instead ({ token, workspaceId }, in the URL): read only for subscriptions.
    createContext: async ({ req, info }) => {
      const creds = credentialsFromHeaders(req.headers);
      const fromParams = info.type === 'subscription' && !creds.authorization && !creds.apiKey;
      try {
        const principal = fromParams
          ? await resolvePrincipal(services, { ...credentialsFromConnectionParams(info.connectionParams), workspaceId: creds.workspaceId ?? info.connectionParams?.workspaceId })
          : await principalOfRequest(services, req);
        return contextFor({ requestId: requestIdOf(req), principal });
      } catch (e) {
        throw toTRPCError(e);
      }
    },
  });
  const rest = createRestHandler({
    router: appRouter,
    createCaller: createCallerFactory(appRouter),
    context: async (req, requestId) => contextFor({ requestId, principal: await principalOfRequest(services, req) }),
    maxBodyBytes,
  });
  const openapi = buildOpenApiDocument(appRouter, { title: opts.title ?? 'Scrapifie Studio', version: opts.version ?? '1.0.0', baseUrl: REST_BASE });
  const openapiJson = JSON.stringify(openapi);
  const docsHtml = renderDocsPage(openapi);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const requestId = requestIdOf(req);
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    res.setHeader('x-request-id', requestId);
    const url = new URL(req.url ?? '/', 'http://api.invalid');
    const path = url.pathname;
    // The API's own rate limits (per API key or client address), before any procedure runs; not /health or static files.
    const limited = path === '/trpc' || path.startsWith('/trpc/') ? 'trpc' : path.startsWith(`${REST_BASE}/`) ? 'rest' : null;
    if (rateLimit && limited && !(await rateLimit(req, res, limited, limited === 'trpc' ? path.slice('/trpc/'.length) : path.slice(REST_BASE.length), requestId))) return;
    if (path === '/trpc' || path.startsWith('/trpc/')) return trpc(req, res);
    if (path === '/health') return sendJson(res, 200, { status: 'ok' });
    if (path === `${REST_BASE}/openapi.json`) {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(openapiJson);
      return;
    }
    if (path === `${REST_BASE}/docs` || path === `${REST_BASE}/docs/`) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'" });
      res.end(docsHtml);
      return;
    }
    if (path === REST_BASE || path.startsWith(`${REST_BASE}/`)) {
      const sub = path.slice(REST_BASE.length) || '/';
      const exportMatch = EXPORT_PATH.exec(sub);
      if (exportMatch) {
        let principal;
        try {
          principal = await principalOfRequest(services, req);
        } catch (e) {
          return sendError(res, toApiError(e), requestId);
        }
        return serveExport(req, res, exportMatch[1]!, url, contextFor({ requestId, principal }));
      }
      return rest(req, res, sub, url, requestId);
    }
    if (opts.ops?.(req, res, path)) return;
    if (opts.staticDir && (await serveStatic(req, res, opts.staticDir, path))) return;
    sendError(res, toApiError(new ApiError('ROUTE_NOT_FOUND', `Nothing at ${path}: the API is at ${REST_BASE} (docs: ${REST_BASE}/docs) and /trpc`)), requestId);
  };

  const server = createServer({ requestTimeout: 60_000, headersTimeout: 30_000, keepAliveTimeout: 72_000 }, (req, res) => {
    handle(req, res).catch((e: unknown) => {
      services.logger.error('request failed', { error: e instanceof Error ? e.message : String(e) });
      if (!res.headersSent) sendError(res, toApiError(e), requestIdOf(req));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 3000, opts.host ?? '127.0.0.1', () => {
      server.removeListener('error', reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${host}:${addr.port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
