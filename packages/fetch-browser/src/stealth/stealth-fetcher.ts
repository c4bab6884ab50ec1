import { BrowserFetcher, type BrowserFetcherOptions } from '../browser-fetcher.ts';
import { BrowserPool } from '../browser-pool.ts';
import { stealthProfile, type StealthProfileOptions } from './stealth-profile.ts';

/** Hides navigator.webdriver at the engine level too (the injected script hides it as well). */
export const STEALTH_LAUNCH_ARGS: readonly string[] = ['--disable-blink-features=AutomationControlled'];

export interface StealthFetcherOptions extends BrowserFetcherOptions {
  /** Fingerprint choices: a default country (a proxy's country wins), locale, timezone, operating systems. */
  fingerprint?: StealthProfileOptions;
}

/**
 * The stealth tier: the browser tier with a consistent fingerprint per session (per page without a session), matched
 * to the proxy's country, and human-like input on request (`humanize`). Its own pool launches Chromium with
 * STEALTH_LAUNCH_ARGS; a shared pool relies on the injected script alone.
 */
export class StealthFetcher extends BrowserFetcher {
  constructor(opts: StealthFetcherOptions = {}) {
    const pool = opts.pool ?? new BrowserPool({ ...opts.poolOptions, extraArgs: [...STEALTH_LAUNCH_ARGS, ...(opts.poolOptions?.extraArgs ?? [])] }, opts.logger);
    super({ ...opts, pool }, { tier: 'stealth', profile: stealthProfile(opts.fingerprint) });
    this.#ownsPool = opts.pool === undefined;
  }

  readonly #ownsPool: boolean;

  override async close(): Promise<void> {
    await super.close();
    if (this.#ownsPool) await this.pool.close();
  }
}

export function createStealthFetcher(opts?: StealthFetcherOptions): StealthFetcher {
  return new StealthFetcher(opts);
}
