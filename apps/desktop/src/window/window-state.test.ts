/** Window state: the clamping is pure; tracking runs against a fake BrowserWindow (Electron's binary cannot run here). */
import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { recordingLogger } from '../../test/recording-logger.ts';
import { readWindowState, trackWindowState, writeWindowState } from './window-state-file.ts';
import { restoreWindowState, type Rect, type WindowState } from './window-state.ts';

const laptop = { workArea: { x: 0, y: 0, width: 1440, height: 875 } };
const external = { workArea: { x: 1440, y: -200, width: 2560, height: 1400 } };

describe('restoreWindowState', () => {
  it('reopens where the window was when that is still on a display, maximised or not', () => {
    const saved = { bounds: { x: 1600, y: 0, width: 1200, height: 900 }, maximized: true };
    expect(restoreWindowState(saved, [laptop, external])).toEqual(saved);
  });

  it('moves a window whose display was unplugged to the primary display, centred, same size when it fits', () => {
    const saved = { bounds: { x: 1600, y: 0, width: 1200, height: 800 }, maximized: false };
    expect(restoreWindowState(saved, [laptop])).toEqual({ bounds: { x: 120, y: 38, width: 1200, height: 800 }, maximized: false });
  });

  it('pulls a window hanging off the edge fully back onto its display', () => {
    const r = restoreWindowState({ bounds: { x: 1000, y: 600, width: 1000, height: 700 }, maximized: false }, [laptop]);
    expect(r.bounds).toEqual({ x: 440, y: 175, width: 1000, height: 700 });
  });

  it('shrinks a window larger than the display it is on', () => {
    const r = restoreWindowState({ bounds: { x: 0, y: 0, width: 3000, height: 2000 }, maximized: false }, [laptop]);
    expect(r.bounds).toEqual({ x: 0, y: 0, width: 1440, height: 875 });
  });

  it('keeps the window on the display it overlaps most', () => {
    const r = restoreWindowState({ bounds: { x: 1300, y: 100, width: 1000, height: 700 }, maximized: false }, [laptop, external]);
    expect(r.bounds.x).toBeGreaterThanOrEqual(1440);
  });

  it('falls back to a centred default for a missing or damaged state', () => {
    for (const saved of [undefined, null, 'x', { bounds: { x: 0, y: 0, width: -5, height: 10 }, maximized: false }, { bounds: { x: Number.NaN, y: 0, width: 800, height: 600 }, maximized: false }]) {
      expect(restoreWindowState(saved, [laptop])).toEqual({ bounds: { x: 80, y: 38, width: 1280, height: 800 }, maximized: false });
    }
  });
});

describe('window state file and tracking', () => {
  let dir: string | undefined;
  afterEach(() => {
    vi.useRealTimers();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('saves the state after the window settles and on close, and reads it back', () => {
    vi.useFakeTimers();
    dir = mkdtempSync(join(tmpdir(), 'scrapifie-winstate-'));
    const file = join(dir, 'window-state.json');
    const logger = recordingLogger();
    expect(readWindowState(file, logger)).toBeUndefined();

    // A fake BrowserWindow: Electron's binary cannot run on this machine.
    const emitter = new EventEmitter();
    let bounds: Rect = { x: 10, y: 20, width: 900, height: 600 };
    let maximized = false;
    const win = { on: (e: string, l: () => void) => emitter.on(e, l), isMaximized: () => maximized, isMinimized: () => false, isFullScreen: () => false, getNormalBounds: () => bounds };
    const saves: WindowState[] = [];
    trackWindowState(win, (s) => {
      saves.push(s);
      writeWindowState(file, s);
    }, { debounceMs: 200, logger });

    emitter.emit('move');
    bounds = { x: 30, y: 40, width: 900, height: 600 };
    emitter.emit('move');
    expect(saves).toHaveLength(0);
    vi.advanceTimersByTime(250);
    expect(saves).toEqual([{ bounds: { x: 30, y: 40, width: 900, height: 600 }, maximized: false }]);

    maximized = true;
    emitter.emit('maximize');
    emitter.emit('close');
    expect(saves.at(-1)).toEqual({ bounds: { x: 30, y: 40, width: 900, height: 600 }, maximized: true });
    expect(readWindowState(file, logger)).toEqual({ bounds: { x: 30, y: 40, width: 900, height: 600 }, maximized: true });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(saves.at(-1));
  });

  it('treats a damaged file as nothing saved, and says so in the log', () => {
    dir = mkdtempSync(join(tmpdir(), 'scrapifie-winstate-'));
    const file = join(dir, 'window-state.json');
    writeFileSync(file, '{"bounds": {');
    const logger = recordingLogger();
    expect(readWindowState(file, logger)).toBeUndefined();
    expect(logger.lines[0]?.msg).toMatch(/unreadable window state/);
  });
});
