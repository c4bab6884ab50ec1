// `node bench/src/designer-display.ts` — the designer's live view, measured two ways on the fixture listing
// (/list/1, 1280x800): CDP screencast frames (JPEG) against a DOM mirror (serialised document + mutations as JSON).
// The same scripted inputs (wheel scrolls, hovers with the picker's highlight, clicks that change the DOM) drive
// both; for each input, the latency from dispatching it to the first update reaching Node; bytes per second while
// interacting and while idle; CPU of the browser's processes and of Node. Also: hover-to-highlight latency, frames
// per second of continuous scrolling, and draft-change-to-preview-rows latency.
// Options: --rounds N (default 3) --quality Q (JPEG, default 60)
import { parseArgs } from 'node:util';
import { DesignerSession, ListDesigner, LivePreview, type Screencast } from '@scrapifie/designer';
import { BrowserPool, resolveChromiumPath } from '@scrapifie/fetch-browser';
import { DomMirror } from './lib/dom-mirror.ts';
import { startSiteProcess } from './lib/site-process.ts';
import { selfCpuSeconds, treeCpuSeconds } from './lib/tree-cpu.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' }, quality: { type: 'string', default: '60' } } });
const ROUNDS = Number(values.rounds);
const QUALITY = Number(values.quality);
for (const k of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy', 'ALL_PROXY', 'all_proxy']) delete process.env[k];

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number) : Number.NaN;
};

type Kind = 'scroll' | 'hover' | 'click' | 'type';
interface Display {
  name: string;
  /** Called right before an input; resolves with the time the first update after it reached Node. */
  arm(): () => Promise<number>;
  bytesSince(t: number): number;
}

interface Outcome { latency: Record<Kind, number[]>; missed: Record<Kind, number>; bytesPerSecond: number; idleBytesPerSecond: number; browserCpu: number; nodeCpu: number; initialBytes: number }

async function titlePoint(session: DesignerSession, i: number): Promise<{ x: number; y: number }> {
  const box = await session.page.locator('article.product h2 a').nth(i).boundingBox();
  if (!box) throw new Error('no title box');
  return { x: Math.round(box.x + 10), y: Math.round(box.y + box.height / 2) };
}

/** The scripted session: per round 6 scrolls, 6 hovers, 3 add-to-cart clicks and 3 typed words in the search box,
 *  each followed by a pause. An input after which no update comes within 2 s is counted as missed. */
async function interact(session: DesignerSession, display: Display, pid: number): Promise<Omit<Outcome, 'idleBytesPerSecond' | 'initialBytes'>> {
  const latency: Record<Kind, number[]> = { scroll: [], hover: [], click: [], type: [] };
  const missed: Record<Kind, number> = { scroll: 0, hover: 0, click: 0, type: 0 };
  const measure = async (kind: Kind, input: () => Promise<unknown>): Promise<void> => {
    await sleep(250);
    const wait = display.arm();
    const t0 = performance.now();
    await input();
    try {
      latency[kind].push((await wait()) - t0);
    } catch {
      missed[kind]++;
    }
  };
  const [cpu0, node0, t0] = [treeCpuSeconds(pid), selfCpuSeconds(), performance.now()];
  for (let r = 0; r < ROUNDS; r++) {
    await session.page.evaluate('scrollTo(0, 0)');
    for (let i = 0; i < 6; i++) await measure('scroll', () => session.scroll(0, i < 3 ? 300 : -300));
    for (let i = 0; i < 6; i++) {
      const p = await titlePoint(session, i % 3);
      await measure('hover', () => session.hover(p.x, p.y));
    }
    for (let i = 0; i < 3; i++) {
      const button = session.page.locator('form.add-to-cart button').nth(i);
      await button.scrollIntoViewIfNeeded();
      const b = await button.boundingBox();
      if (!b) throw new Error('no button box');
      await measure('click', () => session.click(Math.round(b.x + b.width / 2), Math.round(b.y + b.height / 2)));
    }
    await session.page.evaluate('scrollTo(0, 0)');
    const q = await session.page.locator('#q').boundingBox();
    if (!q) throw new Error('no search box');
    await session.click(Math.round(q.x + 20), Math.round(q.y + q.height / 2));
    for (const word of ['lamp ', 'brass ', 'oak ']) await measure('type', () => session.type(word));
  }
  const wall = (performance.now() - t0) / 1000;
  return { latency, missed, bytesPerSecond: display.bytesSince(t0) / wall, browserCpu: (treeCpuSeconds(pid) - cpu0) / wall, nodeCpu: (selfCpuSeconds() - node0) / wall };
}

