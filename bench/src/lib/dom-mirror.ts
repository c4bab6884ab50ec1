/**
 * The DOM-mirror alternative to the screencast, built only to be measured against it (bench/src/designer-display.ts):
 * the page's document serialised once, then every mutation (added subtrees as HTML, removals, attribute and text
 * changes) and every scroll sent to Node as JSON, batched per animation frame, as a studio client would receive them
 * to rebuild the page in a sandboxed iframe. What it would still cost on the client (re-fetching images and styles
 * from the site, rendering, faking :hover) is not counted here.
 */
import type { DesignerSession } from '@scrapifie/designer';

export interface MirrorMessage {
  receivedAt: number;
  bytes: number;
}

const MIRROR_SCRIPT = `(() => {
  if (window.__mirrorOn) return document.documentElement.outerHTML.length;
  window.__mirrorOn = true;
  const ids = new WeakMap(); let next = 1;
  const idOf = (n) => { let i = ids.get(n); if (!i) { i = next++; ids.set(n, i); } return i; };
  let batch = []; let scheduled = false;
  const flush = () => { scheduled = false; if (batch.length) { const b = batch; batch = []; window.__mirrorSend(JSON.stringify(b)); } };
  const push = (m) => { batch.push(m); if (!scheduled) { scheduled = true; requestAnimationFrame(flush); } };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.target.nodeType === 1 && r.target.localName && r.target.localName.startsWith('scrapifie')) continue;
      if (r.type === 'childList') push({ t: 'c', p: idOf(r.target), add: [...r.addedNodes].map((n) => n.nodeType === 1 ? n.outerHTML : n.textContent), rm: [...r.removedNodes].map(idOf) });
      else if (r.type === 'attributes') push({ t: 'a', n: idOf(r.target), k: r.attributeName, v: r.target.getAttribute(r.attributeName) });
      else push({ t: 'x', n: idOf(r.target), v: r.target.data });
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  addEventListener('scroll', () => push({ t: 's', x: scrollX, y: scrollY }), { passive: true, capture: true });
  return document.documentElement.outerHTML.length;
})()`;

export class DomMirror {
  readonly messages: MirrorMessage[] = [];
  #waiters: Array<(m: MirrorMessage) => void> = [];
  initialBytes = 0;

  static async attach(session: DesignerSession): Promise<DomMirror> {
    const mirror = new DomMirror();
    await session.page.exposeBinding('__mirrorSend', (_source: unknown, json: string) => mirror.#receive(json));
    mirror.initialBytes = Number(await session.page.evaluate(MIRROR_SCRIPT));
    return mirror;
  }

  #receive(json: string): void {
    const m = { receivedAt: performance.now(), bytes: Buffer.byteLength(json) };
    this.messages.push(m);
    for (const w of this.#waiters.splice(0)) w(m);
  }

  /** The next message that arrives after now (rejects after `timeoutMs`). */
  next(timeoutMs: number): Promise<MirrorMessage> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no mirror message within ${timeoutMs} ms`)), timeoutMs);
      this.#waiters.push((m) => {
        clearTimeout(timer);
        resolve(m);
      });
    });
  }

  bytesSince(t: number): number {
    return this.messages.filter((m) => m.receivedAt >= t).reduce((s, m) => s + m.bytes, 0);
  }
}
