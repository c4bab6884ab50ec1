// Electron glue for the one app window (not unit-tested: it needs Electron; its parts are).
import { join } from 'node:path';
import { BrowserWindow, screen } from 'electron';
import type { Logger } from '@scrapifie/engine';
import { appWindowOptions } from './security/window-options.ts';
import { readWindowState, trackWindowState, writeWindowState } from './window/window-state-file.ts';
import { restoreWindowState } from './window/window-state.ts';

export interface MainWindowOptions {
  userDataDir: string;
  preloadPath: string;
  /** The app page to load (app://studio/index.html, or the dev server). */
  url: string;
  isAppUrl: (url: string) => boolean;
  devTools: boolean;
  logger: Logger;
}

/** Opens the studio window where it was last (clamped to the displays there are now) and keeps that remembered. */
export function openMainWindow(o: MainWindowOptions): BrowserWindow {
  if (!o.isAppUrl(o.url)) throw new Error(`Refusing to load ${o.url} in an app window: only the app's own pages load there`);
  const stateFile = join(o.userDataDir, 'window-state.json');
  const state = restoreWindowState(readWindowState(stateFile, o.logger), screen.getAllDisplays());
  const win = new BrowserWindow(appWindowOptions({ preloadPath: o.preloadPath, bounds: state.bounds, title: 'Scrapifie Studio', devTools: o.devTools }));
  if (state.maximized) win.maximize();
  trackWindowState(win, (s) => writeWindowState(stateFile, s), { logger: o.logger });
  win.once('ready-to-show', () => win.show());
  win.webContents.on('render-process-gone', (_e, details) => o.logger.error('The studio page crashed', { reason: details.reason, exitCode: details.exitCode }));
  void win.loadURL(o.url).catch((e: unknown) => o.logger.error('Could not load the studio page', { error: (e as Error).message }));
  return win;
}