/** Bytes per second with nothing happening (the focus taken off the search box first: a blinking caret is a change). */
async function idle(session: DesignerSession, display: Display, seconds: number): Promise<number> {
  await session.page.evaluate('document.activeElement && document.activeElement.blur()');
  await sleep(500);
  const t = performance.now();
  await sleep(seconds * 1000);
  return display.bytesSince(t) / seconds;
}

function screencastDisplay(cast: Screencast): Display & { frames: Array<{ at: number; bytes: number }> } {
  const frames: Array<{ at: number; bytes: number }> = [];
  void (async () => {
    for (;;) {
      const f = await cast.nextFrame();
      if (!f) return;
      frames.push({ at: f.receivedAt, bytes: f.data.length });
    }
  })();
  return {
    name: `CDP screencast (JPEG q${QUALITY})`,
    frames,
    arm() {
      const since = performance.now();
      return async () => {
        for (const until = performance.now() + 2000; performance.now() < until; await sleep(2)) {
          const f = frames.find((x) => x.at >= since);
          if (f) return f.at;
        }
        throw new Error('no screencast frame within 2 s of the input');
      };
    },
    bytesSince: (t) => frames.filter((f) => f.at >= t).reduce((s, f) => s + f.bytes, 0),
  };
}

function mirrorDisplay(mirror: DomMirror, session: DesignerSession): Display {
  let hoverBytes = 0;
  const hovered: number[] = [];
  // The mirror client draws the highlight itself, from the hover report: that report is its update for a hover.
  const original = session.hover.bind(session);
  session.hover = async (x, y) => {
    const r = await original(x, y);
    hovered.push(performance.now());
    hoverBytes += Buffer.byteLength(JSON.stringify(r));
    return r;
  };
  return {
    name: 'DOM mirror (JSON mutations)',
    arm() {
      const since = performance.now();
      const next = mirror.next(2000).catch(() => undefined);
      return async () => {
        const h = hovered.find((t) => t >= since);
        if (h !== undefined) return h;
        const m = await next;
        const h2 = hovered.find((t) => t >= since);
        if (h2 !== undefined) return h2;
        if (!m) throw new Error('no mirror message within 2 s of the input');
        return m.receivedAt;
      };
    },
    bytesSince: (t) => mirror.bytesSince(t) + (hovered.some((h) => h >= t) ? hoverBytes : 0),
  };
}

async function run(pool: BrowserPool, url: string, which: 'screencast' | 'mirror'): Promise<Outcome & { fps?: number }> {
  const session = await DesignerSession.open({ pool, url, viewport: { width: 1280, height: 800 } });
  try {
    await session.inPage('clearHighlights');
    const pid = pool.browserPids()[0];
    if (pid === undefined) throw new Error('cannot find the browser process');
    if (which === 'screencast') {
      const cast = await session.screencast({ quality: QUALITY });
      const display = screencastDisplay(cast);
      await sleep(1000);
      const initialBytes = display.frames.reduce((s, f) => s + f.bytes, 0);
      const out = await interact(session, display, pid);
      const idleBps = await idle(session, display, 3);
      // Continuous scrolling: a wheel step every 16 ms for 3 s.
      const t = performance.now();
      for (let i = 0; i < 180; i++) {
        await session.page.mouse.wheel(0, i % 60 < 30 ? 120 : -120);
        await sleep(16);
      }
      const fps = display.frames.filter((f) => f.at >= t).length / ((performance.now() - t) / 1000);
      await cast.stop();
      return { ...out, idleBytesPerSecond: idleBps, initialBytes, fps };
    }
    const mirror = await DomMirror.attach(session);
    const display = mirrorDisplay(mirror, session);
    const out = await interact(session, display, pid);
    return { ...out, idleBytesPerSecond: await idle(session, display, 3), initialBytes: mirror.initialBytes };
  } finally {
    await session.close();
  }
}

