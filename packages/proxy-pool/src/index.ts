export { PROXY_TIERS, nextProxyTier, isProxyTier, type ProxyTier } from './tiers.ts';
export { redactProxyUrl } from './redact.ts';
export {
  PROXY_SCHEMES, ProxyPoolConfigSchema, ProxyTemplateSchema, ProxyTierSchema, StaticProxySchema, parseProxyPoolConfig,
  type ProxyPoolConfig, type ProxyPoolConfigInput, type ProxyTemplateConfig, type StaticProxyConfig,
} from './config.ts';
export { TEMPLATE_PLACEHOLDERS, parseTemplate, renderTemplate, type ParsedTemplate, type PlaceholderUse, type TemplatePlaceholder, type TemplateValues } from './template.ts';
export { ProxyLease, type ProxyLeaseInit } from './lease.ts';
export type { ProxyFailureKind, ProxyState } from './member.ts';
export { ProxyPool, type ProxyPoolEvent, type ProxyPoolOptions, type ProxySelectOptions } from './pool.ts';
export type { HealthCheckReport, ProxyHealthChecker } from './health.ts';
export type { ProxyPoolStats, ProxyStats } from './stats.ts';
export { proxyFailureKind } from './failure-kind.ts';
export { proxyProviderFrom } from './engine-provider.ts';
