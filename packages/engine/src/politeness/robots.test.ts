import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RetryableError } from '@scrapifie/recipe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fetcher } from '../ports/fetcher.ts';
import type { Logger } from '../ports/logger.ts';
import { RobotsCache } from './robots.ts';

const ROBOTS = ['User-agent: scrapifie', 'Disallow: /no-bots/', 'Allow: /no-bots/ok', 'Crawl-delay: 2', '', 'User-agent: *', 'Disallow: /'].join('\n');

/** A small real HTTP fetcher over the platform's fetch. */
const fetcher: Fetcher = {
  tier: 'http',
  async fetch(req) {
    try {
      const res = await fetch(req.url, { signal: AbortSignal.timeout(req.timeoutMs) });
      return { url: res.url, status: res.status, headers: Object.fromEntries(res.headers), body: new Uint8Array(await res.arrayBuffer()), tier: 'http', ms: 0 };
    } catch (e) {
      throw new RetryableError('CONNECTION_ERROR', String(e));
    }
  },
  async close() {},
};

function recordingLogger(lines: string[]): Logger {
  const l: Logger = { debug() {}, info() {}, warn: (m) => lines.push(m), error: (m) => lines.push(m), child: () => l };
  return l;
}

describe('RobotsCache', () => {
  let server: Server;
  let base: string;
  let hits = 0;
  let status = 200;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/robots.txt') hits++;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? ROBOTS : 'nope');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('fetches robots.txt once per origin and answers for our user agent group', async () => {
    const warnings: string[] = [];
    const robots = new RobotsCache({ fetcher, logger: recordingLogger(warnings), request: { timeoutMs: 5000, impersonate: 'chrome' } });
    hits = 0;
    status = 200;
    expect(robots.isReady(base)).toBe(false);
    await Promise.all([robots.load(base), robots.load(base), robots.load(base)]);
    await robots.load(base);
    expect(hits).toBe(1);
    expect(robots.isReady(base)).toBe(true);
    // Our group applies, not the "*" group that disallows everything.
    expect(robots.isAllowed(`${base}/list/1`, base)).toBe(true);
    expect(robots.isAllowed(`${base}/no-bots/x`, base)).toBe(false);
    expect(robots.isAllowed(`${base}/no-bots/ok`, base)).toBe(true);
    expect(robots.crawlDelayMs(base)).toBe(2000);
    expect(warnings).toEqual([]);
  });

  it('a missing robots.txt allows everything, silently', async () => {
    const warnings: string[] = [];
    const robots = new RobotsCache({ fetcher, logger: recordingLogger(warnings), request: { timeoutMs: 5000, impersonate: 'chrome' } });
    status = 404;
    await robots.load(base);
    expect(robots.isAllowed(`${base}/no-bots/x`, base)).toBe(true);
    expect(warnings).toEqual([]);
  });

  it('a server error or an unreachable server allows everything, with a warning', async () => {
    const warnings: string[] = [];
    const robots = new RobotsCache({ fetcher, logger: recordingLogger(warnings), request: { timeoutMs: 5000, impersonate: 'chrome' } });
    status = 503;
    await robots.load(base);
    expect(robots.isAllowed(`${base}/no-bots/x`, base)).toBe(true);
    const dead = 'http://127.0.0.1:9'; // discard port: nothing listens there
    await robots.load(dead);
    expect(robots.isAllowed(`${dead}/x`, dead)).toBe(true);
    expect(warnings).toHaveLength(2);
    expect(warnings.join('\n')).toMatch(/server error[\s\S]*could not be fetched/);
  });
});
