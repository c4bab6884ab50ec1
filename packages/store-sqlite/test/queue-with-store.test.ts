import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { until } from '@scrapifie/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore, SqliteQueue, type SqliteCrawlStore } from '../src/index.ts';

describe('SqliteQueue in the store\'s own database (the desktop keeps one file)', () => {
  let dir: string;
  let store: SqliteCrawlStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'scrapifie-qs-'));
    store = openSqliteStore(join(dir, 'scrapifie.sqlite'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shares the connection, leaves it open when closed, and keeps the file sound', async () => {
    const queue = new SqliteQueue(store.db, { pollMs: 20 });
    const seen: unknown[] = [];
    const consumer = queue.consume('cleanup', async (job) => void seen.push(job.data), { concurrency: 1 });
    await queue.enqueue('cleanup', [{ data: { olderThanDays: 30 } }]);
    await until('the job', () => seen.length === 1);
    await consumer.close();
    await queue.close();
    expect(seen).toEqual([{ olderThanDays: 30 }]);
    expect(store.db.open).toBe(true);
    expect(await store.listRuns(1)).toEqual([]);
    expect(store.integrityCheck()).toBe('ok');
    await expect(queue.enqueue('cleanup', [{ data: 1 }])).rejects.toThrow(/closed/);
  });
});
