import { AppStoreError, type AppStore, type UsageTotals } from '@scrapifie/engine';
import { sql, type Kysely } from 'kysely';
import type { AppDB } from './schema.ts';
import { isUuid, iso, nonEmpty, nonNegativeInt, num } from './util.ts';

type UsageQueries = Pick<AppStore, 'recordUsage' | 'usage' | 'consumeQuota' | 'refundQuota' | 'quotaUsed'>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function day(value: string | undefined, what: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !DAY.test(value)) throw new AppStoreError('invalid', `${what} must be a date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  return value;
}

function workspace(id: string): string {
  if (!isUuid(id)) throw new AppStoreError('not_found', `No workspace ${JSON.stringify(id)}`);
  return id;
}

export function usageQueries(db: Kysely<AppDB>): UsageQueries {
  const quotaUsed = async (workspaceId: string, metric: string, period: string): Promise<number> => {
    if (!isUuid(workspaceId)) return 0;
    const r = await db.selectFrom('quota_counters').select('used').where('workspace_id', '=', workspaceId).where('metric', '=', metric).where('period', '=', period).executeTakeFirst();
    return r ? num(r.used) : 0;
  };
  return {
    quotaUsed,
    async recordUsage(workspaceId, delta) {
      const row = {
        workspace_id: workspace(workspaceId),
        day: iso(delta.at, 'at').slice(0, 10),
        pages_http: nonNegativeInt(delta.pagesByTier?.http ?? 0, 'pagesByTier.http'),
        pages_browser: nonNegativeInt(delta.pagesByTier?.browser ?? 0, 'pagesByTier.browser'),
        pages_stealth: nonNegativeInt(delta.pagesByTier?.stealth ?? 0, 'pagesByTier.stealth'),
        bytes: nonNegativeInt(delta.bytes ?? 0, 'bytes'),
        browser_ms: nonNegativeInt(Math.round((delta.browserSeconds ?? 0) * 1000), 'browserSeconds'),
      };
      await db
        .insertInto('usage_daily')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['workspace_id', 'day']).doUpdateSet((eb) => ({
            pages_http: eb('usage_daily.pages_http', '+', eb.ref('excluded.pages_http')),
            pages_browser: eb('usage_daily.pages_browser', '+', eb.ref('excluded.pages_browser')),
            pages_stealth: eb('usage_daily.pages_stealth', '+', eb.ref('excluded.pages_stealth')),
            bytes: eb('usage_daily.bytes', '+', eb.ref('excluded.bytes')),
            browser_ms: eb('usage_daily.browser_ms', '+', eb.ref('excluded.browser_ms')),
          })),
        )
        .execute();
    },
    async usage(workspaceId, query) {
      if (query.granularity !== 'day' && query.granularity !== 'month') throw new AppStoreError('invalid', `granularity must be day or month, got ${JSON.stringify(query.granularity)}`);
      const from = day(query.from, 'from');
      const to = day(query.to, 'to');
      if (!isUuid(workspaceId)) return [];
      const period = query.granularity === 'month' ? sql<string>`substr(day, 1, 7)` : sql<string>`day`;
      let q = db
        .selectFrom('usage_daily')
        .select((eb) => [
          period.as('period'),
          eb.fn.sum<string | number>('pages_http').as('http'),
          eb.fn.sum<string | number>('pages_browser').as('browser'),
          eb.fn.sum<string | number>('pages_stealth').as('stealth'),
          eb.fn.sum<string | number>('bytes').as('bytes'),
          eb.fn.sum<string | number>('browser_ms').as('browser_ms'),
        ])
        .where('workspace_id', '=', workspaceId);
      if (from !== undefined) q = q.where('day', '>=', from);
      if (to !== undefined) q = q.where('day', '<=', to);
      const rows = await q.groupBy(period).orderBy(period).execute();
      return rows.map((r): UsageTotals => {
        const pagesByTier = { http: num(r.http), browser: num(r.browser), stealth: num(r.stealth) };
        return { period: r.period, pagesByTier, pages: pagesByTier.http + pagesByTier.browser + pagesByTier.stealth, bytes: num(r.bytes), browserSeconds: num(r.browser_ms) / 1000 };
      });
    },
    async consumeQuota(workspaceId, request) {
      const ws = workspace(workspaceId);
      const metric = nonEmpty(request.metric, 'metric');
      const period = nonEmpty(request.period, 'period');
      const amount = nonNegativeInt(request.amount, 'amount');
      const limit = nonNegativeInt(request.limit, 'limit');
      if (amount > limit) {
        const used = await quotaUsed(ws, metric, period);
        return { granted: false, used, remaining: Math.max(0, limit - used) };
      }
      // One statement: the insert, or the increment only while it stays within the limit. Postgres re-checks the
      // condition on the locked row; SQLite runs one writer at a time. Either way no two callers both pass.
      const r = await db
        .insertInto('quota_counters')
        .values({ workspace_id: ws, metric, period, used: amount })
        .onConflict((oc) =>
          oc
            .columns(['workspace_id', 'metric', 'period'])
            .doUpdateSet((eb) => ({ used: eb('quota_counters.used', '+', eb.ref('excluded.used')) }))
            .where(sql<boolean>`quota_counters.used + excluded.used <= ${limit}`),
        )
        .returning('used')
        .executeTakeFirst();
      if (r) return { granted: true, used: num(r.used), remaining: limit - num(r.used) };
      const used = await quotaUsed(ws, metric, period);
      return { granted: false, used, remaining: Math.max(0, limit - used) };
    },
    async refundQuota(workspaceId, request) {
      const ws = workspace(workspaceId);
      const amount = nonNegativeInt(request.amount, 'amount');
      const r = await db
        .updateTable('quota_counters')
        .set({ used: sql`CASE WHEN used > ${amount} THEN used - ${amount} ELSE 0 END` })
        .where('workspace_id', '=', ws)
        .where('metric', '=', request.metric)
        .where('period', '=', request.period)
        .returning('used')
        .executeTakeFirst();
      return r ? num(r.used) : 0;
    },
  };
}
