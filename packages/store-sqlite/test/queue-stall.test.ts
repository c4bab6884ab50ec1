import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { until } from '@scrapifie/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteQueue, type SqliteQueue } from '../src/index.ts';

const CHILD = fileURLToPath(new URL('./queue-stall-child.ts', import.meta.url));

/** Starts the child on the queue file, waits until it handles a job, and SIGKILLs it. Returns the job id it had. */
async function killMidJob(path: string): Promise<string> {
  const child = spawn(process.execPath, [CHILD, path], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (s: string) => s.includes('started') && resolve(s.trim()));
    child.on('exit', (code) => reject(new Error(`child exited early (${code})`)));
  });
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  return line.replace('started ', '');
}

describe('SqliteQueue after a consumer process is killed mid-job', () => {
  let dir: string;
  let queue: SqliteQueue;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'scrapifie-qstall-'));
  });
  afterEach(async () => {
    await queue?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers the job again once its lease runs out, without using up a try', async () => {
    const path = join(dir, 'q.db');
    queue = openSqliteQueue(path, { lockMs: 1000, pollMs: 50 });
    const [id] = await queue.enqueue('scrape:http', [{ data: { page: 7 }, opts: { attempts: 2 } }]);
    expect(await killMidJob(path)).toBe(id);
    expect(await queue.depth('scrape:http')).toMatchObject({ active: 1 });
    const got: Array<{ id: string; attempt: number; data: unknown }> = [];
    const consumer = queue.consume('scrape:http', async (job) => void got.push({ id: job.id, attempt: job.attempt, data: job.data }), { concurrency: 1 });
    await until('the stalled job to be delivered again', () => got.length > 0, 10_000);
    await consumer.close();
    expect(got).toEqual([{ id, attempt: 1, data: { page: 7 } }]);
    expect(await queue.depth('scrape:http')).toEqual({ waiting: 0, delayed: 0, active: 0, failed: 0 });
    expect(queue.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('fails a job for good when it keeps killing its consumers', async () => {
    const path = join(dir, 'q.db');
    queue = openSqliteQueue(path, { lockMs: 1000, pollMs: 50, maxStalls: 1 });
    const [id] = await queue.enqueue('scrape:http', [{ data: 'poison' }]);
    expect(await killMidJob(path)).toBe(id); // stall 1: back to waiting
    expect(await killMidJob(path)).toBe(id); // stall 2: over maxStalls
    await new Promise((r) => setTimeout(r, 1100));
    const consumer = queue.consume('scrape:http', async () => undefined, { concurrency: 1 });
    await until('the job to fail', async () => (await queue.depth('scrape:http')).failed === 1, 10_000);
    await consumer.close();
    expect(await queue.failed('scrape:http', 5)).toEqual([{ id, data: 'poison', runId: undefined, attempts: 0, reason: expect.stringMatching(/stalled too often/) }]);
  });
});
