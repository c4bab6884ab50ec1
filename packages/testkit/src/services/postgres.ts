import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort, run, waitFor } from './process.ts';

/** Where tests look for Postgres first (override with SCRAPIFIE_TEST_PG_URL). */
export const DEFAULT_TEST_PG_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** Runs one query on a fresh connection; rejects when the server cannot be reached within `timeoutMs`. */
export async function pgQuery<R extends pg.QueryResultRow = pg.QueryResultRow>(url: string, text: string, timeoutMs = 3000): Promise<R[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined); // a dropped connection surfaces as the query's rejection
  await client.connect();
  try {
    return (await client.query<R>(text)).rows;
  } finally {
    await client.end();
  }
}

/** The bin folder of the newest installed Postgres (Debian layout), or SCRAPIFIE_PG_BIN. */
export function postgresBinDir(): string {
  const fromEnv = process.env.SCRAPIFIE_PG_BIN;
  if (fromEnv) return fromEnv;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (!versions[0]) throw new Error(`no Postgres binaries under ${root} (install Debian's "postgresql" package, or set SCRAPIFIE_PG_BIN)`);
  return join(root, versions[0], 'bin');
}

export interface ThrowawayPostgres {
  /** Superuser URL of the "postgres" database (trust auth, user postgres). */
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Starts a private Postgres cluster from the installed binaries, on a free port of 127.0.0.1, in a
 * temporary folder that stop() removes. `settings` become `-c name=value` server options (e.g. fsync=off).
 * As root, the server runs as the "postgres" user (Postgres refuses to run as root).
 */
export async function startThrowawayPostgres(opts: { settings?: Record<string, string> } = {}): Promise<ThrowawayPostgres> {
  const bin = postgresBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'scrapifie-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const wrap = async (file: string, args: string[]): Promise<string> =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', file, ...args], { cwd: dir }) : run(file, args, { cwd: dir });
  if (asRoot) {
    const { uid, gid } = await postgresUser();
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  const port = await freePort();
  try {
    await wrap(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
    const settings = { listen_addresses: '127.0.0.1', unix_socket_directories: dir, max_connections: '200', ...opts.settings };
    const serverOpts = [`-p ${port}`, ...Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`)].join(' ');
    await wrap(join(bin, 'pg_ctl'), ['-D', data, '-o', serverOpts, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  await waitFor('throwaway Postgres', () => pgQuery(url, 'SELECT 1'));
  let stopped = false;
  return {
    url,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        await wrap(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', '-t', '60', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

async function postgresUser(): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]).catch(() => {
    throw new Error('running as root and there is no "postgres" user to run a throwaway Postgres as (install Debian\'s "postgresql" package)');
  });
  return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
}

/** `url` with its database name replaced. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
