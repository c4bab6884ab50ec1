import type { Writable } from 'node:stream';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { runCrawl, type CrawlStore, type Logger, type RunSummary } from '@scrapifie/engine';
import { openSqliteStore } from '@scrapifie/store-sqlite';
import { InvalidInputError, type Recipe, type RunEvent } from '@scrapifie/recipe';
import { allRecipeColumns } from '../output/columns.ts';
import { createRowWriter, formatFromPath, openFileWriter, type RowWriter } from '../output/writers.ts';
import { loadInputRows } from './input-rows.ts';
import { readRecipeFile } from './recipe-file.ts';
import { createTierRuntime } from '@scrapifie/tiers';
import { proxiesFromFile } from '../runtime/proxies.ts';

export interface RunCommandOptions {
  recipePath?: string | undefined;
  /** An already-parsed recipe (the demo); recipePath is then only used to resolve input files. */
  recipe?: Recipe | undefined;
  out?: string | undefined;
  concurrency?: number | undefined;
  resumeRunId?: string | undefined;
  dbPath: string;
  /** The Chromium of the browser and stealth tiers (default: Playwright's, else Debian's). */
  chromiumPath?: string | undefined;
  /** The proxy pool file the recipe's fetch.proxy tiers draw from (SCRAPIFIE_PROXIES). */
  proxiesFile?: string | undefined;
  logger: Logger;
  onEvent: (e: RunEvent) => void;
  stdout: NodeJS.WritableStream;
  signal: AbortSignal;
}

/** Streams every stored row of a run to the writer, in insertion order, page by page. */
export async function exportRun(store: CrawlStore, runId: string, writer: RowWriter): Promise<number> {
  let afterSeq: number | undefined;
  let n = 0;
  for (;;) {
    const page = await store.results(runId, { afterSeq, limit: 1000 });
    if (page.length === 0) break;
    for (const r of page) {
      await writer.write(r.data);
      n++;
    }
    afterSeq = page[page.length - 1]!.seq;
  }
  await writer.close();
  return n;
}

/** `scrapifie run`: a durable crawl in SQLite; rows are exported from the store when the run ends, so a resumed run's output holds every row exactly once. */
export async function runCommand(opts: RunCommandOptions): Promise<{ summary: RunSummary; rowsWritten: number }> {
  if (opts.out) formatFromPath(opts.out); // a bad --out fails before any crawling, not after it
  mkdirSync(dirname(opts.dbPath), { recursive: true });
  const store = openSqliteStore(opts.dbPath);
  const tiers = createTierRuntime({ logger: opts.logger, chromiumPath: opts.chromiumPath });
  try {
    let recipe: Recipe;
    if (opts.resumeRunId) {
      const run = await store.getRun(opts.resumeRunId);
      if (!run) throw new InvalidInputError('INVALID_INPUT', `No run "${opts.resumeRunId}" in ${opts.dbPath} (list runs with: scrapifie runs)`);
      recipe = run.recipe;
    } else if (opts.recipe) {
      recipe = opts.recipe;
    } else if (opts.recipePath) {
      recipe = await readRecipeFile(opts.recipePath);
    } else {
      throw new InvalidInputError('INVALID_INPUT', 'scrapifie run needs a recipe file or --resume <run-id>');
    }
    const inputRows = opts.resumeRunId ? [] : await loadInputRows(recipe, opts.recipePath);
    const summary = await runCrawl({
      recipe,
      store,
      proxies: await proxiesFromFile(opts.proxiesFile),
      fetchers: tiers.fetchers,
      blockDetector: tiers.blockDetector,
      ...(opts.resumeRunId ? { runId: opts.resumeRunId, resume: true } : {}),
      ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
      inputRows,
      logger: opts.logger,
      onEvent: opts.onEvent,
      signal: opts.signal,
    });
    if (summary.status === 'cancelled') return { summary, rowsWritten: 0 };
    const columns = allRecipeColumns(recipe);
    const writer = opts.out ? await openFileWriter(opts.out, columns) : await createRowWriter('ndjson', columns, opts.stdout as Writable);
    return { summary, rowsWritten: await exportRun(store, summary.runId, writer) };
  } finally {
    await tiers.close();
    await store.close();
  }
}
