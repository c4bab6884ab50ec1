import type { ProxyTemplateConfig, StaticProxyConfig } from './config.ts';
import { redactProxyUrl } from './redact.ts';
import { parseTemplate, renderTemplate, type ParsedTemplate } from './template.ts';
import type { ProxyTier } from './tiers.ts';

export type ProxyState = 'available' | 'cooling' | 'removed';
export type ProxyFailureKind = 'connect' | 'auth' | 'timeout' | 'blocked';

/** A fixed proxy or a provider template, with its health. Mutable state owned by ProxyPool. */
export class ProxyMember {
  readonly id: string;
  readonly kind: 'static' | 'template';
  readonly provider: string;
  readonly tier: ProxyTier;
  /** Redacted scheme://host:port. */
  readonly endpoint: string;
  readonly #static: StaticProxyConfig | undefined;
  readonly #template: ProxyTemplateConfig | undefined;
  readonly #parsed: ParsedTemplate | undefined;

  /** Consecutive failures since the last success. */
  failures = 0;
  totalFailures = 0;
  successes = 0;
  totalMs = 0;
  inFlight = 0;
  cooldownUntil = 0;
  readonly domainCooldowns = new Map<string, number>();
  removed: { reason: string; kind: 'auth' | 'failures'; at: number } | undefined;
  lastSelectedSeq = 0;
  lastHealthCheck: { at: number; ok: boolean } | undefined;

  constructor(id: string, source: { static: StaticProxyConfig } | { template: ProxyTemplateConfig }) {
    this.id = id;
    if ('static' in source) {
      this.kind = 'static';
      this.#static = source.static;
      this.tier = source.static.tier;
      this.endpoint = redactProxyUrl(source.static.url);
      this.provider = source.static.provider ?? new URL(source.static.url).hostname;
    } else {
      this.kind = 'template';
      this.#template = source.template;
      this.#parsed = parseTemplate(source.template.template);
      this.tier = source.template.tier;
      this.endpoint = redactProxyUrl(source.template.template);
      this.provider = source.template.provider;
    }
  }

  /** The country this member's URL will carry for a request asking for `country` (undefined: none). */
  countryFor(country: string | undefined): string | undefined {
    if (this.#static) return this.#static.country?.toLowerCase();
    return country?.toLowerCase() ?? this.#template?.defaultCountry?.toLowerCase();
  }

  canServeCountry(country: string | undefined): boolean {
    if (this.#static) return country === undefined || this.#static.country?.toLowerCase() === country.toLowerCase();
    const use = this.#parsed?.use('country') ?? 'none';
    const t = this.#template as ProxyTemplateConfig;
    if (country === undefined) return use !== 'required' || t.defaultCountry !== undefined;
    if (use === 'none') return false;
    return !t.countries || t.countries.some((c) => c.toLowerCase() === country.toLowerCase());
  }

  /** Whether a lease needs a provider session token: always for a required {session}, only for sticky sessions when optional. */
  needsSessionToken(sticky: boolean): boolean {
    const use = this.#parsed?.use('session') ?? 'none';
    return use === 'required' || (use === 'optional' && sticky);
  }

  urlFor(country: string | undefined, sessionToken: string | undefined): string {
    if (this.#static) return this.#static.url;
    const t = this.#template as ProxyTemplateConfig;
    const c = country ?? t.defaultCountry ?? (this.#parsed?.use('country') === 'required' ? t.countries?.[0] : undefined);
    const values = {
      username: t.username, password: t.password, session: sessionToken,
      country: c === undefined ? undefined : t.countryCase === 'upper' ? c.toUpperCase() : c.toLowerCase(),
    };
    return renderTemplate(this.#parsed as ParsedTemplate, values);
  }

  state(now: number): ProxyState {
    if (this.removed) return 'removed';
    return this.cooldownUntil > now ? 'cooling' : 'available';
  }

  isUsable(now: number, domain: string | undefined): boolean {
    if (this.state(now) !== 'available') return false;
    if (domain === undefined) return true;
    const until = this.domainCooldowns.get(domain);
    if (until === undefined) return true;
    if (until > now) return false;
    this.domainCooldowns.delete(domain);
    return true;
  }

  coolingDomains(now: number): string[] {
    return [...this.domainCooldowns].filter(([, until]) => until > now).map(([d]) => d);
  }
}
