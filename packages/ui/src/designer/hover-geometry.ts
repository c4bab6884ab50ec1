import type { DesignerHover, DesignerState } from '@scrapifie/api';

export type LiveViewport = DesignerState['viewport'];

/** Percent of the live view (which shows the whole viewport, at any size). */
export interface ViewRect {
  left: string;
  top: string;
  width: string;
  height: string;
}

/**
 * Where a box of the page (CSS pixels of its viewport, as the hover call returns it) sits over the live view, in
 * percent of the view, clipped to the viewport; null when none of it is in view.
 */
export function boxOverView(box: DesignerHover['box'], vp: LiveViewport): ViewRect | null {
  const x0 = Math.max(0, box.x);
  const y0 = Math.max(0, box.y);
  const x1 = Math.min(vp.width, box.x + box.width);
  const y1 = Math.min(vp.height, box.y + box.height);
  if (x1 <= x0 || y1 <= y0) return null;
  const pc = (v: number, of: number): string => `${(v / of) * 100}%`;
  return { left: pc(x0, vp.width), top: pc(y0, vp.height), width: pc(x1 - x0, vp.width), height: pc(y1 - y0, vp.height) };
}
