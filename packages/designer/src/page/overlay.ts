/**
 * Highlight boxes drawn in the page: a fixed, zero-size host element (outside the body, so no selector of the page's
 * content can meet it) with a closed shadow root, pointer-events off, holding absolutely placed boxes. It never takes
 * part in the page's layout: nothing moves when it is shown. Boxes follow scrolling and resizing.
 */
import { labelOf, OVERLAY_TAG } from './dom.ts';

export type Layer = 'hover' | 'items' | 'fields' | 'pagination';

const COLOURS: Record<Layer, string> = { hover: '#0b6bcb', items: '#1a7f37', fields: '#b35900', pagination: '#8250df' };
const MAX_BOXES = 400;

let root: ShadowRoot | undefined;
let host: HTMLElement | undefined;
const layers = new Map<Layer, Element[]>();
let labelText: string | undefined;
let timer: number | undefined;
let frame = 0;
/** What is drawn now: the periodic redraw (for layout changes) touches the DOM only when a box moved. */
let drawn = '';

function ensureHost(): ShadowRoot {
  if (root && host?.isConnected) return root;
  for (const old of Array.from(document.querySelectorAll(OVERLAY_TAG))) old.remove();
  host = document.createElement(OVERLAY_TAG);
  host.setAttribute('aria-hidden', 'true');
  host.style.cssText = 'all:initial;position:fixed;top:0;left:0;width:0;height:0;overflow:visible;z-index:2147483647;pointer-events:none;contain:layout style;display:block';
  root = host.attachShadow({ mode: 'closed' });
  drawn = '';
  document.documentElement.appendChild(host);
  addEventListener('scroll', schedule, { passive: true, capture: true });
  addEventListener('resize', schedule, { passive: true });
  return root;
}

function schedule(): void {
  if (frame) return;
  frame = requestAnimationFrame(() => {
    frame = 0;
    draw();
  });
}

function boxElement(left: number, top: number, width: number, height: number, css: string): HTMLDivElement {
  const d = document.createElement('div');
  d.style.cssText = `position:absolute;left:${left}px;top:${top}px;width:${width}px;height:${height}px;box-sizing:border-box;${css}`;
  return d;
}

/** Redraws every layer (DOM calls, never innerHTML: pages enforcing Trusted Types would refuse it). */
function draw(): void {
  const shadow = ensureHost();
  const nodes: HTMLElement[] = [];
  let n = 0;
  for (const [layer, els] of layers) {
    const colour = COLOURS[layer];
    const fill = layer === 'hover' ? '22' : '14';
    for (const el of els) {
      if (n++ >= MAX_BOXES) break;
      if (!el.isConnected) continue;
      const r = el.getBoundingClientRect();
      if (r.bottom < 0 || r.top > innerHeight || r.right < 0 || r.left > innerWidth) continue;
      const box = boxElement(r.left, r.top, r.width, r.height, `outline:2px solid ${colour};outline-offset:-1px;background:${colour}${fill}`);
      box.dataset.box = layer;
      nodes.push(box);
    }
  }
  const hover = layers.get('hover')?.[0];
  if (hover?.isConnected && labelText) {
    const r = hover.getBoundingClientRect();
    const tag = boxElement(Math.max(0, r.left), r.top >= 22 ? r.top - 22 : r.bottom + 2, 0, 0, `width:auto;height:auto;font:12px/18px system-ui,sans-serif;color:#fff;background:${COLOURS.hover};padding:1px 6px;border-radius:3px;white-space:nowrap`);
    tag.textContent = labelText; // text, never markup from the page
    nodes.push(tag);
  }
  const signature = nodes.map((n) => `${n.style.cssText}|${n.textContent ?? ''}`).join('\n');
  if (signature !== drawn) {
    drawn = signature;
    shadow.replaceChildren(...nodes);
  }
  const any = [...layers.values()].some((l) => l.length > 0);
  if (any && timer === undefined) timer = setInterval(schedule, 400) as unknown as number;
  if (!any && timer !== undefined) {
    clearInterval(timer);
    timer = undefined;
  }
}

/** Shows `els` on a layer (replacing what it showed); an empty list clears the layer. */
export function showLayer(layer: Layer, els: Element[], label?: string): void {
  if (els.length === 0) layers.delete(layer);
  else layers.set(layer, els);
  if (layer === 'hover') labelText = label ?? (els[0] ? labelOf(els[0]) : undefined);
  draw();
}

export function clearAll(): void {
  layers.clear();
  labelText = undefined;
  draw();
}

/** How many boxes are drawn now (for tests and the studio's status line). */
export function drawnBoxes(): number {
  return root ? root.querySelectorAll('div[data-box]').length : 0;
}
