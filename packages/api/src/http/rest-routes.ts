import type { AnyRouter } from '@trpc/server';
import type { ApiMeta } from '../trpc.ts';

export interface RestRoute {
  method: string;
  /** The OpenAPI path template, e.g. "/scrape/jobs/{jobId}". */
  template: string;
  pattern: RegExp;
  params: string[];
  /** The procedure's dotted path, e.g. "scrape.job". */
  procedure: string;
  type: 'query' | 'mutation';
  successStatus: number;
  /** Input fields that are arrays (a single query-string value is wrapped). */
  arrayFields: Set<string>;
}

interface ProcedureLike {
  _def: { type: 'query' | 'mutation' | 'subscription'; meta?: ApiMeta; inputs: unknown[] };
}

interface ZodLike {
  _zod?: { def?: { type?: string; shape?: Record<string, ZodLike>; innerType?: ZodLike } };
}

function unwrapped(schema: ZodLike | undefined): ZodLike | undefined {
  let s = schema;
  while (s?._zod?.def && ['optional', 'default', 'nullable', 'prefault'].includes(s._zod.def.type ?? '')) s = s._zod.def.innerType;
  return s;
}

function arrayFieldsOf(input: unknown): Set<string> {
  const shape = unwrapped(input as ZodLike)?._zod?.def?.shape ?? {};
  return new Set(Object.entries(shape).filter(([, v]) => unwrapped(v)?._zod?.def?.type === 'array').map(([k]) => k));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The REST routes of a router: every query or mutation with `openapi` metadata (subscriptions have none). */
export function restRoutes(router: AnyRouter): RestRoute[] {
  const routes: RestRoute[] = [];
  for (const [path, proc] of Object.entries(router._def.procedures as Record<string, ProcedureLike>)) {
    const { type, meta, inputs } = proc._def;
    const openapi = meta?.openapi;
    if (!openapi || openapi.enabled === false || type === 'subscription') continue;
    const params: string[] = [];
    const source = openapi.path
      .split(/(\{[A-Za-z_][A-Za-z0-9_]*\})/)
      .map((part) => {
        const m = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(part);
        if (!m) return escapeRegExp(part);
        params.push(m[1]!);
        return `(?<${m[1]}>[^/]+)`;
      })
      .join('');
    routes.push({
      method: openapi.method,
      template: openapi.path,
      pattern: new RegExp(`^${source}/?$`),
      params,
      procedure: path,
      type,
      successStatus: meta?.successStatus ?? 200,
      arrayFields: arrayFieldsOf(inputs[0]),
    });
  }
  // Literal segments before parameters: "/scrape/sync" wins over "/scrape/{taskId}".
  return routes.sort((a, b) => a.params.length - b.params.length);
}

/** The route for a method and path; or the methods the path allows (for a 405), or null (404). */
export function matchRoute(routes: RestRoute[], method: string, path: string): { route: RestRoute; params: Record<string, string> } | { allowed: string[] } | null {
  const allowed: string[] = [];
  for (const route of routes) {
    const m = route.pattern.exec(path);
    if (!m) continue;
    if (route.method !== method) {
      allowed.push(route.method);
      continue;
    }
    const params: Record<string, string> = {};
    for (const p of route.params) params[p] = decodeURIComponent(m.groups![p]!);
    return { route, params };
  }
  return allowed.length ? { allowed: [...new Set(allowed)] } : null;
}
