import { useEffect, useRef, type KeyboardEvent, type MouseEvent, type WheelEvent } from 'react';
import type { DesignerFrame } from '@scrapifie/api';
import { client } from '../client.ts';
import { useDesigner } from '../stores/designer-store.ts';
import { HoverBox } from './HoverBox.tsx';

const KEYS = new Set(['Enter', 'Backspace', 'Tab', 'Escape', 'Delete', 'ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown']);

/** A frame's JPEG as a blob (decoded off the main thread by createImageBitmap). */
function jpegOf(frame: DesignerFrame): Blob {
  const bin = atob(frame.data);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type: 'image/jpeg' });
}

/** The live page: screencast frames drawn on a canvas; pointer, wheel and keys forwarded to the page. */
export function LiveView() {
  const session = useDesigner((s) => s.session);
  const mode = useDesigner((s) => s.mode);
  const { click, move, input, pageMoves } = useDesigner.getState();
  const canvas = useRef<HTMLCanvasElement>(null);
  const wheel = useRef({ dx: 0, dy: 0, timer: 0 as unknown as ReturnType<typeof setTimeout> | 0 });
  const sessionId = session?.sessionId;
  const vp = session?.viewport ?? { width: 1280, height: 800 };

  useEffect(() => {
    if (!sessionId) return;
    // One frame decodes at a time, off the main thread; frames that come meanwhile wait, and only the newest is drawn.
    let decoding = false;
    let waiting: DesignerFrame | null = null;
    let stopped = false;
    const show = async (frame: DesignerFrame): Promise<void> => {
      decoding = true;
      try {
        const bitmap = await createImageBitmap(jpegOf(frame));
        const c = canvas.current;
        const ctx = c?.getContext('2d');
        if (!stopped && c && ctx) {
          ctx.drawImage(bitmap, 0, 0, c.width, c.height);
          c.dataset.frames = String(Number(c.dataset.frames ?? 0) + 1);
          useDesigner.getState().frameShown();
        }
        bitmap.close();
      } catch (e) {
        useDesigner.setState({ error: `A live view frame could not be shown: ${e instanceof Error ? e.message : String(e)}` });
      } finally {
        decoding = false;
        const next = waiting;
        waiting = null;
        if (next && !stopped) void show(next);
      }
    };
    const sub = client().designer.frames.subscribe({ sessionId }, {
      onData: (frame) => {
        if (decoding) waiting = frame;
        else void show(frame);
      },
      onError: (e) => useDesigner.setState({ error: `The live view stopped: ${e instanceof Error ? e.message : String(e)}` }),
    });
    return () => {
      stopped = true;
      sub.unsubscribe();
    };
  }, [sessionId]);

  /** Page coordinates (CSS pixels of the browser's viewport) of a pointer event on the canvas. */
  const at = (e: MouseEvent | WheelEvent) => {
    const r = e.currentTarget.getBoundingClientRect();
    return {
      x: Math.max(0, Math.min(vp.width - 1, Math.round(((e.clientX - r.left) * vp.width) / r.width))),
      y: Math.max(0, Math.min(vp.height - 1, Math.round(((e.clientY - r.top) * vp.height) / r.height))),
    };
  };
  const onWheel = (e: WheelEvent) => {
    const w = wheel.current;
    w.dx += e.deltaX;
    w.dy += e.deltaY;
    pageMoves();
    if (w.timer) return;
    const p = at(e);
    w.timer = setTimeout(() => {
      const { dx, dy } = w;
      Object.assign(w, { dx: 0, dy: 0, timer: 0 });
      void input({ type: 'scroll', dx: Math.round(dx), dy: Math.round(dy), x: p.x, y: p.y });
    }, 60);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key.length === 1) void input({ type: 'type', text: e.key });
    else if (KEYS.has(e.key)) void input({ type: 'press', key: e.key });
    else return;
    e.preventDefault();
  };

  if (!session) return <div className="live-empty muted">Open a page to design a recipe.</div>;
  return (
    <div className="live" style={{ aspectRatio: `${vp.width} / ${vp.height}` }}>
      <canvas
        ref={canvas} width={vp.width} height={vp.height} tabIndex={0} data-testid="live-view" data-mode={mode}
        className={mode === 'interact' ? 'live-canvas' : 'live-canvas picking'}
        onClick={(e) => { e.currentTarget.focus(); const p = at(e); void click(p.x, p.y); }}
        onMouseMove={(e) => { const p = at(e); move(p.x, p.y); }}
        onWheel={onWheel} onKeyDown={onKey}
      />
      <HoverBox vp={vp} />
    </div>
  );
}
