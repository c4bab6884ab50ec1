import type { AppStore, Clock, CrawlStore, Logger, StoredRun } from '@scrapifie/engine';
import type { RunEvent } from '@scrapifie/recipe';
import type { RunLauncher } from '../launcher/types.ts';
import { settleReservation, type PageReservation } from './quotas.ts';

/** What a run used so far, cumulative. */
interface Totals {
  http: number;
  browser: number;
  stealth: number;
  bytes: number;
  browserMs: number;
}

const ZERO: Totals = { http: 0, browser: 0, stealth: 0, bytes: 0, browserMs: 0 };
const pagesOf = (t: Totals): number => t.http + t.browser + t.stealth;

export interface UsageMeterOptions {
  app: AppStore;
  store: CrawlStore;
  launcher: RunLauncher;
  clock: Clock;
  logger: Logger;
  /** How often a running run's usage is written (besides its end). Default 10 s. */
  flushEveryMs?: number | undefined;
}

/** A finished run's totals as the store kept them: pages and bytes from its progress, browser time from its cost. */
function finalTotals(run: StoredRun | null): Totals | null {
  const p = run?.summary?.progress;
  if (!p) return null;
  const cost = run.summary?.cost?.byTier;
  return { http: p.byTier.http, browser: p.byTier.browser, stealth: p.byTier.stealth, bytes: p.bytes, browserMs: (cost?.browser.ms ?? 0) + (cost?.stealth.ms ?? 0) };
}

/**
 * Meters the runs started in a workspace into AppStore.recordUsage: pages by tier, bytes and browser seconds, written
 * in batches (every flushEveryMs while the run goes, and once at its end from the totals the store kept), never per
 * page. At the end it gives back the part of the run's page reservation that went unused.
 */
export class UsageMeter {
  readonly #o: UsageMeterOptions;
  readonly #following = new Set<Promise<void>>();

  constructor(o: UsageMeterOptions) {
    this.#o = o;
  }

  /** Starts following a run (call right after it starts, so no event is missed). */
  track(runId: string, workspaceId: string, reservation: PageReservation | null): void {
    const events = this.#o.launcher.subscribe(runId);
    const p = this.#follow(runId, workspaceId, reservation, events).finally(() => this.#following.delete(p));
    this.#following.add(p);
  }

  /** Resolves when every followed run has been written and settled (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.#following.size) await Promise.all([...this.#following]);
  }

  async #follow(runId: string, workspaceId: string, reservation: PageReservation | null, events: AsyncIterable<RunEvent>): Promise<void> {
    const { app, clock, logger } = this.#o;
    const every = this.#o.flushEveryMs ?? 10_000;
    let recorded: Totals = { ...ZERO };
    const seen: Totals = { ...ZERO };
    const write = async (now: Totals): Promise<void> => {
      const d = { http: now.http - recorded.http, browser: now.browser - recorded.browser, stealth: now.stealth - recorded.stealth, bytes: now.bytes - recorded.bytes, browserMs: now.browserMs - recorded.browserMs };
      const pos = (n: number): number => Math.max(0, n);
      if (pos(d.http) + pos(d.browser) + pos(d.stealth) + pos(d.bytes) + pos(d.browserMs) === 0) return;
      await app.recordUsage(workspaceId, {
        at: new Date(clock.now()).toISOString(),
        pagesByTier: { http: pos(d.http), browser: pos(d.browser), stealth: pos(d.stealth) },
        bytes: pos(d.bytes),
        browserSeconds: pos(d.browserMs) / 1000,
      });
      recorded = { http: Math.max(recorded.http, now.http), browser: Math.max(recorded.browser, now.browser), stealth: Math.max(recorded.stealth, now.stealth), bytes: Math.max(recorded.bytes, now.bytes), browserMs: Math.max(recorded.browserMs, now.browserMs) };
    };
    let final: Totals | null = null;
    try {
      let lastWrite = clock.now();
      for await (const e of events) {
        if (e.type === 'page.fetched' && e.tier !== 'http') seen.browserMs += e.ms;
        if (e.type === 'progress' || e.type === 'run.finished') Object.assign(seen, { ...e.progress.byTier, bytes: e.progress.bytes });
        if (clock.now() - lastWrite >= every) {
          lastWrite = clock.now();
          await write(seen);
        }
      }
      final = finalTotals(await this.#o.store.getRun(runId)) ?? seen;
      await write(final);
    } catch (e) {
      logger.error('usage metering failed', { runId, workspaceId, error: e instanceof Error ? e.message : String(e) });
    }
    if (!reservation) return;
    try {
      // Without final figures (the store failed), nothing is given back: a quota may undercount, never overspend.
      await settleReservation(app, reservation, final ? pagesOf(final) : reservation.reserved);
    } catch (e) {
      logger.error('quota refund failed', { runId, workspaceId, error: e instanceof Error ? e.message : String(e) });
    }
  }
}

const meters = new WeakMap<object, UsageMeter>();

/** The one meter of a set of services (made on first use). */
export function usageMeterOf(services: { app?: AppStore | undefined; store: CrawlStore; launcher: RunLauncher; clock: Clock; logger: Logger }): UsageMeter | null {
  const { app } = services;
  if (!app) return null;
  let m = meters.get(services);
  if (!m) {
    m = new UsageMeter({ app, store: services.store, launcher: services.launcher, clock: services.clock, logger: services.logger });
    meters.set(services, m);
  }
  return m;
}
