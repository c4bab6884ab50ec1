// The fixture site in a process of its own, so its request log's timestamps are not delayed by the test's own work.
// Prints its URL; answers the IPC message "log" with its request log.
import { startTestSite } from '@scrapifie/testsite';

const site = await startTestSite({ pages: Number(process.argv[2] ?? '80') });
process.on('message', (m) => {
  if (m === 'log') process.send?.(site.requestLog().map((r) => ({ path: r.path, at: r.at })));
  if (m === 'reset') site.resetStats();
});
process.send?.({ url: site.url });
process.once('disconnect', () => void site.close().then(() => process.exit(0)));
