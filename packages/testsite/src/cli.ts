#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startTestSite } from './server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    pages: { type: 'string', default: '5000' },
    'items-per-page': { type: 'string', default: '20' },
    seed: { type: 'string', default: '1' },
  },
});

const site = await startTestSite({
  port: Number(values.port),
  host: values.host,
  pages: Number(values.pages),
  itemsPerPage: Number(values['items-per-page']),
  seed: Number(values.seed),
});
// The first line of stdout is the URL: benchmark child processes read it to know where to point.
process.stdout.write(`${site.url}\n`);

const stop = (): void => {
  site.close().then(() => process.exit(0), () => process.exit(1));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
