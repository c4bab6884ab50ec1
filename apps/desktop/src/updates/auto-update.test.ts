/** Auto-update wiring with a fake electron-updater (it needs a packaged Electron app, which cannot run here). */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { recordingLogger } from '../../test/recording-logger.ts';
import { setupAutoUpdate, type UpdaterLike } from './auto-update.ts';

function fakeUpdater(check: () => Promise<unknown>) {
  const emitter = new EventEmitter();
  const updater = { autoDownload: false, autoInstallOnAppQuit: false, checks: 0, emitter } as UpdaterLike & { checks: number; emitter: EventEmitter };
  updater.checkForUpdates = () => {
    updater.checks++;
    return check();
  };
  updater.on = ((event: string, l: (...a: never[]) => void) => emitter.on(event, l as (...a: unknown[]) => void)) as UpdaterLike['on'];
  return updater;
}

describe('auto-update', () => {
  it('is off by default: electron-updater is not even loaded', async () => {
    let loaded = 0;
    const state = await setupAutoUpdate({ enabled: false, isPackaged: true, loadUpdater: async () => (loaded++, fakeUpdater(async () => null)), onUpdateReady: () => {}, logger: recordingLogger() });
    expect(state).toEqual({ enabled: false, reason: 'off in settings' });
    expect(loaded).toBe(0);
  });

  it('does not check from a development run even when switched on', async () => {
    let loaded = 0;
    const state = await setupAutoUpdate({ enabled: true, isPackaged: false, loadUpdater: async () => (loaded++, fakeUpdater(async () => null)), onUpdateReady: () => {}, logger: recordingLogger() });
    expect(state).toEqual({ enabled: false, reason: 'not a packaged build' });
    expect(loaded).toBe(0);
  });

  it('when on, checks at start, downloads in the background and tells the user when an update is ready', async () => {
    const updater = fakeUpdater(async () => null);
    const ready: string[] = [];
    const state = await setupAutoUpdate({ enabled: true, isPackaged: true, loadUpdater: async () => updater, onUpdateReady: (v) => ready.push(v), logger: recordingLogger() });
    expect(state.enabled).toBe(true);
    expect(updater.checks).toBe(1);
    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(true);
    updater.emitter.emit('update-downloaded', { version: '0.2.0' });
    expect(ready).toEqual(['0.2.0']);
    if (state.enabled) await state.check();
    expect(updater.checks).toBe(2);
  });

  it('logs a failing check (no feed, offline) instead of throwing', async () => {
    const logger = recordingLogger();
    const updater = fakeUpdater(async () => Promise.reject(new Error('ENOENT app-update.yml')));
    const state = await setupAutoUpdate({ enabled: true, isPackaged: true, loadUpdater: async () => updater, onUpdateReady: () => {}, logger });
    expect(state.enabled).toBe(true);
    expect(logger.lines.some((l) => l.level === 'warn' && l.fields.error === 'ENOENT app-update.yml')).toBe(true);
  });
});
