import type { ProxyMember } from './member.ts';

/** "Shop.Example." or "https://shop.example/x" → "shop.example": the key of per-domain cooldowns. */
export function normalizeDomain(domain: string): string {
  let host = domain.trim().toLowerCase();
  if (host.includes('://')) {
    try {
      host = new URL(host).hostname;
    } catch {
      // not a URL after all: keep the text as the domain key
    }
  }
  return host.replace(/\.$/, '');
}

export function lexicographicallyLess(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] ?? 0) < (b[i] ?? 0);
  return false;
}

/** How events and removal reasons name a proxy (redacted). */
export function describe(m: ProxyMember): string {
  return `proxy "${m.id}" (${m.endpoint}, provider ${m.provider}, ${m.tier})`;
}
