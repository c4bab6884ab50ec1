import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AnyRouter } from '@trpc/server';
import { InvalidInputError } from '@scrapifie/recipe';
import type { ApiContext } from '../context.ts';
import { ApiError, toApiError } from '../errors.ts';
import { readJsonBody } from './body.ts';
import { sendError, sendSuccess } from './envelope.ts';
import { matchRoute, restRoutes, type RestRoute } from './rest-routes.ts';

export type Caller = (ctx: ApiContext, opts: { signal: AbortSignal }) => object;

export interface RestHandlerOptions {
  router: AnyRouter;
  /** The router's caller factory (createCallerFactory(router)). */
  createCaller: Caller;
  /** The context of one request. */
  context: (req: IncomingMessage, requestId: string) => ApiContext | Promise<ApiContext>;
  maxBodyBytes: number;
}

/** Query-string values: a key given once is a string, a key given again (or an array field) is an array. */
function queryInput(url: URL, route: RestRoute): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    out[key] = values.length > 1 || route.arrayFields.has(key) ? values : values[0];
  }
  return out;
}

function procedureAt(caller: object, path: string): (input: unknown) => Promise<unknown> {
  let node: unknown = caller;
  for (const part of path.split('.')) node = (node as Record<string, unknown>)[part];
  return node as (input: unknown) => Promise<unknown>;
}

/**
 * REST over the router's procedures, from their `openapi` metadata (the same metadata trpc-to-openapi documents):
 * path parameters, then the query string (GET) or the JSON body (POST), validated by the procedure's own input
 * schema; every answer in the { success, data, error, meta } envelope with the stable error codes.
 */
export function createRestHandler(opts: RestHandlerOptions): (req: IncomingMessage, res: ServerResponse, path: string, url: URL, requestId: string) => Promise<void> {
  const routes = restRoutes(opts.router);
  const { createCaller } = opts;
  return async (req, res, path, url, requestId) => {
    let ctx: ApiContext | undefined;
    const abort = new AbortController();
    const onClose = (): void => {
      if (!res.writableFinished) abort.abort();
    };
    res.once('close', onClose);
    try {
      let found: ReturnType<typeof matchRoute>;
      try {
        found = matchRoute(routes, req.method ?? 'GET', path);
      } catch {
        throw new InvalidInputError('INVALID_INPUT', 'The path is not validly encoded', [{ path: '(path)', message: 'bad percent-encoding' }]);
      }
      if (found === null) throw new ApiError('ROUTE_NOT_FOUND', `No route ${req.method} /api/v1${path} (the routes are listed at /api/v1/openapi.json)`);
      if ('allowed' in found) {
        res.setHeader('allow', found.allowed.join(', '));
        throw new ApiError('METHOD_NOT_ALLOWED', `${req.method} is not allowed on /api/v1${path}; use ${found.allowed.join(' or ')}`);
      }
      const { route, params } = found;
      const input = route.method === 'GET' || route.method === 'DELETE' ? queryInput(url, route) : await readJsonBody(req, opts.maxBodyBytes);
      for (const [k, v] of Object.entries(params)) {
        if (k in input && input[k] !== v) throw new InvalidInputError('INVALID_INPUT', `${k}: given in the path and differently in the request`, [{ path: k, message: 'differs from the path' }]);
        input[k] = v;
      }
      ctx = await opts.context(req, requestId);
      const data = await procedureAt(createCaller(ctx, { signal: abort.signal }), route.procedure)(input);
      sendSuccess(res, route.successStatus, data, requestId);
    } catch (e) {
      const err = toApiError(e);
      if (err.status >= 500) (ctx?.logger ?? null)?.warn('REST call failed', { method: req.method, path, code: err.code, message: err.message });
      if (!res.headersSent) sendError(res, err, requestId);
      else res.destroy();
    } finally {
      res.removeListener('close', onClose);
    }
  };
}
