import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { deleteKeysWithPrefix, testRedis, until } from '@scrapifie/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { openBullmqQueue, type BullmqQueue } from '../src/index.ts';

const CHILD = fileURLToPath(new URL('./stall-child.ts', import.meta.url));

describe('a consumer process killed mid-job', () => {
  const { url, prefix: runPrefix } = testRedis();
  const prefix = `${runPrefix}_${randomBytes(4).toString('hex')}`;
  let queue: BullmqQueue | undefined;
  afterEach(async () => {
    await queue?.close();
    await deleteKeysWithPrefix(url, prefix);
  });

  it('loses its job to another consumer once the lock runs out, without using up a try', async () => {
    queue = await openBullmqQueue({ connection: url, prefix, lockDurationMs: 1000, stalledIntervalMs: 300 });
    const [id] = await queue.enqueue('scrape:http', [{ data: { page: 7 }, opts: { attempts: 2 } }]);
    const child = spawn(process.execPath, [CHILD, url, prefix], { stdio: ['ignore', 'pipe', 'inherit'] });
    const started = await new Promise<string>((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (s: string) => s.includes('started') && resolve(s.trim()));
      child.on('exit', (code) => reject(new Error(`child exited early (${code})`)));
    });
    expect(started).toBe(`started ${id}`);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(await queue.depth('scrape:http')).toMatchObject({ active: 1 });

    const got: Array<{ id: string; attempt: number; data: unknown }> = [];
    const consumer = queue.consume('scrape:http', async (job) => void got.push({ id: job.id, attempt: job.attempt, data: job.data }), { concurrency: 1 });
    try {
      await until('the stalled job to be delivered again', () => got.length > 0, 20_000);
    } finally {
      await consumer.close();
    }
    expect(got).toEqual([{ id, attempt: 1, data: { page: 7 } }]);
    expect(await queue.depth('scrape:http')).toEqual({ waiting: 0, delayed: 0, active: 0, failed: 0 });
  });
});
