import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

describe('testsite CLI', () => {
  it('prints the URL of a live site first and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [CLI, '--port', '0', '--pages', '3', '--seed', '5'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.once('data', (d: Buffer) => resolve(String(d).split('\n')[0] ?? ''));
        child.once('exit', (code) => reject(new Error(`CLI exited with ${code}`)));
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const page = await fetch(`${url}/list/3`);
      expect(page.status).toBe(200);
      expect(await page.text()).not.toContain('class="next"');
      expect((await fetch(`${url}/list/4`)).status).toBe(404);
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});
