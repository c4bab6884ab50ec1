import { z } from 'zod';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A display as Electron's screen module reports it: workArea excludes task bars and docks. */
export interface DisplayLike {
  workArea: Rect;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

const Int = z.number().int().finite();
export const WindowStateSchema = z.object({
  bounds: z.object({ x: Int, y: Int, width: Int.positive(), height: Int.positive() }),
  maximized: z.boolean(),
});

export const DEFAULT_SIZE = { width: 1280, height: 800 } as const;
/** The smallest window the studio lays out in (clamped further on a smaller screen). */
export const MIN_SIZE = { width: 720, height: 480 } as const;

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(Math.max(v, lo), Math.max(lo, hi));
}

function centered(size: { width: number; height: number }, area: Rect): Rect {
  const width = Math.min(size.width, area.width);
  const height = Math.min(size.height, area.height);
  return { x: area.x + Math.round((area.width - width) / 2), y: area.y + Math.round((area.height - height) / 2), width, height };
}

/**
 * Where the window opens: the saved bounds when they are valid and still on a display (pulled fully
 * onto the display they overlap most, and shrunk to fit it), else a default size centred on the
 * primary display (the first one). Anything unreadable in `saved` counts as nothing saved.
 */
export function restoreWindowState(saved: unknown, displays: readonly DisplayLike[], defaults: { width: number; height: number } = DEFAULT_SIZE): WindowState {
  const primary = displays[0]?.workArea;
  if (!primary) throw new Error('restoreWindowState needs at least one display');
  const parsed = WindowStateSchema.safeParse(saved);
  if (!parsed.success) return { bounds: centered(defaults, primary), maximized: false };
  const { bounds, maximized } = parsed.data;
  let best: Rect | undefined;
  let bestOverlap = 0;
  for (const d of displays) {
    const o = overlap(bounds, d.workArea);
    if (o > bestOverlap) {
      bestOverlap = o;
      best = d.workArea;
    }
  }
  // The display it was on is gone (unplugged monitor): same size, centred on the primary display.
  if (!best) return { bounds: centered(bounds, primary), maximized };
  const width = clamp(bounds.width, Math.min(MIN_SIZE.width, best.width), best.width);
  const height = clamp(bounds.height, Math.min(MIN_SIZE.height, best.height), best.height);
  return {
    bounds: {
      x: clamp(bounds.x, best.x, best.x + best.width - width),
      y: clamp(bounds.y, best.y, best.y + best.height - height),
      width,
      height,
    },
    maximized,
  };
}
