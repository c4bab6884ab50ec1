/**
 * The visual designer on the desktop, as the renderer drives it: the studio + desktop router served over the IPC
 * handler (Electron's IPC faked by test/fake-ipc.ts, its binary cannot run here), the local runtime on SQLite files in
 * a user-data folder, live pages in a real Chromium (/usr/bin/chromium), crawls in forked worker processes, and the
 * fixture site. Expected rows come from the fixture's ground truth.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTRPCClient } from '@trpc/client';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEMO_CREDENTIALS, DEMO_ORDERS, startTestSite, type TestSite } from '@scrapifie/testsite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeepLinkHub } from '../src/deep-links/deep-link-hub.ts';
import { createDesktopRouter } from '../src/desktop-router.ts';
import { serveTrpcOverIpc, type IpcTrpcServer } from '../src/ipc/handler.ts';
import { ipcLink } from '../src/ipc/link.ts';
import { createOriginCheck } from '../src/ipc/origin.ts';
import { createIpcBridge } from '../src/preload/bridge.ts';
import { openDesktopRuntime, type DesktopRuntime } from '../src/runtime/desktop-runtime.ts';
import { createLocalServices, type LocalServices } from '../src/runtime/local-services.ts';
import { createStudioContext, createStudioRouter, type StudioRouter } from '../src/studio-router.ts';
import { forkWorkers } from '../src/worker/fork-worker.ts';
import { FakeIpcMain, FakeRenderer } from './fake-ipc.ts';
import { recordingLogger } from './recording-logger.ts';

const CHROMIUM = '/usr/bin/chromium';
/** The designer's live page size (its default viewport). */
const VIEW = { width: 1280, height: 800 };

interface Point {
  x: number;
  y: number;
}

