import type { Logger } from '@scrapifie/engine';

/** The parts of electron-updater's autoUpdater used here; the real one satisfies this, tests pass a fake. */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  checkForUpdates(): Promise<unknown>;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'update-available' | 'update-downloaded', listener: (info: { version: string }) => void): unknown;
}

export type AutoUpdateState =
  | { enabled: false; reason: 'off in settings' | 'not a packaged build' }
  | { enabled: true; check(): Promise<void> };

export interface AutoUpdateOptions {
  /** The `autoUpdate` setting: false by default. */
  enabled: boolean;
  /** app.isPackaged: a development run has no update feed to ask. */
  isPackaged: boolean;
  /** Loads electron-updater; called only when updates are on, so an off switch never even loads it. */
  loadUpdater: () => Promise<UpdaterLike>;
  /** Tells the user an update is ready (installed when the app quits). */
  onUpdateReady: (version: string) => void;
  logger: Logger;
}

/**
 * Wires electron-updater behind the `autoUpdate` setting (off by default): when on, in a packaged
 * build, it checks once at start (and whenever check() is called), downloads in the background and
 * installs on quit. Failures (no feed, offline) are logged, never thrown at the user.
 */
export async function setupAutoUpdate(opts: AutoUpdateOptions): Promise<AutoUpdateState> {
  if (!opts.enabled) return { enabled: false, reason: 'off in settings' };
  if (!opts.isPackaged) {
    opts.logger.info('Auto-update is on but this is not a packaged build: not checking');
    return { enabled: false, reason: 'not a packaged build' };
  }
  const updater = await opts.loadUpdater();
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = true;
  updater.on('error', (e) => opts.logger.warn('Update check failed', { error: e.message }));
  updater.on('update-available', (info) => opts.logger.info('Downloading an update', { version: info.version }));
  updater.on('update-downloaded', (info) => opts.onUpdateReady(info.version));
  const check = async (): Promise<void> => {
    try {
      await updater.checkForUpdates();
    } catch (e) {
      opts.logger.warn('Update check failed', { error: (e as Error).message });
    }
  };
  await check();
  return { enabled: true, check };
}
