/** The two ladders a request climbs: fetch tiers (http, browser, stealth) and proxy tiers (none, datacenter, ...). */
export type TierDimension = 'fetch' | 'proxy';

/** One outcome at a tier: `at` in epoch ms. */
export interface TierSample {
  at: number;
  ok: boolean;
}

/** What a tier memory keeps for one (domain, dimension, tier): its latest outcomes, oldest first. */
export interface TierMemoryEntry {
  domain: string;
  dimension: TierDimension;
  tier: string;
  samples: TierSample[];
}

/**
 * Per-domain memory of which tiers work, so a request starts at the cheapest tier that does. Implementations decay
 * old outcomes, so a site that stops blocking goes back to the cheap tier.
 */
export interface TierMemory {
  /** An outcome at `tier` for `domain`: ok when the tier got the page, not ok when it was blocked there. */
  record(domain: string, dimension: TierDimension, tier: string, ok: boolean): void;
  /** The tier to start with, out of `tiers` (cheapest first, never empty). */
  choose<T extends string>(domain: string, dimension: TierDimension, tiers: readonly T[]): T;
}
