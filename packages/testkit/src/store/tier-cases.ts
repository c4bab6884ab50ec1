import type { TierMemoryEntry } from '@scrapifie/engine';
import { expect, it } from 'vitest';
import { req, row, type StoreContext } from './fixtures.ts';

const byKey = (a: TierMemoryEntry, b: TierMemoryEntry): number =>
  `${a.domain} ${a.dimension} ${a.tier}`.localeCompare(`${b.domain} ${b.dimension} ${b.tier}`);

/** describeStore's cases for what the tiered fetcher keeps: each row's proxy tier, and the tier memory between runs. */
export function tierCases(ctx: StoreContext): void {
  it('keeps the proxy tier of each row ("none" when not given)', async () => {
    const { store, runId } = ctx;
    await store.addRequests(runId, [req('p')]);
    const [r] = await store.claimRequests(runId, 1, 0);
    await store.completeRequest(runId, r!.id, { rows: [{ ...row('a'), tier: 'stealth', proxyTier: 'residential' }, row('b')], newRequests: [] });
    const rows = await store.results(runId, { limit: 10 });
    expect(rows.map((x) => [x.key, x.tier, x.proxyTier])).toEqual([['a', 'stealth', 'residential'], ['b', 'http', 'none']]);
  });

  it('keeps the tier memory for every handle: upserts by domain, dimension and tier, and deletes emptied entries', async () => {
    const { store, fixture } = ctx;
    if (!store.loadTierMemory || !store.saveTierMemory) throw new Error('this store keeps no tier memory (loadTierMemory/saveTierMemory)');
    expect(await store.loadTierMemory()).toEqual([]);
    const first: TierMemoryEntry[] = [
      { domain: 'shop.example', dimension: 'fetch', tier: 'browser', samples: [{ at: 1000, ok: false }, { at: 2000, ok: true }] },
      { domain: 'shop.example', dimension: 'proxy', tier: 'datacenter', samples: [{ at: 1500, ok: true }] },
      { domain: 'news.example', dimension: 'fetch', tier: 'http', samples: [{ at: 900, ok: true }] },
    ];
    await store.saveTierMemory(first);
    const other = await fixture.connect();
    ctx.extra.push(other);
    expect((await other.loadTierMemory!()).sort(byKey)).toEqual([...first].sort(byKey));
    await other.saveTierMemory!([
      { domain: 'shop.example', dimension: 'fetch', tier: 'browser', samples: [{ at: 3000, ok: true }] },
      { domain: 'news.example', dimension: 'fetch', tier: 'http', samples: [] },
    ]);
    expect((await store.loadTierMemory()).sort(byKey)).toEqual([
      { domain: 'shop.example', dimension: 'fetch', tier: 'browser', samples: [{ at: 3000, ok: true }] },
      first[1],
    ]);
    await store.saveTierMemory([]);
    expect(await store.loadTierMemory()).toHaveLength(2);
  });
}
