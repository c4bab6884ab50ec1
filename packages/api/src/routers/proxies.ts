import { z } from 'zod';
import type { ProxyEntry } from '@scrapifie/engine';
import { ApiError } from '../errors.ts';
import { appCall } from '../services/app-errors.ts';
import { appOf, workspaceOf } from '../services/app.ts';
import { adminProcedure, router, viewerProcedure } from '../trpc.ts';

const PROXY_SCHEMES = ['http:', 'https:', 'socks5:'];
const TIERS = ['datacenter', 'residential', 'mobile'] as const;

/**
 * Checks a proxy URL: http, https or socks5, a host, and no password (passwords live in credentials, encrypted).
 * Messages never quote the URL, which may hold a password.
 */
export function checkProxyUrl(url: string, path = 'url'): string {
  const bad = (message: string): never => {
    throw new ApiError('INVALID_INPUT', `${path}: ${message}`, { issues: [{ path, message }] });
  };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return bad('not a URL (e.g. http://proxy.example:8080 or socks5://proxy.example:1080)');
  }
  if (!PROXY_SCHEMES.includes(parsed.protocol)) bad(`the scheme must be http, https or socks5 (got ${parsed.protocol.replace(/:$/, '')})`);
  if (parsed.password !== '') bad('the URL holds a password: store the password as a credential (kind "proxy") and pass its id as credentialId');
  if (parsed.hostname === '') bad('the URL has no host');
  if ((parsed.pathname !== '' && parsed.pathname !== '/') || parsed.search !== '' || parsed.hash !== '') bad('a proxy URL is scheme://[user@]host:port, with no path, query or fragment');
  return `${parsed.protocol}//${parsed.username ? `${parsed.username}@` : ''}${parsed.host}`;
}

const ProxyIdSchema = z.uuid('a proxy id is a UUID');
const Fields = {
  name: z.string().trim().min(1, 'a name is required').max(100),
  url: z.string().min(1).max(2048).describe('scheme://[user@]host:port (http, https or socks5); no password: use credentialId'),
  tier: z.enum(TIERS),
  country: z.string().regex(/^[A-Za-z]{2}$/, 'a two-letter country code (ISO 3166-1 alpha-2)').transform((c) => c.toUpperCase()).nullable(),
  credentialId: z.uuid('a credential id is a UUID').nullable().describe('The credential holding the proxy password (kind "proxy")'),
  enabled: z.boolean(),
};

const ProxyView = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  tier: z.enum(TIERS),
  country: z.string().nullable(),
  credentialId: z.string().nullable(),
  enabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

function view(p: ProxyEntry): z.infer<typeof ProxyView> {
  return { id: p.id, name: p.name, url: p.url, tier: p.tier, country: p.country, credentialId: p.credentialId, enabled: p.enabled, createdAt: p.createdAt, updatedAt: p.updatedAt };
}

const TAGS = ['proxies'];
const notFound = (id: string) => new ApiError('NOT_FOUND', `No proxy ${id} in this workspace`);

export const proxiesRouter = router({
  create: adminProcedure
    .meta({ openapi: { method: 'POST', path: '/proxies', tags: TAGS, summary: 'Add a proxy', description: 'A proxy URL without password; the password lives in the credential named by credentialId.' }, successStatus: 201 })
    .input(z.strictObject({ ...Fields, country: Fields.country.optional(), credentialId: Fields.credentialId.optional(), enabled: Fields.enabled.default(true) }))
    .output(ProxyView)
    .mutation(async ({ ctx, input }) => {
      const app = appOf(ctx);
      const url = checkProxyUrl(input.url);
      const created = await appCall(() => app.createProxy({ workspaceId: workspaceOf(ctx), name: input.name, url, tier: input.tier, country: input.country ?? null, credentialId: input.credentialId ?? null, enabled: input.enabled }));
      ctx.logger.debug('proxy created', { proxyId: created.id, tier: created.tier, credentialId: created.credentialId });
      return view(created);
    }),

  list: viewerProcedure
    .meta({ openapi: { method: 'GET', path: '/proxies', tags: TAGS, summary: 'List proxies' } })
    .input(z.strictObject({}))
    .output(z.object({ proxies: z.array(ProxyView) }))
    .query(async ({ ctx }) => ({ proxies: (await appOf(ctx).listProxies(workspaceOf(ctx))).map(view) })),

  update: adminProcedure
    .meta({ openapi: { method: 'PATCH', path: '/proxies/{proxyId}', tags: TAGS, summary: 'Change a proxy', description: 'Only the fields given change; credentialId null removes the credential.' } })
    .input(z.strictObject({ proxyId: ProxyIdSchema, name: Fields.name.optional(), url: Fields.url.optional(), tier: Fields.tier.optional(), country: Fields.country.optional(), credentialId: Fields.credentialId.optional(), enabled: Fields.enabled.optional() }))
    .output(ProxyView)
    .mutation(async ({ ctx, input }) => {
      const { proxyId, ...patch } = input;
      if (patch.url !== undefined) patch.url = checkProxyUrl(patch.url);
      const updated = await appCall(() => appOf(ctx).updateProxy(workspaceOf(ctx), proxyId, patch));
      if (!updated) throw notFound(proxyId);
      return view(updated);
    }),

  delete: adminProcedure
    .meta({ openapi: { method: 'DELETE', path: '/proxies/{proxyId}', tags: TAGS, summary: 'Delete a proxy' } })
    .input(z.strictObject({ proxyId: ProxyIdSchema }))
    .output(z.object({ deleted: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      if (!(await appCall(() => appOf(ctx).deleteProxy(workspaceOf(ctx), input.proxyId)))) throw notFound(input.proxyId);
      return { deleted: true as const };
    }),
});