async function previewLatency(pool: BrowserPool, url: string): Promise<{ hover: number[]; preview: number[] }> {
  const session = await DesignerSession.open({ pool, url });
  try {
    const list = new ListDesigner(session);
    const p = await titlePoint(session, 0);
    await list.select(p.x, p.y);
    await list.addField(p.x, p.y);
    const preview = new LivePreview(session);
    const times: number[] = [];
    const fields = ['.price', '.category', '.brand', '.summary', '.rating'];
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      preview.update({ ...list.pageSpec(), items: { ...list.pageSpec().items, fields: { ...list.pageSpec().items?.fields, extra: { css: fields[i % fields.length] } } } });
      await preview.settled();
      times.push(performance.now() - t);
    }
    const hover: number[] = [];
    for (let i = 0; i < 20; i++) {
      const q = await titlePoint(session, i % 3);
      const t = performance.now();
      await session.hover(q.x, q.y);
      hover.push(performance.now() - t);
    }
    return { hover, preview: times };
  } finally {
    await session.close();
  }
}

const f1 = (n: number): string => n.toFixed(1);
const site = await startSiteProcess(50);
const pool = new BrowserPool({ executablePath: resolveChromiumPath(process.env.SCRAPIFIE_CHROMIUM), maxBrowsers: 1, idleTimeoutMs: 600_000 });
try {
  const url = `${site.url}/list/1`;
  console.error(`fixture: ${url}; Chromium ${pool.options.executablePath}; ${ROUNDS} rounds`);
  const results = { screencast: await run(pool, url, 'screencast'), mirror: await run(pool, url, 'mirror') };
  console.log('\napproach     input   p50 ms  p95 ms  missed | KB/s active  KB/s idle  initial KB  browser CPU  node CPU');
  for (const [name, r] of Object.entries(results)) {
    for (const kind of ['scroll', 'hover', 'click', 'type'] as Kind[]) {
      const l = r.latency[kind];
      const tail = kind === 'scroll' ? `| ${f1(r.bytesPerSecond / 1024).padStart(11)}  ${f1(r.idleBytesPerSecond / 1024).padStart(9)}  ${f1(r.initialBytes / 1024).padStart(10)}  ${(r.browserCpu * 100).toFixed(0).padStart(10)}%  ${(r.nodeCpu * 100).toFixed(0).padStart(7)}%` : '|';
      console.log(`${name.padEnd(12)} ${kind.padEnd(7)} ${f1(pct(l, 50)).padStart(6)}  ${f1(pct(l, 95)).padStart(6)}  ${`${r.missed[kind]}/${l.length + r.missed[kind]}`.padStart(6)} ${tail}`);
    }
  }
  console.log(`screencast frames per second while scrolling continuously: ${f1(results.screencast.fps ?? 0)}`);
  const p = await previewLatency(pool, url);
  console.log(`hover -> highlight drawn (picker round trip): p50 ${f1(pct(p.hover, 50))} ms, p95 ${f1(pct(p.hover, 95))} ms`);
  console.log(`draft change -> preview rows (150 ms debounce included): p50 ${f1(pct(p.preview, 50))} ms, p95 ${f1(pct(p.preview, 95))} ms`);
  console.log(JSON.stringify({ rounds: ROUNDS, quality: QUALITY, results, hoverMs: p.hover, previewMs: p.preview }));
} finally {
  await pool.close();
  await site.stop();
}
