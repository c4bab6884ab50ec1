import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeQueue } from '@scrapifie/testkit';
import { openSqliteQueue } from '../src/index.ts';

describeQueue('SqliteQueue (file, WAL)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'scrapifie-queue-'));
  const path = join(dir, 'queue.db');
  const opts = { pollMs: 50 };
  return {
    queue: openSqliteQueue(path, opts),
    connect: async () => openSqliteQueue(path, opts),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});
