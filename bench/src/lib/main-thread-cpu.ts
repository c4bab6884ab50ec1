import type { Browser, Page } from 'playwright-core';

/** CPU time (ms) of a page's renderer main thread, by kind of work, from a Chromium trace (thread durations). */
export interface MainThreadCpu {
  /** All top-level tasks of the thread. */
  totalMs: number;
  scriptMs: number;
  styleMs: number;
  layoutMs: number;
  paintMs: number;
}

const KINDS: Record<string, keyof Omit<MainThreadCpu, 'totalMs'>> = {
  FunctionCall: 'scriptMs', EventDispatch: 'scriptMs', FireAnimationFrame: 'scriptMs', TimerFire: 'scriptMs', v8_compile: 'scriptMs',
  UpdateLayoutTree: 'styleMs', Layout: 'layoutMs', Paint: 'paintMs', PrePaint: 'paintMs', Layerize: 'paintMs',
};

interface TraceEvent { name: string; ph: string; pid: number; tid: number; ts: number; dur?: number; tdur?: number; args?: { name?: string } }

/**
 * Runs `work` while tracing the browser, then sums the thread (CPU) time of the busiest renderer main thread's tasks:
 * what the page's main thread really spent, whatever else the machine was doing (wall times on a busy machine are not).
 * Work nested in work of a kind counts for the outer one (a forced layout inside a script is script).
 */
export async function traceMainThreadCpu(browser: Browser, page: Page, work: () => Promise<void>): Promise<MainThreadCpu> {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  let failure: unknown;
  await work().catch((e: unknown) => (failure = e ?? new Error('the traced work failed')));
  const trace = await browser.stopTracing();
  if (failure) throw failure;
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const byThread = new Map<string, { cpu: MainThreadCpu; classifiedUntil: number }>();
  const complete = events.filter((e) => e.ph === 'X' && e.tdur !== undefined && e.dur !== undefined && mains.has(`${e.pid}:${e.tid}`)).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  for (const e of complete) {
    const key = `${e.pid}:${e.tid}`;
    let t = byThread.get(key);
    if (!t) byThread.set(key, (t = { cpu: { totalMs: 0, scriptMs: 0, styleMs: 0, layoutMs: 0, paintMs: 0 }, classifiedUntil: 0 }));
    if (e.name === 'RunTask') t.cpu.totalMs += (e.tdur as number) / 1000;
    const kind = KINDS[e.name];
    if (kind && e.ts >= t.classifiedUntil) {
      t.cpu[kind] += (e.tdur as number) / 1000;
      t.classifiedUntil = e.ts + (e.dur as number);
    }
  }
  const busiest = [...byThread.values()].map((t) => t.cpu).sort((a, b) => b.totalMs - a.totalMs)[0];
  if (!busiest) throw new Error('the trace holds no renderer main thread tasks');
  return busiest;
}
