export { BrowserPool } from './browser-pool.ts';
export type { AcquirePageOptions, BrowserPoolMemory, BrowserPoolStats, PageLease } from './pool-types.ts';
export {
  DEFAULT_LAUNCH_ARGS, MAX_BROWSERS_LIMIT, SYSTEM_CHROMIUM, SYSTEM_HEADLESS_SHELL, resolveChromiumPath, resolvePoolOptions,
  type BrowserPoolOptions, type ResolvedPoolOptions,
} from './pool-options.ts';
export { BrowserFetcher, createBrowserFetcher, type BrowserFetcherOptions, type TierOptions } from './browser-fetcher.ts';
export {
  resolveFetchOptions, type BrowserFetchOptions, type BrowserFetchRequest, type BrowserFetchResponse, type ScreenshotSpec, type WaitUntil,
} from './fetch-options.ts';
export { BLOCKABLE_RESOURCES, TRACKER_HOSTS, isTrackerUrl, type BlockableResource } from './resource-blocking.ts';
export { evaluateInPage } from './evaluate-in-page.ts';
export { StealthFetcher, createStealthFetcher, STEALTH_LAUNCH_ARGS, type StealthFetcherOptions } from './stealth/stealth-fetcher.ts';
export { stealthProfile, fingerprintContextOptions, type StealthProfileOptions } from './stealth/stealth-profile.ts';
export {
  FINGERPRINT_OPERATING_SYSTEMS, acceptLanguage, alignBrowserVersion, createFingerprint, httpHeadersFor, isStealthFingerprint,
  type FingerprintOptions, type FingerprintOs, type StealthFingerprint,
} from './stealth/fingerprint.ts';
export { countryProfile, languagesFor, type CountryProfile } from './stealth/geo.ts';
export { stealthPatchScript } from './stealth/patch-script.ts';
export { createHumanizer, type HumanizerOptions } from './stealth/human.ts';
export type { Humanizer } from './actions/humanizer.ts';
export { DEFAULT_STEP_TIMEOUT_MS, runActions, type ActionContext } from './actions/run-actions.ts';
export { loginHash, onLoginPage, performLogin } from './actions/login.ts';
export { MemoryCredentialResolver, parseCredentialRef, type CredentialRef, type CredentialResolver, type CredentialScope } from './actions/credentials.ts';
export { MemorySessionStore, type SessionProxy, type SessionRecord, type SessionStore, type StorageState } from './session/session-store.ts';
export { FileSessionStore } from './session/file-session-store.ts';
export { SessionManager, type OpenedSession, type SessionManagerOptions, type SessionUpdate } from './session/session-manager.ts';
export { MemoryBlobSink, type BlobSink, type BlobTrigger, type BrowserBlob } from './blobs/blob-sink.ts';
export { DirectoryBlobSink } from './blobs/directory-blob-sink.ts';
export { plainProfile, type ContextProfile, type ContextSetup } from './context-profile.ts';
export { toPlaywrightProxy, type PlaywrightProxy } from './proxy.ts';
export { findBrowserProcess, processTree, pssBytes } from './process-memory.ts';
