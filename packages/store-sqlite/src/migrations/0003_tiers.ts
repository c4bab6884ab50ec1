import type { Migration } from './migration.ts';

/**
 * Fetch tiers and proxy tiers: the proxy tier of every row (rows stored before it read "none"), and the tier memory
 * kept between runs (per domain, dimension and tier: the latest outcomes as JSON [[epochMs, 0|1], ...]).
 */
export const tiers: Migration = {
  version: 3,
  name: 'tiers',
  up: `
    ALTER TABLE results ADD COLUMN proxy_tier TEXT NOT NULL DEFAULT 'none';
    CREATE TABLE tier_memory (
      domain TEXT NOT NULL,
      dimension TEXT NOT NULL,
      tier TEXT NOT NULL,
      samples_json TEXT NOT NULL,
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (domain, dimension, tier)
    );
  `,
  down: `
    DROP TABLE tier_memory;
    ALTER TABLE results DROP COLUMN proxy_tier;
  `,
};
