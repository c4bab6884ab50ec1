/**
 * Child process of queue-stall.test.ts: takes one job from scrape:http and never finishes it, so the
 * parent can SIGKILL it mid-job. Prints "started <job id>" when the handler runs.
 * Usage: node queue-stall-child.ts <dbPath>
 */
import { openSqliteQueue } from '../src/index.ts';

const [path] = process.argv.slice(2);
if (!path) throw new Error('usage: queue-stall-child.ts <dbPath>');
const queue = openSqliteQueue(path, { lockMs: 1000, pollMs: 50 });
queue.consume('scrape:http', async (job) => {
  process.stdout.write(`started ${job.id}\n`);
  await new Promise(() => undefined);
}, { concurrency: 1 });