async function until(check: () => boolean, what: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('the designer on the desktop, over IPC', () => {
  let dir: string;
  let site: TestSite;
  let runtime: DesktopRuntime;
  let local: LocalServices;
  let server: IpcTrpcServer;
  let probe: Browser;
  let client: ReturnType<typeof createTRPCClient<StudioRouter>>;

  /** Where elements sit on `url` at the live view's size, as the user sees them in the designer (a probe tab; `prepare` gets it there). */
  async function pointsOn(url: string, selectors: Record<string, string>, prepare?: (page: Page) => Promise<void>): Promise<Record<string, Point>> {
    const context = await probe.newContext({ viewport: VIEW });
    try {
      const page = await context.newPage();
      if (prepare) await prepare(page);
      else await page.goto(url);
      const out: Record<string, Point> = {};
      for (const [name, css] of Object.entries(selectors)) {
        const box = await page.locator(css).first().boundingBox();
        if (!box) throw new Error(`${css} is not visible on ${url}`);
        out[name] = { x: box.x + Math.min(box.width / 2, 20), y: box.y + box.height / 2 };
      }
      return out;
    } finally {
      await context.close();
    }
  }

  /** Saves `recipe` to the local library, runs the library's copy in a crawl worker and returns its rows. */
  async function saveAndRun(recipe: Record<string, unknown>): Promise<Array<Record<string, unknown>>> {
    const saved = await client.recipes.create.mutate({ recipe });
    const fromLibrary = await client.recipes.get.query({ recipeId: saved.id });
    expect(fromLibrary).toMatchObject({ name: recipe.name, version: 1 });
    const { runId } = await client.runs.start.mutate({ recipe: fromLibrary.recipe as never });
    const finished = await new Promise<string>((resolve, reject) => {
      const progress = client.runs.progress.subscribe({ runId }, {
        onData: (e) => {
          if (e.type !== 'run.finished') return;
          progress.unsubscribe();
          resolve(e.status);
        },
        onError: reject,
      });
    });
    const logs = await client.runs.logs.query({ runId, limit: 20 });
    expect(finished, JSON.stringify(logs.failures)).toBe('completed');
    return (await client.results.page.query({ runId, limit: 100 })).items.map((r) => ({ ...r.data, $tier: r.tier }));
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'scrapifie-desktop-designer-'));
    const userData = join(dir, 'user-data');
    site = await startTestSite({ pages: 1 });
    probe = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    // The app's pieces as main.ts wires them, on this machine's Chromium.
    runtime = await openDesktopRuntime({ userDataDir: userData, logger: recordingLogger() });
    local = await createLocalServices({
      store: runtime.store,
      dbPath: runtime.dbPath,
      spawn: forkWorkers(),
      logger: recordingLogger(),
      workspace: { appDbPath: join(userData, 'scrapifie.app.sqlite'), queuePath: join(userData, 'scrapifie.queue.sqlite'), masterKey: randomBytes(32) },
      chromiumPath: CHROMIUM,
    });
    const desktopRouter = createDesktopRouter({
      info: () => ({ name: 'Scrapifie Studio', version: '0.1.0', platform: 'linux', secretStorage: { level: 'os', backend: 'gnome_libsecret', warning: undefined }, autoUpdate: { enabled: false, reason: 'off' }, database: { path: runtime.dbPath, backupPath: null } }),
      resumableRuns: () => local.resumableRuns(),
      deepLinks: new DeepLinkHub(),
    });
    const ipcMain = new FakeIpcMain();
    const context = createStudioContext(local.services);
    server = serveTrpcOverIpc({ router: createStudioRouter(desktopRouter), ipcMain, isAppUrl: createOriginCheck(['app://studio']), createContext: ({ frameUrl }) => context({ frameUrl }), logger: recordingLogger() });
    const renderer = new FakeRenderer(ipcMain, 'app://studio/index.html');
    client = createTRPCClient<StudioRouter>({ links: [ipcLink<StudioRouter>({ bridge: createIpcBridge(renderer.ipcRenderer) })] });
  }, 120_000);

  afterAll(async () => {
    server?.close();
    await local?.close();
    await runtime?.close();
    await probe?.close();
    await site?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('designs the listing by clicks on the live page (frames over the IPC subscription), saves the recipe and runs it locally to the ground truth', async () => {
    const listUrl = `${site.url}/list/1`;
    const at = await pointsOn(listUrl, { title: 'article.product h2 a', price: 'article.product .price' });
    const opened = await client.designer.open.mutate({ url: listUrl });
    const sessionId = opened.sessionId;
    expect(opened).toMatchObject({ url: listUrl, viewport: VIEW, items: null, fields: [] });

    // The live view: JPEG frames of the page, streamed over the IPC link's subscription.
    const frames: Array<{ seq: number; data: string; width: number; height: number }> = [];
    const sub = client.designer.frames.subscribe({ sessionId }, { onData: (f) => frames.push(f), onError: (e) => frames.push({ seq: -1, data: String(e), width: 0, height: 0 }) });
    await until(() => frames.length > 0, 'the first frame of the live page');
    expect(frames[0]).toMatchObject({ width: VIEW.width, height: VIEW.height });
    expect(Buffer.from(frames[0]!.data, 'base64').subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff])); // a JPEG

    // One click on a product selects the 20 similar items.
    const hovered = await client.designer.hover.mutate({ sessionId, ...at.title! });
    expect(hovered?.tag).toBe('a');
    const selected = await client.designer.pick.mutate({ sessionId, pick: { mode: 'select', ...at.title! } });
    expect(selected.items?.count).toBe(20);

    // Clicks inside the item add the fields; the preview shows the rows the recipe will extract.
    await client.designer.pick.mutate({ sessionId, pick: { mode: 'field', ...at.title!, name: 'title' } });
    const designed = await client.designer.pick.mutate({ sessionId, pick: { mode: 'field', ...at.price!, name: 'price' } });
    expect(designed.fields.map((f) => [f.name, f.items])).toEqual([['title', 20], ['price', 20]]);
    const truth = site.truth.listing(1).map((it) => ({ title: it.title, price: it.priceText }));
    expect(designed.preview?.error).toBeNull();
    expect(designed.preview?.rows.map((r) => ({ title: r.title, price: r.price }))).toEqual(truth);

    // Save the recipe to the local library, run it in a crawl worker, read the rows.
    const { recipe } = await client.designer.recipe.mutate({ sessionId, name: 'desktop designed' });
    const rows = await saveAndRun(recipe);
    expect(rows.map((r) => ({ title: r.title, price: r.price }))).toEqual(truth);
    expect(rows.every((r) => r.$tier === 'http')).toBe(true); // the recipe's "auto" mode fetched this static page without a browser

    sub.unsubscribe();
    await client.designer.close.mutate({ sessionId });
    await until(() => server.activeCount() === 0, 'the frame subscription to end');
    expect(frames.some((f) => f.seq === -1)).toBe(false);
  }, 120_000);

  it("a login recorded in the designer keeps its secrets in the desktop's encrypted credential store, never in the recipe or on disk in clear; the run signs in with them", async () => {
    const loginUrl = `${site.url}/login`;
    const form = await pointsOn(loginUrl, { username: '#username', password: '#password', submit: '#login' });
    const orders = await pointsOn(`${site.url}/account/orders`, { id: 'tr.order .order-id', status: 'tr.order .order-status', total: 'tr.order .order-total' }, async (page) => {
      await page.goto(loginUrl);
      await page.fill('#username', DEMO_CREDENTIALS.username);
      await page.fill('#password', DEMO_CREDENTIALS.password);
      await Promise.all([page.waitForURL(/account\/orders/), page.click('#login')]);
    });
    const { sessionId } = await client.designer.open.mutate({ url: loginUrl });
    await client.designer.record.mutate({ sessionId, record: { op: 'start', credential: 'shop' } });
    await client.designer.input.mutate({ sessionId, input: { type: 'click', ...form.username! } });
    await client.designer.input.mutate({ sessionId, input: { type: 'type', text: DEMO_CREDENTIALS.username } });
    await client.designer.input.mutate({ sessionId, input: { type: 'click', ...form.password! } });
    await client.designer.input.mutate({ sessionId, input: { type: 'type', text: DEMO_CREDENTIALS.password } });
    await client.designer.input.mutate({ sessionId, input: { type: 'click', ...form.submit! } });
    const stopped = await client.designer.record.mutate({ sessionId, record: { op: 'stop' } });
    expect(stopped.recording?.credentials).toEqual([{ ref: 'shop.username', stored: 'store' }, { ref: 'shop.password', stored: 'store' }]);
    expect(JSON.stringify(stopped.recording?.steps)).not.toContain(DEMO_CREDENTIALS.password);
    expect(stopped.url).toBe(`${site.url}/account/orders`);

    // The local workspace's credential: listed with a masked hint, its value only in the encrypted store.
    const listed = await client.credentials.list.query({});
    expect(listed.credentials).toMatchObject([{ name: 'shop', kind: 'password', hint: expect.stringMatching(/word$/) }]);
    expect(JSON.stringify(listed)).not.toContain(DEMO_CREDENTIALS.password);

    // Signed in, design the orders; the run's crawl worker signs in with the stored credential and extracts them.
    expect((await client.designer.pick.mutate({ sessionId, pick: { mode: 'select', ...orders.id! } })).items?.count).toBe(DEMO_ORDERS.length);
    await client.designer.pick.mutate({ sessionId, pick: { mode: 'field', ...orders.id!, name: 'id' } });
    await client.designer.pick.mutate({ sessionId, pick: { mode: 'field', ...orders.status!, name: 'status' } });
    await client.designer.pick.mutate({ sessionId, pick: { mode: 'field', ...orders.total!, name: 'total' } });
    const { recipe } = await client.designer.recipe.mutate({ sessionId, name: 'desktop orders' });
    expect(JSON.stringify(recipe)).toContain('"credential":"shop.password"');
    expect(JSON.stringify(recipe)).not.toContain(DEMO_CREDENTIALS.password);
    const rows = await saveAndRun(recipe);
    expect(rows.map((r) => `${r.id} | ${r.status} | ${r.total}`).sort()).toEqual(DEMO_ORDERS.map((o) => `${o.id} | ${o.status} | ${o.totalText}`).sort());
    await client.designer.close.mutate({ sessionId });
    for (const f of readdirSync(join(dir, 'user-data'))) expect(readFileSync(join(dir, 'user-data', f)).includes(DEMO_CREDENTIALS.password), `${f} holds the password`).toBe(false);
  }, 120_000);
});
