import { InvalidInputError, issuesOf } from '@scrapifie/recipe';
import { z } from 'zod';
import { redactProxyUrl } from './redact.ts';
import { parseTemplate, renderTemplate, TEMPLATE_PLACEHOLDERS } from './template.ts';
import { PROXY_TIERS } from './tiers.ts';

export const PROXY_SCHEMES = ['http', 'https', 'socks5', 'socks5h'] as const;

export const ProxyTierSchema = z.enum(PROXY_TIERS);
const CountrySchema = z.string().regex(/^[A-Za-z]{2}$/, 'a country is a two-letter code such as "us" or "de"');
const IdSchema = z.string().regex(/^[\w.:-]{1,100}$/, 'an id is 1-100 letters, digits or . _ : -');
const ProviderSchema = z.string().trim().min(1).max(100);

/** Adds an issue when `raw` is not an absolute proxy URL with an allowed scheme; never quotes a password. */
function checkProxyUrl(raw: string, ctx: z.RefinementCtx, path: PropertyKey[]): void {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    ctx.addIssue({ code: 'custom', path, message: `"${redactProxyUrl(raw)}" is not a valid proxy URL (expected e.g. http://user:pass@host:8000)` });
    return;
  }
  const scheme = url.protocol.slice(0, -1);
  if (!(PROXY_SCHEMES as readonly string[]).includes(scheme)) {
    ctx.addIssue({ code: 'custom', path, message: `scheme "${scheme}" of ${redactProxyUrl(raw)} is not supported; use ${PROXY_SCHEMES.join(', ')}` });
  } else if (!url.hostname) {
    ctx.addIssue({ code: 'custom', path, message: `${redactProxyUrl(raw)} has no host` });
  }
}

const StaticProxyObjectSchema = z
  .strictObject({
    id: IdSchema.optional(),
    url: z.string().min(1),
    tier: ProxyTierSchema.default('datacenter'),
    /** Default: the proxy's host name. Selection balances load across providers. */
    provider: ProviderSchema.optional(),
    country: CountrySchema.optional(),
  })
  .superRefine((p, ctx) => checkProxyUrl(p.url, ctx, ['url']));

/** One fixed proxy. A bare string is shorthand for `{ url }`. */
export const StaticProxySchema = z.union([
  z.string().transform((url) => ({ url })).pipe(StaticProxyObjectSchema),
  StaticProxyObjectSchema,
]);

/** A provider gateway whose URL carries the session and country as parameters (see template.ts). */
export const ProxyTemplateSchema = z
  .strictObject({
    id: IdSchema.optional(),
    template: z.string().min(1),
    username: z.string().min(1).optional(),
    password: z.string().min(1).optional(),
    tier: ProxyTierSchema,
    provider: ProviderSchema,
    /** Countries the provider serves; default: any country asked for. */
    countries: z.array(CountrySchema).min(1).optional(),
    /** Used when a request names no country and the template's {country} is required. */
    defaultCountry: CountrySchema.optional(),
    countryCase: z.enum(['lower', 'upper']).default('lower'),
  })
  .superRefine((t, ctx) => {
    let parsed;
    try {
      parsed = parseTemplate(t.template);
    } catch (e) {
      ctx.addIssue({ code: 'custom', path: ['template'], message: (e as Error).message });
      return;
    }
    for (const name of ['username', 'password'] as const) {
      if (parsed.use(name) !== 'none' && t[name] === undefined) {
        ctx.addIssue({ code: 'custom', path: [name], message: `the template uses {${name}}: set "${name}"` });
      }
    }
    const country = parsed.use('country');
    if (country === 'none' && (t.countries || t.defaultCountry)) {
      ctx.addIssue({ code: 'custom', path: ['template'], message: 'countries/defaultCountry are set but the template has no {country} placeholder' });
    }
    if (country === 'required' && !t.defaultCountry && !t.countries) {
      ctx.addIssue({
        code: 'custom', path: ['template'],
        message: 'the template requires {country}: set defaultCountry or countries, or make that part optional with [...]',
      });
    }
    const sample = Object.fromEntries(TEMPLATE_PLACEHOLDERS.map((p) => [p, p === 'country' ? 'us' : 'x']));
    checkProxyUrl(renderTemplate(parsed, sample), ctx, ['template']);
  });

export const ProxyPoolConfigSchema = z
  .strictObject({
    proxies: z.array(StaticProxySchema).default([]),
    templates: z.array(ProxyTemplateSchema).default([]),
    /** How long a failing proxy rests (for one domain when the failure was a block or a timeout there). */
    cooldownMs: z.number().int().min(0).default(30_000),
    /** Consecutive failures after which a proxy leaves the pool until a health check brings it back. */
    maxFailuresBeforeRemoval: z.number().int().min(1).default(5),
    healthCheckIntervalMs: z.number().int().min(1000).default(60_000),
    /** Bound on one health check call (the checker should also bound itself). */
    healthCheckTimeoutMs: z.number().int().min(100).default(10_000),
    /** A sticky session moves to a fresh exit (new proxy or provider session) after this many uses. */
    maxUsagePerSession: z.number().int().min(1).default(50),
    /** A sticky session unused for this long is forgotten. */
    sessionIdleMs: z.number().int().min(1000).default(30 * 60_000),
    /** A lease never reported back stops counting towards its provider's load after this long. */
    leaseTimeoutMs: z.number().int().min(1000).default(5 * 60_000),
  })
  .superRefine((c, ctx) => {
    if (c.proxies.length === 0 && c.templates.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['proxies'], message: 'a proxy pool needs at least one proxy or template' });
    }
    const seen = new Set<string>();
    for (const [list, entries] of [['proxies', c.proxies], ['templates', c.templates]] as const) {
      entries.forEach((e, i) => {
        if (e.id === undefined) return;
        if (seen.has(e.id)) ctx.addIssue({ code: 'custom', path: [list, i, 'id'], message: `duplicate proxy id "${e.id}"` });
        seen.add(e.id);
      });
    }
  });

export type ProxyPoolConfigInput = z.input<typeof ProxyPoolConfigSchema>;
export type ProxyPoolConfig = z.output<typeof ProxyPoolConfigSchema>;
export type StaticProxyConfig = z.output<typeof StaticProxySchema>;
export type ProxyTemplateConfig = z.output<typeof ProxyTemplateSchema>;

/** Validates and fills defaults; throws InvalidInputError (INVALID_INPUT) naming each bad entry, never a password. */
export function parseProxyPoolConfig(input: unknown): ProxyPoolConfig {
  const r = ProxyPoolConfigSchema.safeParse(input);
  if (r.success) return r.data;
  const issues = issuesOf(r.error);
  const lines = issues.map((i) => `  ${i.path}: ${i.message}`).join('\n');
  throw new InvalidInputError('INVALID_INPUT', `The proxy pool configuration is not valid:\n${lines}`, issues);
}
