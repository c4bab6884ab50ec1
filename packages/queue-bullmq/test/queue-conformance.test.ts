import { randomBytes } from 'node:crypto';
import { deleteKeysWithPrefix, describeQueue, testRedis } from '@scrapifie/testkit';
import { openBullmqQueue } from '../src/index.ts';

// Each test gets its own key prefix under this run's prefix, so test files can run in parallel on one Redis.
describeQueue('BullmqQueue (real Redis)', async () => {
  const { url, prefix: runPrefix } = testRedis();
  const prefix = `${runPrefix}_${randomBytes(4).toString('hex')}`;
  const open = () => openBullmqQueue({ connection: url, prefix, cancelPollMs: 200 });
  return { queue: await open(), connect: open, cleanup: async () => void (await deleteKeysWithPrefix(url, prefix)) };
});
