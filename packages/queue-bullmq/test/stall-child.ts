/**
 * Child process of stall.test.ts: takes one job from scrape:http and never finishes it, so the parent
 * can SIGKILL it mid-job. Prints "started <job id>" when the handler runs. It uses the parent's stalled
 * interval: BullMQ rate-limits its stalled check by the interval of whichever worker ran it last.
 * Usage: node stall-child.ts <redisUrl> <prefix>
 */
import { openBullmqQueue } from '../src/index.ts';

const [url, prefix] = process.argv.slice(2);
if (!url || !prefix) throw new Error('usage: stall-child.ts <redisUrl> <prefix>');
const queue = await openBullmqQueue({ connection: url, prefix, lockDurationMs: 1000, stalledIntervalMs: 300 });
queue.consume('scrape:http', async (job) => {
  process.stdout.write(`started ${job.id}\n`);
  await new Promise(() => undefined);
}, { concurrency: 1 });
