import type { TierDimension, TierMemoryEntry } from '@scrapifie/engine';
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.ts';

const FORGET_AFTER = '30 days';

/** Every kept tier memory entry. */
export async function loadTierMemory(db: Kysely<DB>): Promise<TierMemoryEntry[]> {
  const rows = await db.selectFrom('tier_memory').select(['domain', 'dimension', 'tier', 'samples']).execute();
  return rows.map((r) => ({
    domain: r.domain,
    dimension: r.dimension as TierDimension,
    tier: r.tier,
    samples: (Array.isArray(r.samples) ? r.samples : []).filter((s) => Array.isArray(s) && typeof s[0] === 'number').map((s) => ({ at: s[0], ok: s[1] === 1 })),
  }));
}

/**
 * Upserts the entries in one transaction (an entry without samples is deleted; the last of two
 * entries for one key wins) and forgets entries idle for 30 days. Workers saving at once each win per entry.
 */
export async function saveTierMemory(db: Kysely<DB>, entries: TierMemoryEntry[]): Promise<void> {
  const byKey = new Map<string, TierMemoryEntry>();
  for (const e of entries) byKey.set(JSON.stringify([e.domain, e.dimension, e.tier]), e);
  const keep = [...byKey.values()].filter((e) => e.samples.length > 0);
  const drop = [...byKey.values()].filter((e) => e.samples.length === 0);
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < keep.length; i += 1000) {
      await trx
        .insertInto('tier_memory')
        .values(
          keep.slice(i, i + 1000).map((e) => ({
            domain: e.domain,
            dimension: e.dimension,
            tier: e.tier,
            samples: JSON.stringify(e.samples.map((s) => [s.at, s.ok ? 1 : 0])),
          })),
        )
        .onConflict((oc) => oc.columns(['domain', 'dimension', 'tier']).doUpdateSet({ samples: (eb) => eb.ref('excluded.samples'), updated_at: sql<Date>`now()` }))
        .execute();
    }
    for (const e of drop) {
      await trx.deleteFrom('tier_memory').where('domain', '=', e.domain).where('dimension', '=', e.dimension).where('tier', '=', e.tier).execute();
    }
    await trx.deleteFrom('tier_memory').where('updated_at', '<', sql<Date>`now() - ${FORGET_AFTER}::interval`).execute();
  });
}
