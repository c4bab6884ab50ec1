import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from '@scrapifie/engine';
import type { Rect, WindowState } from './window-state.ts';

/** Reads the saved window state; a missing or unreadable file is "nothing saved" (restoreWindowState validates the contents). */
export function readWindowState(file: string, logger: Logger): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') logger.warn('Ignoring an unreadable window state file', { file, error: (e as Error).message });
    return undefined;
  }
}

/** Writes the state atomically (temp file, then rename), so a crash mid-write never leaves half a file. */
export function writeWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(state)}\n`);
  renameSync(tmp, file);
}

/** The BrowserWindow parts that tracking uses. */
export interface TrackedWindow {
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown;
  isMaximized(): boolean;
  isMinimized(): boolean;
  isFullScreen(): boolean;
  /** The bounds the window has when not maximized or minimized. */
  getNormalBounds(): Rect;
}

/**
 * Keeps the window's state saved: after moves and resizes settle (debounced) and when it closes.
 * A minimized or full-screen window keeps the state it had before.
 */
export function trackWindowState(win: TrackedWindow, save: (state: WindowState) => void, opts: { debounceMs?: number; logger: Logger }): { flush(): void } {
  let timer: NodeJS.Timeout | undefined;
  const snapshot = (): WindowState | undefined => (win.isMinimized() || win.isFullScreen() ? undefined : { bounds: win.getNormalBounds(), maximized: win.isMaximized() });
  const flush = (): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const state = snapshot();
    if (!state) return;
    try {
      save(state);
    } catch (e) {
      opts.logger.warn('Could not save the window state', { error: (e as Error).message });
    }
  };
  const later = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, opts.debounceMs ?? 500);
  };
  for (const ev of ['resize', 'move', 'maximize', 'unmaximize'] as const) win.on(ev, later);
  win.on('close', flush);
  return { flush };
}
