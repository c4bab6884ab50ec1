import robotsParserModule from 'robots-parser';
import { toScrapifieError } from '@scrapifie/recipe';
import type { Fetcher, FetchRequest } from '../ports/fetcher.ts';
import type { Logger } from '../ports/logger.ts';

/** The product token our robots.txt group is matched by (`User-agent: scrapifie`), falling back to `*`. */
export const ROBOTS_USER_AGENT = 'scrapifie';

interface Robot {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
}
// robots-parser is CommonJS (module.exports = function); its typings describe an ES default export.
const robotsParser = robotsParserModule as unknown as (url: string, contents: string) => Robot;
type Entry = { state: 'loading'; done: Promise<void> } | { state: 'ready'; robot: Robot | null };

export interface RobotsCacheOptions {
  fetcher: Fetcher;
  logger: Logger;
  /** How to fetch robots.txt (the recipe's timeout, headers and impersonation). */
  request: Omit<FetchRequest, 'url' | 'maxBodyBytes' | 'maxRedirects'>;
  userAgent?: string;
}

const MAX_ROBOTS_BYTES = 512 * 1024;

/**
 * robots.txt per origin, fetched once through the crawl's own fetcher. Missing (4xx) allows all;
 * a 5xx or an unreachable server also allows all, with a warning in the log.
 */
export class RobotsCache {
  private readonly entries = new Map<string, Entry>();
  private readonly opts: RobotsCacheOptions;
  private readonly ua: string;

  constructor(opts: RobotsCacheOptions) {
    this.opts = opts;
    this.ua = opts.userAgent ?? ROBOTS_USER_AGENT;
  }

  /** True once the origin's robots.txt is known (answers are then synchronous). */
  isReady(origin: string): boolean {
    return this.entries.get(origin)?.state === 'ready';
  }

  /** Fetches the origin's robots.txt unless it is known or on its way; resolves when known. Never rejects. */
  load(origin: string): Promise<void> {
    const e = this.entries.get(origin);
    if (e?.state === 'ready') return Promise.resolve();
    if (e?.state === 'loading') return e.done;
    const done = this.fetchRobots(origin).then((robot) => {
      this.entries.set(origin, { state: 'ready', robot });
    });
    this.entries.set(origin, { state: 'loading', done });
    return done;
  }

  /** Whether our user agent may fetch `url`; its origin must be loaded (unknown origins are allowed). */
  isAllowed(url: string, origin: string): boolean {
    const e = this.entries.get(origin);
    if (e?.state !== 'ready' || e.robot === null) return true;
    return e.robot.isAllowed(url, this.ua) !== false;
  }

  /** The origin's Crawl-delay for our user agent, in ms. */
  crawlDelayMs(origin: string): number | undefined {
    const e = this.entries.get(origin);
    if (e?.state !== 'ready' || e.robot === null) return undefined;
    const s = e.robot.getCrawlDelay(this.ua);
    return s !== undefined && Number.isFinite(s) && s > 0 ? s * 1000 : undefined;
  }

  private async fetchRobots(origin: string): Promise<Robot | null> {
    const url = `${origin}/robots.txt`;
    try {
      const res = await this.opts.fetcher.fetch({ ...this.opts.request, url, maxRedirects: 5, maxBodyBytes: MAX_ROBOTS_BYTES });
      if (res.status >= 200 && res.status < 300) return robotsParser(url, new TextDecoder().decode(res.body));
      if (res.status >= 500) this.opts.logger.warn('robots.txt answered with a server error: crawling the site as if it allowed everything', { url, status: res.status });
      return null;
    } catch (e) {
      const err = toScrapifieError(e);
      this.opts.logger.warn('robots.txt could not be fetched: crawling the site as if it allowed everything', { url, code: err.code, error: err.message });
      return null;
    }
  }
}
