import { parseArgs } from 'node:util';
import { recipeJsonSchema, toScrapifieError, InvalidInputError } from '@scrapifie/recipe';
import { readRecipeFile } from './recipe-file.ts';
import { loadConfig } from '../config.ts';
import { createLogger } from '../logging.ts';
import { EXIT, exitCodeForError, exitCodeForStatus } from './exit-codes.ts';
import { createProgressReporter } from './progress.ts';
import { runCommand } from './run-command.ts';
import { demoCommand } from './demo-command.ts';
import { exportCommand, runsCommand } from './runs-command.ts';

export const USAGE = `Usage: scrapifie <command> [options]

Commands:
  run <recipe.json> [--out rows.ndjson|.json|.csv] [--concurrency N] [--db file]
                          crawl with a recipe; rows go to --out, or to stdout as NDJSON
  run --resume <run-id> [--out ...]
                          finish a run that was interrupted (killed, crashed, Ctrl-C)
  validate <recipe.json>  check a recipe; errors name the JSON path
  schema                  print the recipe JSON Schema (for editors)
  runs                    list recent runs in the database
  export <run-id> --out file
                          write a run's rows again
  demo [--pages N]        run the bundled example recipe against the bundled demo site
  serve [--port N] [--host H] [--db file]
                          the API: REST at /api/v1 (docs at /api/v1/docs), tRPC at /trpc
  serve --mode all|api|worker|scheduler
                          one node of the team server (see worker and scheduler)
  worker [--queues scrape:http,scrape:browser] [--concurrency N]
                          take batch jobs from the queues (needs DATABASE_URL and REDIS_URL)
  scheduler               cron schedules (SCRAPIFIE_SCHEDULES), retention, reconciliation
  submit <recipe.json> [--wait]
                          queue a run on the team server; prints its id
  cancel <run-id>         cancel a team-server run

Exit codes: 0 ok, 1 partially completed, 2 bad usage or invalid input, 3 run failed,
            4 internal error, 130 cancelled (resume with --resume).
Environment: SCRAPIFIE_DB (database file), SCRAPIFIE_LOG_LEVEL (debug|info|warn|error|silent),
             SCRAPIFIE_HOST, SCRAPIFIE_PORT (serve; default 127.0.0.1:3000), SCRAPIFIE_ALLOW_TARGETS
             (internal addresses, CIDR ranges or host names serve may fetch, comma-separated).`;

function intOption(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidInputError('INVALID_INPUT', `--${name} must be a positive whole number, got "${v}"`);
  return n;
}

export async function main(argv: string[], io = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string', short: 'o' },
        concurrency: { type: 'string', short: 'c' },
        resume: { type: 'string' },
        db: { type: 'string' },
        pages: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        queues: { type: 'string' },
        mode: { type: 'string' },
        wait: { type: 'boolean' },
        verbose: { type: 'boolean', short: 'v' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    io.stderr.write(`${(e as Error).message}\n\n${USAGE}\n`);
    return EXIT.USAGE;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    (values.help ? io.stdout : io.stderr).write(`${USAGE}\n`);
    return values.help ? EXIT.OK : EXIT.USAGE;
  }
  const controller = new AbortController();
  const onSignal = (): void => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const config = loadConfig();
    const dbPath = values.db ?? config.dbPath;
    const logger = createLogger(values.verbose ? 'debug' : config.logLevel);
    const onEvent = createProgressReporter(io.stderr, { verbose: values.verbose ?? false });
    switch (command) {
      case 'validate': {
        if (!rest[0]) throw new InvalidInputError('INVALID_INPUT', 'scrapifie validate needs a recipe file');
        const recipe = await readRecipeFile(rest[0]);
        io.stdout.write(`${rest[0]}: valid recipe "${recipe.name}"\n`);
        return EXIT.OK;
      }
      case 'schema':
        io.stdout.write(`${JSON.stringify(recipeJsonSchema(), null, 2)}\n`);
        return EXIT.OK;
      case 'runs':
        return await runsCommand(dbPath, io.stdout);
      case 'export':
        if (!rest[0] || !values.out) throw new InvalidInputError('INVALID_INPUT', 'scrapifie export needs a run id and --out <file>');
        return await exportCommand(dbPath, rest[0], values.out, io.stderr);
      case 'demo':
        return await demoCommand({ dbPath, logger, onEvent, stdout: io.stdout, stderr: io.stderr, signal: controller.signal, pages: intOption('pages', values.pages) ?? 3 });
      case 'worker':
      case 'scheduler':
      case 'submit':
      case 'cancel': {
        const { clusterCommand } = await import('./cluster-commands.ts'); // Postgres, Redis and BullMQ load only here
        return await clusterCommand(command, { config, logger, rest, queues: values.queues, concurrency: intOption('concurrency', values.concurrency), wait: values.wait ?? false, io, signal: controller.signal });
      }
      case 'serve': {
        const port = values.port === undefined ? config.serve.port : Number(values.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidInputError('INVALID_INPUT', `--port must be a whole number from 0 to 65535, got "${values.port}"`);
        const { serveCommand } = await import('./serve-command.ts'); // the API's modules load only for `serve`
        const api = (signal: AbortSignal) =>
          serveCommand({ serve: config.serve, cluster: config.cluster, publicUrl: config.serve.publicUrl, dbPath, host: values.host ?? config.serve.host, port, chromiumPath: config.chromiumPath, logger, stderr: io.stderr, signal });
        if (values.mode !== undefined && values.mode !== 'api') {
          const { serveMode } = await import('./cluster-commands.ts');
          return await serveMode(values.mode, { config, logger, rest, queues: values.queues, concurrency: intOption('concurrency', values.concurrency), wait: false, io, signal: controller.signal }, api);
        }
        return await api(controller.signal);
      }
      case 'run': {
        const { summary, rowsWritten } = await runCommand({
          recipePath: rest[0],
          out: values.out,
          concurrency: intOption('concurrency', values.concurrency),
          resumeRunId: values.resume,
          dbPath,
          chromiumPath: config.chromiumPath,
          proxiesFile: config.proxiesFile,
          logger,
          onEvent,
          stdout: io.stdout,
          signal: controller.signal,
        });
        if (summary.status === 'cancelled') io.stderr.write(`Run cancelled. Resume it with: scrapifie run --resume ${summary.runId}\n`);
        else if (values.out) io.stderr.write(`Wrote ${rowsWritten} rows to ${values.out}\n`);
        return exitCodeForStatus(summary.status);
      }
      default:
        io.stderr.write(`Unknown command "${command}".\n\n${USAGE}\n`);
        return EXIT.USAGE;
    }
  } catch (e) {
    const err = toScrapifieError(e);
    io.stderr.write(`error ${err.code}: ${err.message}\n`);
    if (err.code === 'INTERNAL' && e instanceof Error && e.stack) io.stderr.write(`${e.stack}\n`);
    return exitCodeForError(err.code);
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}
