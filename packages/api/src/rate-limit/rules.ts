import { checkRateLimitRule, type RateLimitRule } from '@scrapifie/engine';

export interface RateLimitSetting {
  limit: number;
  windowMs: number;
}

/**
 * The API's own rate limits, per API key when the caller uses one and per client address otherwise: `auth` for
 * sign-in, sign-up and token refresh (tRPC `auth.*`, REST `/auth/...`), `designer` for the live page's pointer and
 * input calls (many a second while someone designs), `general` for everything else.
 */
export interface RateLimitSettings {
  auth?: RateLimitSetting | undefined;
  designer?: RateLimitSetting | undefined;
  general?: RateLimitSetting | undefined;
  /** Take the client address from X-Forwarded-For: only behind a reverse proxy that sets it (anyone can send one). */
  trustProxy?: boolean | undefined;
}

export const DEFAULT_RATE_LIMITS: Record<'auth' | 'designer' | 'general', RateLimitSetting> = {
  auth: { limit: 5, windowMs: 60_000 },
  designer: { limit: 1200, windowMs: 60_000 },
  general: { limit: 100, windowMs: 60_000 },
};

export type RuleName = keyof typeof DEFAULT_RATE_LIMITS;

export function resolveRules(settings: RateLimitSettings | undefined): Record<RuleName, RateLimitRule> {
  const pick = (name: RuleName): RateLimitRule => {
    const rule = { name, ...DEFAULT_RATE_LIMITS[name], ...settings?.[name] };
    checkRateLimitRule(rule);
    return rule;
  };
  return { auth: pick('auth'), designer: pick('designer'), general: pick('general') };
}

/** The rule of one tRPC procedure path ("auth.login", "runs.list"). */
export function ruleOfProcedure(path: string): RuleName {
  if (path.startsWith('auth.')) return 'auth';
  if (path.startsWith('designer.')) return 'designer';
  return 'general';
}

/** The rule of one REST path under /api/v1 ("/auth/login", "/runs"). */
export function ruleOfRestPath(path: string): RuleName {
  if (path === '/auth' || path.startsWith('/auth/')) return 'auth';
  if (path.startsWith('/designer/')) return 'designer';
  return 'general';
}

/**
 * How many calls of each rule one HTTP request makes: a tRPC batch ("/trpc/a.b,c.d") counts each procedure, so
 * batching never gets around a limit. `sub` is the path after /trpc/ or /api/v1.
 */
export function costsOf(kind: 'trpc' | 'rest', sub: string): Map<RuleName, number> {
  const costs = new Map<RuleName, number>();
  const add = (r: RuleName): void => {
    costs.set(r, (costs.get(r) ?? 0) + 1);
  };
  if (kind === 'rest') add(ruleOfRestPath(sub));
  else {
    let names: string[];
    try {
      names = decodeURIComponent(sub).split(',');
    } catch {
      names = [sub];
    }
    for (const n of names.slice(0, 1000)) add(ruleOfProcedure(n));
  }
  return costs;
}
