import type { TierDimension, TierMemory, TierMemoryEntry } from '../ports/tier-memory.ts';

export interface InMemoryTierMemoryOptions {
  /** Epoch ms (default Date.now): inject a clock to test decay. */
  now?: () => number;
  /** An outcome's weight halves every `halfLifeMs` (default 30 minutes). */
  halfLifeMs?: number;
  /** Outcomes kept per (domain, dimension, tier) (default 50). */
  window?: number;
  /** A tier is worth starting at while its score is at least this (default 0.5). */
  minScore?: number;
}

/** Below this weight (12 half-lives) an outcome no longer counts and is dropped. */
const NEGLIGIBLE = 2 ** -12;

function keyOf(domain: string, dimension: TierDimension, tier: string): string {
  return `${dimension}\u0000${domain}\u0000${tier}`;
}

/**
 * The tier memory of one process: per (domain, dimension, tier) the latest `window` outcomes, each weighted by its age
 * (halving every `halfLifeMs`). A tier's score is (weighted successes + 1) / (weighted outcomes + 1): 1 with no
 * evidence, near its success rate with fresh evidence, and back towards 1 as the evidence ages. So a tier that was
 * blocked is skipped for a while (longer the more often it failed), then tried again.
 * choose() takes the cheapest tier scoring at least `minScore` (so one fresh failure alone never skips a tier; two do),
 * else the best-scoring one.
 */
export class InMemoryTierMemory implements TierMemory {
  private readonly entries = new Map<string, TierMemoryEntry>();
  private readonly dirty = new Set<string>();
  private readonly now: () => number;
  private readonly halfLifeMs: number;
  private readonly window: number;
  private readonly minScore: number;

  constructor(opts: InMemoryTierMemoryOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.halfLifeMs = opts.halfLifeMs ?? 30 * 60_000;
    this.window = opts.window ?? 50;
    this.minScore = opts.minScore ?? 0.5;
    if (!(this.halfLifeMs > 0)) throw new RangeError(`tier memory halfLifeMs must be > 0, got ${opts.halfLifeMs}`);
    if (!Number.isInteger(this.window) || this.window < 1) throw new RangeError(`tier memory window must be a whole number >= 1, got ${opts.window}`);
    if (!(this.minScore >= 0 && this.minScore < 1)) throw new RangeError(`tier memory minScore must be in [0, 1), got ${opts.minScore}`);
  }

  record(domain: string, dimension: TierDimension, tier: string, ok: boolean): void {
    const key = keyOf(domain, dimension, tier);
    let e = this.entries.get(key);
    if (!e) {
      e = { domain, dimension, tier, samples: [] };
      this.entries.set(key, e);
    }
    e.samples.push({ at: this.now(), ok });
    if (e.samples.length > this.window) e.samples.splice(0, e.samples.length - this.window);
    this.dirty.add(key);
  }

  /** The tier's decayed success score in (0, 1]; 1 when nothing recent is known. */
  score(domain: string, dimension: TierDimension, tier: string): number {
    const e = this.entries.get(keyOf(domain, dimension, tier));
    if (!e) return 1;
    const now = this.now();
    let weight = 0;
    let good = 0;
    for (const s of e.samples) {
      const w = 2 ** (-Math.max(0, now - s.at) / this.halfLifeMs);
      if (w < NEGLIGIBLE) continue;
      weight += w;
      if (s.ok) good += w;
    }
    return (good + 1) / (weight + 1);
  }

  choose<T extends string>(domain: string, dimension: TierDimension, tiers: readonly T[]): T {
    if (tiers.length === 0) throw new RangeError('choose() needs at least one tier');
    let best = tiers[0] as T;
    let bestScore = -1;
    for (const t of tiers) {
      const s = this.score(domain, dimension, t);
      if (s >= this.minScore) return t;
      if (s > bestScore) {
        best = t;
        bestScore = s;
      }
    }
    return best;
  }

  /** Replaces what is known for each entry's (domain, dimension, tier), e.g. with what a store kept from earlier runs. */
  load(entries: readonly TierMemoryEntry[]): void {
    for (const e of entries) {
      const samples = e.samples.filter((s) => Number.isFinite(s.at)).slice(-this.window);
      this.entries.set(keyOf(e.domain, e.dimension, e.tier), { domain: e.domain, dimension: e.dimension, tier: e.tier, samples: samples.map((s) => ({ at: s.at, ok: s.ok === true })) });
    }
  }

  /** Entries recorded since the last call (for saving), without outcomes too old to count any more. */
  takeChanged(): TierMemoryEntry[] {
    const now = this.now();
    const horizon = 12 * this.halfLifeMs;
    const out: TierMemoryEntry[] = [];
    for (const key of this.dirty) {
      const e = this.entries.get(key);
      if (e) out.push({ ...e, samples: e.samples.filter((s) => now - s.at < horizon).map((s) => ({ ...s })) });
    }
    this.dirty.clear();
    return out;
  }

  /** Everything known, for reports and tests. */
  snapshot(): TierMemoryEntry[] {
    return [...this.entries.values()].map((e) => ({ ...e, samples: e.samples.map((s) => ({ ...s })) }));
  }
}

