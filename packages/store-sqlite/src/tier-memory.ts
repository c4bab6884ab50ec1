import type { Database } from 'better-sqlite3';
import type { TierDimension, TierMemoryEntry, TierSample } from '@scrapifie/engine';
import type { PreparedQueries, TierMemoryRecord } from './queries.ts';

const FORGET_AFTER_MS = 30 * 24 * 3600_000;

function parseSamples(json: string): TierSample[] {
  const raw = JSON.parse(json) as unknown;
  if (!Array.isArray(raw)) return [];
  const out: TierSample[] = [];
  for (const s of raw) {
    if (Array.isArray(s) && typeof s[0] === 'number') out.push({ at: s[0], ok: s[1] === 1 });
  }
  return out;
}

/** Every kept tier memory entry. */
export function loadTierMemory(q: PreparedQueries): TierMemoryEntry[] {
  return (q.loadTierMemory.all() as TierMemoryRecord[]).map((r) => ({
    domain: r.domain,
    dimension: r.dimension as TierDimension,
    tier: r.tier,
    samples: parseSamples(r.samples_json),
  }));
}

/** Upserts the entries in one transaction (an entry without samples is deleted) and forgets entries idle for 30 days. */
export function tierMemorySaver(db: Database, q: PreparedQueries): (entries: TierMemoryEntry[]) => void {
  return db.transaction((entries: TierMemoryEntry[]) => {
    const now = Date.now();
    for (const e of entries) {
      const key = { domain: e.domain, dimension: e.dimension, tier: e.tier };
      if (e.samples.length === 0) q.deleteTierMemory.run(key);
      else q.saveTierMemory.run({ ...key, samplesJson: JSON.stringify(e.samples.map((s) => [s.at, s.ok ? 1 : 0])), now });
    }
    q.pruneTierMemory.run(now - FORGET_AFTER_MS);
  });
}
