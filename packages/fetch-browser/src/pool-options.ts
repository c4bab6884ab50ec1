import { existsSync } from 'node:fs';
import { InvalidInputError } from '@scrapifie/recipe';
import { chromium, type BrowserContextOptions } from 'playwright-core';

/** Chromium switches every pooled browser starts with: no sandbox (containers), no GPU, no background chatter. */
export const DEFAULT_LAUNCH_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

/** The Debian/Ubuntu package's binary, the last resort when no path is given and Playwright's own Chromium is absent. */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';
/** Debian's chromium-headless-shell: the same engine without the browser UI, about 3x less CPU per page headless. */
export const SYSTEM_HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';

export interface BrowserPoolOptions {
  /** Browsers running at once (default 5, at most 20). */
  maxBrowsers?: number;
  /** Pages open at once in one browser (default 3). */
  maxPagesPerBrowser?: number;
  /** A browser that has served this many pages takes no more; it closes once its pages are released (default 100). */
  recycleAfterPages?: number;
  /** A tab of a kept context (pages sharing a context, or a session's) serves this many pages before it is closed:
   *  between two pages it goes back to about:blank and waits for the context's next page, which navigates it instead
   *  of opening a tab (and often a renderer process) of its own. A tab is closed instead after a failed page, a crash,
   *  or when more tabs wait than maxPagesPerBrowser. 1: a new tab for every page. Default 25. Pages with a context of
   *  their own (the default, and a proxied page) always get a new tab. */
  pagesPerTab?: number;
  /** A browser with no open page for this long is closed (default 60 000 ms). */
  idleTimeoutMs?: number;
  /** How long Chromium may take to start (default 30 000 ms). */
  launchTimeoutMs?: number;
  /** Default navigation timeout of every page (default 30 000 ms); a fetch passes its own. */
  navigationTimeoutMs?: number;
  /** Chromium binary. Default: Playwright's bundled Chromium when it is installed, else (headless) Debian's
   *  /usr/bin/chromium-headless-shell when installed, else /usr/bin/chromium. */
  executablePath?: string;
  /** Default true. */
  headless?: boolean;
  /** Switches added after DEFAULT_LAUNCH_ARGS, e.g. a proxy or host-resolver rules. */
  extraArgs?: string[];
  /** Options of every new BrowserContext (viewport, user agent, locale, ...). */
  contextOptions?: BrowserContextOptions;
}

export interface ResolvedPoolOptions {
  maxBrowsers: number;
  maxPagesPerBrowser: number;
  recycleAfterPages: number;
  pagesPerTab: number;
  idleTimeoutMs: number;
  launchTimeoutMs: number;
  navigationTimeoutMs: number;
  executablePath: string;
  headless: boolean;
  args: string[];
  contextOptions: BrowserContextOptions;
}

export const MAX_BROWSERS_LIMIT = 20;

function intOption(name: string, value: number | undefined, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < min || v > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer from ${min} to ${max}`;
    throw new InvalidInputError('INVALID_INPUT', `browser pool option "${name}" must be ${range}, got ${String(value)}`, [
      { path: name, message: `expected ${range}` },
    ]);
  }
  return v;
}

/**
 * The Chromium to launch, decided from the options alone (never from the environment): an explicit path, else
 * Playwright's bundled Chromium when it exists on disk, else for headless use the system's chromium-headless-shell
 * when installed (no browser UI to build per page: far cheaper per page), else the system's /usr/bin/chromium.
 */
export function resolveChromiumPath(explicit?: string, headless = true): string {
  if (explicit !== undefined) {
    if (explicit.trim() === '') throw new InvalidInputError('INVALID_INPUT', 'browser pool option "executablePath" cannot be empty');
    return explicit;
  }
  let bundled: string | undefined;
  try {
    bundled = chromium.executablePath();
  } catch {
    bundled = undefined; // Playwright throws when it knows no build for this platform.
  }
  if (bundled && existsSync(bundled)) return bundled;
  if (headless && existsSync(SYSTEM_HEADLESS_SHELL)) return SYSTEM_HEADLESS_SHELL;
  return SYSTEM_CHROMIUM;
}

/** Applies the seed defaults and checks every option, naming the one that is wrong. */
export function resolvePoolOptions(opts: BrowserPoolOptions = {}): ResolvedPoolOptions {
  return {
    maxBrowsers: intOption('maxBrowsers', opts.maxBrowsers, 5, 1, MAX_BROWSERS_LIMIT),
    maxPagesPerBrowser: intOption('maxPagesPerBrowser', opts.maxPagesPerBrowser, 3, 1, 100),
    recycleAfterPages: intOption('recycleAfterPages', opts.recycleAfterPages, 100, 1),
    pagesPerTab: intOption('pagesPerTab', opts.pagesPerTab, 25, 1),
    idleTimeoutMs: intOption('idleTimeoutMs', opts.idleTimeoutMs, 60_000, 0),
    launchTimeoutMs: intOption('launchTimeoutMs', opts.launchTimeoutMs, 30_000, 1),
    navigationTimeoutMs: intOption('navigationTimeoutMs', opts.navigationTimeoutMs, 30_000, 1),
    executablePath: resolveChromiumPath(opts.executablePath, opts.headless ?? true),
    headless: opts.headless ?? true,
    args: [...DEFAULT_LAUNCH_ARGS, ...(opts.extraArgs ?? [])],
    contextOptions: opts.contextOptions ?? {},
  };
}
