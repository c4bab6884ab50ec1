import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeStore } from '@scrapifie/testkit';
import { openSqliteStore } from '../src/index.ts';

describeStore('SqliteCrawlStore (file, WAL)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'scrapifie-store-'));
  const path = join(dir, 'runs.db');
  return {
    store: openSqliteStore(path),
    connect: async () => openSqliteStore(path),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});
