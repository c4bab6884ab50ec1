import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import { toPlaywrightProxy } from './proxy.ts';
import type { SessionProxy, StorageState } from './session/session-store.ts';

/** What a new context of a fetch starts from. */
export interface ContextSetup {
  proxy?: SessionProxy | undefined;
  /** The session's saved cookies and localStorage. */
  storageState?: StorageState | undefined;
  /** The session's saved fingerprint (stealth tier). */
  fingerprint?: unknown;
  /** Receives a fingerprint made for this context, for the session to keep. */
  keepFingerprint?: ((fingerprint: unknown) => void) | undefined;
}

/** How a tier builds its browser contexts: the browser tier as the pool says; the stealth tier with a fingerprint. */
export interface ContextProfile {
  createContext(browser: Browser, base: BrowserContextOptions, setup: ContextSetup): Promise<BrowserContext>;
}

/** The pool's context options plus the proxy and the stored state. */
export function plainContextOptions(base: BrowserContextOptions, setup: ContextSetup): BrowserContextOptions {
  const options: BrowserContextOptions = { ...base };
  if (setup.proxy) options.proxy = toPlaywrightProxy(setup.proxy.url);
  if (setup.storageState) options.storageState = setup.storageState;
  return options;
}

export const plainProfile: ContextProfile = {
  createContext: (browser, base, setup) => browser.newContext(plainContextOptions(base, setup)),
};
