import type { AppStore } from '@scrapifie/engine';
import type { Recipe } from '@scrapifie/recipe';
import { ApiError } from '../errors.ts';

/**
 * Per-workspace quotas, the same for every workspace of the server. `pagesPerMonth`: pages a workspace's runs may
 * fetch in a calendar month (UTC). Each run reserves the most pages it may fetch before it starts (its recipe's
 * limits.maxPages; `maxPagesPerRun` for a recipe without one, which the run is then capped to) and gives back what it
 * did not use when it ends, so concurrent starts never overspend.
 */
export interface WorkspaceQuotas {
  pagesPerMonth?: number | undefined;
  /** The pages reserved for (and the cap of) a run whose recipe sets no limits.maxPages. Default 1000. */
  maxPagesPerRun?: number | undefined;
}

export const PAGES_METRIC = 'pages';
const DEFAULT_MAX_PAGES_PER_RUN = 1000;

/** Pages reserved for one run, given back (in part) when it ends. */
export interface PageReservation {
  workspaceId: string;
  period: string;
  reserved: number;
}

/** The calendar month (UTC) of a time, as quota periods name it: "2030-01". */
export function monthOf(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 7);
}

function checkQuotas(q: WorkspaceQuotas): void {
  for (const [name, v] of Object.entries(q)) {
    if (v !== undefined && (!Number.isInteger(v) || v < 0)) throw new RangeError(`quotas.${name} must be a whole number >= 0, got ${v}`);
  }
}

/**
 * The recipe as the run will use it and the pages to reserve: a recipe without limits.maxPages gets maxPagesPerRun,
 * so it cannot fetch more than it reserved. Without a pages quota the recipe is unchanged and nothing is reserved.
 */
export function planPages(quotas: WorkspaceQuotas | undefined, recipe: Recipe): { recipe: Recipe; pages: number | null } {
  if (quotas?.pagesPerMonth === undefined) return { recipe, pages: null };
  checkQuotas(quotas);
  const given = recipe.limits.maxPages;
  if (given !== undefined) return { recipe, pages: given };
  const pages = quotas.maxPagesPerRun ?? DEFAULT_MAX_PAGES_PER_RUN;
  return { recipe: { ...recipe, limits: { ...recipe.limits, maxPages: pages } }, pages };
}

/** Reserves `pages` of the workspace's monthly quota in one atomic step, or refuses with QUOTA_EXCEEDED (402). */
export async function reservePages(app: AppStore, quotas: WorkspaceQuotas, workspaceId: string, pages: number, now: number): Promise<PageReservation> {
  const limit = quotas.pagesPerMonth!;
  const period = monthOf(now);
  const r = await app.consumeQuota(workspaceId, { metric: PAGES_METRIC, period, amount: pages, limit });
  if (!r.granted) {
    throw new ApiError(
      'QUOTA_EXCEEDED',
      `Quota pagesPerMonth exceeded: ${r.remaining} of the workspace's ${limit} pages for ${period} are left, and this request may fetch up to ${pages}` +
        ' (set limits.maxPages lower, or wait for next month)',
    );
  }
  return { workspaceId, period, reserved: pages };
}

/** Gives back the part of a reservation that the run did not use. */
export async function settleReservation(app: AppStore, r: PageReservation, pagesUsed: number): Promise<void> {
  const unused = r.reserved - Math.min(r.reserved, pagesUsed);
  if (unused > 0) await app.refundQuota(r.workspaceId, { metric: PAGES_METRIC, period: r.period, amount: unused });
}
