import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../src/index.ts';

type Named = { name: string };

// The schema after every migration: each foreign key is the leading column(s) of some index (a primary key or
// unique constraint counts), so joins, cascades and "everything of this workspace" queries never scan a table.
describe('SQLite schema (all migrations)', () => {
  it('indexes every foreign key', () => {
    const db = new Database(':memory:');
    try {
      migrate(db);
      const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Named[]).map((t) => t.name);
      const missing: string[] = [];
      let count = 0;
      for (const table of tables) {
        const fks = db.pragma(`foreign_key_list(${table})`) as Array<{ id: number; seq: number; from: string }>;
        const groups = new Map<number, string[]>();
        for (const fk of fks.sort((a, b) => a.seq - b.seq)) groups.set(fk.id, [...(groups.get(fk.id) ?? []), fk.from]);
        const indexes = (db.pragma(`index_list(${table})`) as Named[]).map((i) =>
          (db.pragma(`index_info(${i.name})`) as Array<{ seqno: number; name: string }>).sort((a, b) => a.seqno - b.seqno).map((c) => c.name),
        );
        for (const cols of groups.values()) {
          count++;
          if (!indexes.some((ix) => cols.every((c, i) => ix[i] === c))) missing.push(`${table}(${cols.join(', ')})`);
        }
      }
      expect(count).toBeGreaterThanOrEqual(20);
      expect(missing).toEqual([]);
    } finally {
      db.close();
    }
  });
});
