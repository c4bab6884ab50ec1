import { useDesigner, useHover } from '../stores/designer-store.ts';
import { boxOverView, type LiveViewport } from './hover-geometry.ts';

/**
 * The highlight of the element under the pointer (its box and label), drawn by the studio over the live view from the
 * box the hover call returned: it shows as soon as the answer is in, where the page's own highlight only shows in a
 * later frame. The page keeps drawing its own too (the frames show it), under this one.
 */
export function HoverBox({ vp }: { vp: LiveViewport }) {
  const hover = useHover((s) => s.hover);
  const picking = useDesigner((s) => s.mode !== 'interact');
  if (!hover || !picking) return null;
  const box = boxOverView(hover.box, vp);
  return (
    <>
      {box && <div className="hover-box" data-testid="hover-box" style={box} />}
      <div
        className="hover-label" data-testid="hover-label"
        style={{ left: `${(Math.max(0, hover.box.x) / vp.width) * 100}%`, top: `${(Math.max(0, hover.box.y) / vp.height) * 100}%` }}
      >
        {hover.label}
      </div>
    </>
  );
}
