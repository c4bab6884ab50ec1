import Database from 'better-sqlite3';
import { InMemoryTierMemory } from '@scrapifie/engine';
import { describe, expect, it } from 'vitest';
import { migrate, SqliteCrawlStore } from '../src/index.ts';
import { titleRecipe } from './helpers/recipes.ts';

describe('SqliteCrawlStore: tiers', () => {
  it('keeps the tier memory between store instances, replacing entries and dropping empty ones', async () => {
    const db = new Database(':memory:');
    const store = new SqliteCrawlStore(db);
    expect(await store.loadTierMemory()).toEqual([]);
    await store.saveTierMemory([
      { domain: 'shop.test', dimension: 'fetch', tier: 'http', samples: [{ at: 1000, ok: false }, { at: 2000, ok: false }] },
      { domain: 'shop.test', dimension: 'proxy', tier: 'residential', samples: [{ at: 3000, ok: true }] },
    ]);
    await store.saveTierMemory([
      { domain: 'shop.test', dimension: 'fetch', tier: 'http', samples: [{ at: 2000, ok: false }, { at: 4000, ok: true }] },
      { domain: 'shop.test', dimension: 'proxy', tier: 'residential', samples: [] },
    ]);
    const again = new SqliteCrawlStore(db);
    expect(await again.loadTierMemory()).toEqual([
      { domain: 'shop.test', dimension: 'fetch', tier: 'http', samples: [{ at: 2000, ok: false }, { at: 4000, ok: true }] },
    ]);
    await store.close();
  });

  it('round-trips what an InMemoryTierMemory learnt, so a new memory makes the same choice', async () => {
    const store = new SqliteCrawlStore(new Database(':memory:'));
    const now = Date.now();
    const memory = new InMemoryTierMemory({ now: () => now });
    memory.record('shop.test', 'fetch', 'http', false);
    memory.record('shop.test', 'fetch', 'http', false);
    memory.record('shop.test', 'fetch', 'browser', true);
    await store.saveTierMemory(memory.takeChanged());
    const next = new InMemoryTierMemory({ now: () => now });
    next.load(await store.loadTierMemory());
    expect(next.choose('shop.test', 'fetch', ['http', 'browser', 'stealth'])).toBe('browser');
    await store.close();
  });

  it('stores each row\'s proxy tier; rows written before migration 3 read "none"', async () => {
    const db = new Database(':memory:');
    migrate(db, 2);
    db.prepare("INSERT INTO runs (id, recipe_json, recipe_hash, status, created_at, updated_at) VALUES ('r', ?, 'h', 'running', 'now', 'now')")
      .run(JSON.stringify(titleRecipe(['https://shop.test/'])));
    db.prepare("INSERT INTO results (run_id, result_key, url, data_json, tier, attempts, fetched_at) VALUES ('r', 'old', 'u', '{}', 'http', 1, 0)").run();
    const store = new SqliteCrawlStore(db); // migrates to the latest version
    await store.addRequests('r', [{ key: 'k', url: 'https://shop.test/', specPath: 'page', depth: 0, priority: 0 }]);
    const [claimed] = await store.claimRequests('r', 1, Date.now());
    await store.completeRequest('r', claimed?.id ?? -1, { rows: [{ key: 'new', url: 'u', data: {}, tier: 'browser', proxyTier: 'residential', attempts: 3 }], newRequests: [] });
    const rows = await store.results('r', { limit: 10 });
    expect(rows.map((r) => [r.key, r.tier, r.proxyTier, r.attempts])).toEqual([['old', 'http', 'none', 1], ['new', 'browser', 'residential', 3]]);
    await store.close();
  });
});
