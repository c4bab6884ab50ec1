import { existsSync } from 'node:fs';
import { InvalidInputError } from '@scrapifie/recipe';
import { openSqliteStore } from '@scrapifie/store-sqlite';
import { allRecipeColumns } from '../output/columns.ts';
import { openFileWriter } from '../output/writers.ts';
import { EXIT } from './exit-codes.ts';
import { exportRun } from './run-command.ts';

function openExisting(dbPath: string): ReturnType<typeof openSqliteStore> {
  if (!existsSync(dbPath)) throw new InvalidInputError('INVALID_INPUT', `No database at ${dbPath}: no run has been made with it yet`);
  return openSqliteStore(dbPath);
}

export async function runsCommand(dbPath: string, out: NodeJS.WritableStream): Promise<number> {
  const store = openExisting(dbPath);
  try {
    const runs = await store.listRuns(50);
    if (runs.length === 0) out.write('No runs yet.\n');
    for (const r of runs) {
      const c = await store.counts(r.id);
      out.write(`${r.id}  ${r.status.padEnd(19)} ${r.createdAt}  ${r.recipe.name}  (${c.succeeded} pages, ${c.failed} failed, ${c.pending + c.inFlight} left, ${c.results} rows)\n`);
    }
    return EXIT.OK;
  } finally {
    await store.close();
  }
}

export async function exportCommand(dbPath: string, runId: string, outPath: string, log: NodeJS.WritableStream): Promise<number> {
  const store = openExisting(dbPath);
  try {
    const run = await store.getRun(runId);
    if (!run) throw new InvalidInputError('INVALID_INPUT', `No run "${runId}" in ${dbPath}`);
    const n = await exportRun(store, runId, await openFileWriter(outPath, allRecipeColumns(run.recipe)));
    log.write(`Wrote ${n} rows to ${outPath}\n`);
    return EXIT.OK;
  } finally {
    await store.close();
  }
}
