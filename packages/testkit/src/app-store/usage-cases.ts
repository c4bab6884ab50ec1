import type { AppStore } from '@scrapifie/engine';
import { expect, it } from 'vitest';
import type { AppStoreContext } from './fixtures.ts';

const day = (d: string, hour = 12): string => `${d}T${String(hour).padStart(2, '0')}:00:00.000Z`;

/** describeAppStore's cases for metering: usage by day and month, and quotas that never overspend. */
export function usageCases(ctx: AppStoreContext): void {
  it('sums usage by day and by month, per workspace', async () => {
    const { store, owner, workspace } = ctx;
    const other = await store.createWorkspace({ name: 'Other', ownerId: owner.id });
    await store.recordUsage(workspace.id, { at: day('2030-01-30', 1), pagesByTier: { http: 10, browser: 2 }, bytes: 1000, browserSeconds: 1.5 });
    await store.recordUsage(workspace.id, { at: day('2030-01-30', 23), pagesByTier: { http: 5 }, bytes: 500 });
    await store.recordUsage(workspace.id, { at: day('2030-01-31'), pagesByTier: { stealth: 1 }, browserSeconds: 2.25 });
    await store.recordUsage(workspace.id, { at: day('2030-02-01'), pagesByTier: { http: 7 }, bytes: 5_000_000_000 });
    await store.recordUsage(other.id, { at: day('2030-01-30'), pagesByTier: { http: 99 } });

    expect(await store.usage(workspace.id, { granularity: 'day' })).toEqual([
      { period: '2030-01-30', pagesByTier: { http: 15, browser: 2, stealth: 0 }, pages: 17, bytes: 1500, browserSeconds: 1.5 },
      { period: '2030-01-31', pagesByTier: { http: 0, browser: 0, stealth: 1 }, pages: 1, bytes: 0, browserSeconds: 2.25 },
      { period: '2030-02-01', pagesByTier: { http: 7, browser: 0, stealth: 0 }, pages: 7, bytes: 5_000_000_000, browserSeconds: 0 },
    ]);
    expect(await store.usage(workspace.id, { granularity: 'month' })).toEqual([
      { period: '2030-01', pagesByTier: { http: 15, browser: 2, stealth: 1 }, pages: 18, bytes: 1500, browserSeconds: 3.75 },
      { period: '2030-02', pagesByTier: { http: 7, browser: 0, stealth: 0 }, pages: 7, bytes: 5_000_000_000, browserSeconds: 0 },
    ]);
    expect((await store.usage(workspace.id, { granularity: 'day', from: '2030-01-31', to: '2030-01-31' })).map((u) => u.period)).toEqual(['2030-01-31']);
    expect((await store.usage(other.id, { granularity: 'month' })).map((u) => u.pages)).toEqual([99]);
    await expect(store.usage(workspace.id, { granularity: 'day', from: 'January' })).rejects.toThrow(/YYYY-MM-DD/);
    await expect(store.recordUsage(workspace.id, { at: day('2030-01-01'), bytes: -1 })).rejects.toThrow(/bytes/);
  });

  it('consumes quota up to the limit, refuses what would pass it, and refunds', async () => {
    const { store, workspace } = ctx;
    const q = { metric: 'pages', period: '2030-01' };
    expect(await store.consumeQuota(workspace.id, { ...q, amount: 60, limit: 100 })).toEqual({ granted: true, used: 60, remaining: 40 });
    expect(await store.consumeQuota(workspace.id, { ...q, amount: 41, limit: 100 })).toEqual({ granted: false, used: 60, remaining: 40 });
    expect(await store.consumeQuota(workspace.id, { ...q, amount: 40, limit: 100 })).toEqual({ granted: true, used: 100, remaining: 0 });
    expect(await store.consumeQuota(workspace.id, { ...q, amount: 1, limit: 100 })).toMatchObject({ granted: false, used: 100 });
    expect(await store.consumeQuota(workspace.id, { ...q, period: '2030-02', amount: 101, limit: 100 })).toEqual({ granted: false, used: 0, remaining: 100 });
    expect(await store.quotaUsed(workspace.id, 'pages', '2030-02')).toBe(0);
    expect(await store.refundQuota(workspace.id, { ...q, amount: 30 })).toBe(70);
    expect(await store.refundQuota(workspace.id, { ...q, amount: 500 })).toBe(0);
    expect(await store.quotaUsed(workspace.id, 'pages', '2030-01')).toBe(0);
    await expect(store.consumeQuota(workspace.id, { ...q, amount: 1.5, limit: 10 })).rejects.toThrow(/amount must be a whole number/);
  });

  it('never overspends a quota under 20 concurrent consumers on two handles', async () => {
    const { store, workspace, fixture } = ctx;
    const second = await fixture.connect();
    ctx.extra.push(second);
    const limit = 137;
    const q = { metric: 'pages', period: '2030-03' };
    let granted = 0;
    let refused = 0;
    const consumer = async (s: AppStore, n: number): Promise<void> => {
      // Mixed sizes, so refusals happen while smaller requests still fit.
      for (let i = 0; i < 12; i++) {
        const amount = 1 + ((n + i) % 4);
        const r = await s.consumeQuota(workspace.id, { ...q, amount, limit });
        expect(r.used).toBeLessThanOrEqual(limit);
        if (r.granted) granted += amount;
        else refused++;
      }
    };
    await Promise.all(Array.from({ length: 20 }, (_, n) => consumer(n % 2 === 0 ? store : second, n)));
    const used = await store.quotaUsed(workspace.id, q.metric, q.period);
    expect(used).toBe(granted);
    expect(used).toBeLessThanOrEqual(limit);
    // 20 x 12 requests of 1-4 ask for far more than the limit: it was reached (within the largest request) and enforced.
    expect(refused).toBeGreaterThan(0);
    expect(used).toBeGreaterThan(limit - 4);
  });
}
