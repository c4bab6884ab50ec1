import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const SITE_CLI = fileURLToPath(new URL('../../../packages/testsite/src/cli.ts', import.meta.url));

/** Starts the fixture site in its own process (so it never shares a thread with a crawler) and returns its URL. */
export async function startSiteProcess(pages: number): Promise<{ url: string; child: ChildProcess; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [SITE_CLI, '--port', '0', '--pages', String(pages)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the fixture site exited with code ${code} before it listened`)));
    lines.once('line', (l) => resolve(l.trim()));
  });
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { url, child, stop };
}
