/**
 * The desktop renderer (the built dist/renderer: @scrapifie/ui plus the desktop strip) in Chromium, talking
 * over its real ipcLink to the real main-process pieces: serveTrpcOverIpc with the studio + desktop router,
 * the local runtime on SQLite in a user-data folder, crawls in forked worker processes, the designer's live pages in
 * /usr/bin/chromium. Only Electron's IPC is replaced, by an HTTP relay (e2e/desktop/renderer-relay.ts): Electron's
 * binary cannot run on this machine. The designer steps are the ones the Electron suite (desktop.spec.ts) runs
 * (e2e/desktop/design-steps.ts). Runs in the "web" project (system Chromium); it builds the desktop bundles itself.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { parseRecipe, type Recipe } from '@scrapifie/recipe';
import { startTestSite, type TestSite } from '@scrapifie/testsite';
import { buildDesktop } from '../apps/desktop/scripts/build.ts';
import { DeepLinkHub } from '../apps/desktop/src/deep-links/deep-link-hub.ts';
import { createDesktopRouter } from '../apps/desktop/src/desktop-router.ts';
import { serveTrpcOverIpc, type IpcTrpcServer } from '../apps/desktop/src/ipc/handler.ts';
import { createOriginCheck } from '../apps/desktop/src/ipc/origin.ts';
import { promoteRecipe } from '../apps/desktop/src/promote/promote.ts';
import { TeamServerSettings } from '../apps/desktop/src/promote/team-server.ts';
import { openDesktopRuntime, type DesktopRuntime } from '../apps/desktop/src/runtime/desktop-runtime.ts';
import { createLocalServices, type LocalServices } from '../apps/desktop/src/runtime/local-services.ts';
import { SecretBox } from '../apps/desktop/src/secrets/secret-box.ts';
import { createStudioContext, createStudioRouter } from '../apps/desktop/src/studio-router.ts';
import { forkWorkers } from '../apps/desktop/src/worker/fork-worker.ts';
import { WorkerRunLauncher } from '../apps/desktop/src/worker/worker-launcher.ts';
import { aesSafeStorage } from '../apps/desktop/test/aes-safe-storage.ts';
import { silentLogger } from '@scrapifie/engine';
import { designListingByClicks, runSavedRecipe, type ListingRow } from './desktop/design-steps.ts';
import { startRendererRelay, type RendererRelay } from './desktop/renderer-relay.ts';

const PAGES = 10;
const API_KEY = 'sk_team_9f8e7d6c5b4a';

function listingRecipe(startUrl: string, perSecond: number): Recipe {
  return parseRecipe({
    version: 1,
    name: 'desktop listing',
    start: { urls: [startUrl] },
    fetch: { mode: 'http', timeoutMs: 10_000 },
    page: { items: { css: 'article.product', fields: { title: { css: 'h2 a', transforms: ['trim'] } } }, pagination: { pager: { css: 'nav.pagination a' } } },
    politeness: { maxConcurrency: 1, perDomainConcurrency: 1, rateLimit: { requests: perSecond, perSeconds: 1, adaptive: false } },
  });
}

interface Received {
  authorization: string | undefined;
  body: { name?: string; recipe?: { name?: string } };
}

let dir: string;
let site: TestSite;
let runtime: DesktopRuntime;
let local: LocalServices;
let relay: RendererRelay;
let ipc: IpcTrpcServer;
let team: Server;
let teamUrl: string;
let interruptedRunId: string;
const received: Received[] = [];

test.beforeAll(async () => {
  test.setTimeout(180_000);
  dir = mkdtempSync(join(tmpdir(), 'scrapifie-e2e-desktop-renderer-'));
  const userData = join(dir, 'user-data');
  const dist = await buildDesktop();
  site = await startTestSite({ pages: PAGES });

  // A run the app left unfinished: its worker was killed (SIGKILL) after a few pages.
  const first = await openDesktopRuntime({ userDataDir: userData, logger: silentLogger });
  const spawn = forkWorkers();
  const launcher = new WorkerRunLauncher({ dbPath: first.dbPath, spawn });
  interruptedRunId = (await launcher.start({ recipe: listingRecipe(`${site.url}/list/1`, 4) })).runId;
  while ((await first.store.counts(interruptedRunId)).succeeded < 3) await new Promise((r) => setTimeout(r, 50));
  process.kill(spawn.pids[0] as number, 'SIGKILL');
  await launcher.waitUntilDone(interruptedRunId);
  await first.close();

  // The team server: checks the key and takes the recipe.
  team = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Received['body'];
      received.push({ authorization: req.headers.authorization, body });
      res.setHeader('content-type', 'application/json');
      if (req.method !== 'POST' || req.url !== '/api/v1/recipes') return void res.writeHead(404).end(JSON.stringify({ success: false, data: null, error: { code: 'ROUTE_NOT_FOUND', message: 'no such route' } }));
      if (req.headers.authorization !== `Bearer ${API_KEY}`) return void res.writeHead(401).end(JSON.stringify({ success: false, data: null, error: { code: 'UNAUTHORIZED', message: 'Unknown API key' } }));
      res.writeHead(201).end(JSON.stringify({ success: true, data: { id: 'rcp_1', name: body.name }, error: null }));
    });
  });
  await new Promise<void>((resolve) => team.listen(0, '127.0.0.1', resolve));
  teamUrl = `http://127.0.0.1:${(team.address() as AddressInfo).port}`;

  // The next start of the app: the main process's pieces, as main.ts wires them.
  runtime = await openDesktopRuntime({ userDataDir: userData, logger: silentLogger });
  local = await createLocalServices({
    store: runtime.store, dbPath: runtime.dbPath, spawn: forkWorkers(), logger: silentLogger,
    workspace: { appDbPath: join(userData, 'scrapifie.app.sqlite'), queuePath: join(userData, 'scrapifie.queue.sqlite'), masterKey: randomBytes(32) },
    chromiumPath: '/usr/bin/chromium',
  });
  const settings = new TeamServerSettings(join(userData, 'team-server.json'), new SecretBox(aesSafeStorage(), 'linux'));
  const desktopRouter = createDesktopRouter({
    info: () => ({ name: 'Scrapifie Studio', version: '0.1.0', platform: 'linux', secretStorage: { level: 'os', backend: 'gnome_libsecret', warning: undefined }, autoUpdate: { enabled: false, reason: 'off' }, database: { path: runtime.dbPath, backupPath: null } }),
    resumableRuns: () => local.resumableRuns(),
    resumeRun: (runId) => local.launcher.resume(runId),
    teamServer: {
      view: () => settings.view(),
      save: (input) => settings.save(input),
      promote: async (recipe) => {
        const creds = settings.credentials();
        if (!creds) throw new Error('No team server is set');
        return promoteRecipe({ ...creds, recipe });
      },
    },
    deepLinks: new DeepLinkHub(),
  });
  relay = await startRendererRelay(join(dist, 'renderer'));
  const context = createStudioContext(local.services);
  ipc = serveTrpcOverIpc({ router: createStudioRouter(desktopRouter), ipcMain: relay.ipcMain, isAppUrl: createOriginCheck([relay.url]), createContext: ({ frameUrl }) => context({ frameUrl }), logger: silentLogger });
});

test.afterAll(async () => {
  ipc?.close();
  await relay?.close();
  await local?.close();
  await runtime?.close();
  await new Promise((r) => team?.close(r));
  await site?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the studio runs in the desktop renderer over IPC: resume an interrupted run, see its rows, promote a recipe', async ({ page }) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // A recipe the user saved in the Recipes screen earlier (the studio keeps them in local storage).
  const saved = [{ id: 'r1', name: 'desktop listing', recipe: listingRecipe(`${site.url}/list/1`, 50), savedAt: new Date().toISOString() }];
  await page.addInitScript((list) => localStorage.setItem('scrapifie.recipes.v1', JSON.stringify(list)), saved);
  await page.goto(relay.url);

  // The desktop strip and the studio itself, both answered over the IPC link.
  await expect(page.locator('#status')).toHaveText('Scrapifie Studio 0.1.0 — local runtime ready');
  await expect(page.locator('.topbar .brand')).toHaveText('Scrapifie Studio');
  const item = page.locator(`#resume-list li[data-run-id="${interruptedRunId}"]`);
  await expect(item).toContainText(/desktop listing \(running, \d+ pages done, \d+ left, \d+ rows\)/);

  // Resume: the run continues in a worker and ends with every row once.
  await item.getByRole('button', { name: 'Resume' }).click();
  await expect(page.locator('#resume')).toBeHidden();
  await expect(page.locator('h1')).toHaveText('Runs');
  await expect(page.locator(`tr[data-run="${interruptedRunId}"] td[data-col="status"]`)).toHaveText('completed', { timeout: 60_000 });
  await page.locator(`tr[data-run="${interruptedRunId}"]`).getByRole('button', { name: 'Results' }).click();
  await expect(page.getByTestId('grid-count')).toHaveText(`${PAGES * 20} of ${PAGES * 20} rows`);
  expect(await runtime.store.counts(interruptedRunId)).toMatchObject({ succeeded: PAGES, failed: 0, pending: 0, results: PAGES * 20 });

  // Promote to team server: the key is saved encrypted, sent as a Bearer token, never shown.
  await page.locator('#promote summary').click();
  await page.locator('#team-server-url').fill(teamUrl);
  await page.locator('#team-server-key').fill('sk_wrong');
  await page.getByRole('button', { name: 'Save server' }).click();
  await expect(page.locator('#team-server-status')).toHaveText(`Team server: ${teamUrl} (API key saved, encrypted)`);
  await page.locator('#promote-recipe').selectOption('r1');
  await page.getByRole('button', { name: 'Promote' }).click();
  await expect(page.locator('#promote-status')).toContainText('Not promoted: The team server refused the API key (HTTP 401): Unknown API key');
  await page.locator('#team-server-key').fill(API_KEY);
  await page.getByRole('button', { name: 'Save server' }).click();
  await expect(page.locator('#team-server-key')).toHaveValue('');
  await page.getByRole('button', { name: 'Promote' }).click();
  await expect(page.locator('#promote-status')).toHaveText(`Promoted desktop listing to ${teamUrl} (id rcp_1)`);
  expect(received.at(-1)).toEqual({ authorization: `Bearer ${API_KEY}`, body: expect.objectContaining({ name: 'desktop listing', recipe: expect.objectContaining({ name: 'desktop listing' }) }) });
  const file = readFileSync(join(dir, 'user-data', 'team-server.json'), 'utf8');
  expect(file).toContain(teamUrl);
  expect(file).not.toContain(API_KEY);
  await expect(page.locator('body')).not.toContainText(API_KEY);
  expect(errors).toEqual([]);
});

test('the designer in the desktop renderer: one click on a product selects the 20 items, the preview shows them, the saved recipe runs locally to the ground truth', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(relay.url);
  await expect(page.locator('#status')).toHaveText('Scrapifie Studio 0.1.0 — local runtime ready');
  const expected: ListingRow[] = site.truth.listing(1).map((it) => ({ title: it.title, price: it.priceText }));
  await designListingByClicks(page, browser, { listUrl: `${site.url}/list/1`, name: 'desktop designed', expected });
  const rows = await runSavedRecipe(page, 'desktop designed', expected.length);
  const byTitle = (a: ListingRow, b: ListingRow) => a.title.localeCompare(b.title);
  expect(rows.sort(byTitle)).toEqual([...expected].sort(byTitle));
  expect(errors).toEqual([]);
});
