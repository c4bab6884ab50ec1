import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeAppStore } from '@scrapifie/testkit';
import { openSqliteAppStore } from '../src/index.ts';

describeAppStore('SQLite AppStore (file, WAL)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'scrapifie-app-'));
  const path = join(dir, 'app.db');
  return {
    store: openSqliteAppStore(path),
    connect: async () => openSqliteAppStore(path),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});
