import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface Studio {
  url: string;
  stop(): Promise<void>;
}

/** Seeds `rows` rows into the database (see seed-results.ts); returns the run id. */
export function seedRun(dbPath: string, rows: number): string {
  return execFileSync(process.execPath, ['e2e/web/seed-results.ts', dbPath, String(rows)], { cwd: root, encoding: 'utf8', timeout: 120_000 }).trim();
}

/**
 * `scrapifie serve` as a user starts it (the real binary, a free port), allowed to reach the local fixture site, with
 * extra settings when asked (e.g. SCRAPIFIE_AUTH=on).
 */
export async function startStudio(dbPath: string, extraEnv: Record<string, string> = {}): Promise<Studio> {
  // The browser tier and the designer use the system's Chromium, named through serve's own setting.
  const env: NodeJS.ProcessEnv = { ...process.env, SCRAPIFIE_ALLOW_TARGETS: '127.0.0.1', SCRAPIFIE_LOG_LEVEL: 'warn', SCRAPIFIE_CHROMIUM: '/usr/bin/chromium', ...extraEnv };
  for (const k of ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'ALL_PROXY', 'all_proxy']) delete env[k];
  const child: ChildProcess = spawn(process.execPath, ['apps/server/bin/scrapifie.js', 'serve', '--port', '0', '--host', '127.0.0.1', '--db', dbPath], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const m = /Scrapifie API on (http:\/\/[^:]+:\d+)/.exec(stderr);
    // The studio line follows the API line in a second write: wait for it (or for the "not built" line).
    if (m && /Studio on|web studio is not built/.test(stderr)) {
      if (!stderr.includes('Studio on')) throw new Error(`serve runs without the web studio (build it first: npm run build -w @scrapifie/ui); stderr: ${stderr}`);
      return {
        url: m[1]!,
        stop: async () => {
          child.kill('SIGTERM');
          await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
          if (child.exitCode === null) child.kill('SIGKILL');
        },
      };
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`scrapifie serve did not start; stderr: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
