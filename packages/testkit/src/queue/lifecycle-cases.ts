import { expect, it } from 'vitest';
import { gate, sleep, until, type QueueContext } from './fixtures.ts';

/** describeQueue's cases for cancelling, sharing, durability and shutting down. */
export function lifecycleCases(ctx: QueueContext): void {
  it('cancelRun drops the run\'s queued jobs, aborts its active ones, and refuses new ones', async () => {
    const { queue } = ctx;
    const handled: string[] = [];
    let abortedWhileActive = false;
    const started = gate();
    ctx.consumers.push(
      queue.consume<string>('scrape:http', async (job, signal) => {
        handled.push(job.data);
        if (job.data === 'a-long') {
          started.open();
          await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
          abortedWhileActive = signal.aborted;
        }
      }, { concurrency: 1 }),
    );
    await queue.enqueue('scrape:http', [{ data: 'a-long', opts: { runId: 'run-a' } }]);
    await started.promise;
    await queue.enqueue('scrape:http', [
      { data: 'a-2', opts: { runId: 'run-a' } },
      { data: 'b-1', opts: { runId: 'run-b' } },
      { data: 'a-3', opts: { runId: 'run-a', priority: 3 } },
      { data: 'a-later', opts: { runId: 'run-a', delayMs: 60_000 } },
      { data: 'b-later', opts: { runId: 'run-b', delayMs: 60_000 } },
    ]);
    await queue.enqueue('webhook', [{ data: 'a-hook', opts: { runId: 'run-a' } }]);
    expect(await queue.cancelRun('run-a')).toBe(4);
    await until('the active job of the cancelled run to see its signal abort', () => abortedWhileActive, 5000);
    expect(await queue.enqueue('scrape:http', [{ data: 'a-new', opts: { runId: 'run-a' } }, { data: 'b-2', opts: { runId: 'run-b' } }])).toEqual([
      null,
      expect.any(String),
    ]);
    await until('run b\'s jobs', () => handled.includes('b-2'));
    await sleep(200);
    expect(handled).toEqual(['a-long', 'b-1', 'b-2']);
    expect(await queue.depth('scrape:http')).toEqual({ waiting: 0, delayed: 1, active: 0, failed: 0 });
    expect(await queue.depth('webhook')).toEqual({ waiting: 0, delayed: 0, active: 0, failed: 0 });
  });

  it('shares the work between handles, each job once', async () => {
    const { queue, fixture } = ctx;
    const other = await fixture.connect();
    ctx.handles.push(other);
    const byHandle = [0, 0];
    const seen: number[] = [];
    const handler = (h: number) => async (job: { data: number }) => {
      seen.push(job.data);
      byHandle[h]!++;
      await sleep(15);
    };
    ctx.consumers.push(queue.consume('scrape:http', handler(0), { concurrency: 2 }), other.consume('scrape:http', handler(1), { concurrency: 2 }));
    await sleep(50);
    await queue.enqueue('scrape:http', Array.from({ length: 60 }, (_, i) => ({ data: i })));
    await until('60 jobs', () => seen.length >= 60);
    await sleep(100);
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i));
    expect(byHandle[0]).toBeGreaterThan(0);
    expect(byHandle[1]).toBeGreaterThan(0);
  });

  it('keeps queued jobs when the handle is closed and reopened', async () => {
    const { queue, fixture } = ctx;
    await queue.enqueue('scrape:stealth', [{ data: 'x' }, { data: 'y', opts: { priority: 2, attempts: 3 } }]);
    await queue.close();
    const reopened = await fixture.connect();
    ctx.handles.push(reopened);
    expect(await reopened.depth('scrape:stealth')).toMatchObject({ waiting: 2 });
    const seen: Array<[unknown, number]> = [];
    ctx.consumers.push(reopened.consume('scrape:stealth', async (job) => void seen.push([job.data, job.maxAttempts]), { concurrency: 1 }));
    await until('both jobs', () => seen.length >= 2);
    expect(seen).toEqual([['x', 1], ['y', 3]]);
  });

  it('close waits for in-flight jobs and takes no new ones', async () => {
    const { queue } = ctx;
    await queue.enqueue('scrape:http', [{ data: 1 }, { data: 2 }]);
    let finished = 0;
    const started = gate();
    const consumer = queue.consume('scrape:http', async () => {
      started.open();
      await sleep(300);
      finished++;
    }, { concurrency: 1 });
    await started.promise;
    await consumer.close();
    expect(finished).toBe(1);
    expect(await queue.depth('scrape:http')).toMatchObject({ waiting: 1, active: 0 });
  });

  it('close with abort aborts the in-flight handlers\' signals and hands their jobs back', async () => {
    const { queue } = ctx;
    await queue.enqueue('scrape:http', [{ data: 1 }]);
    const started = gate();
    let sawAbort = false;
    const consumer = queue.consume('scrape:http', async (_job, signal) => {
      started.open();
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      sawAbort = true;
      throw new Error('aborted by shutdown');
    }, { concurrency: 1 });
    await started.promise;
    await consumer.close({ abort: true });
    expect(sawAbort).toBe(true);
    expect(await queue.depth('scrape:http')).toMatchObject({ waiting: 1, active: 0, failed: 0 });
  });
}
