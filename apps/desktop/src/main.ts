// The Electron main process: wiring only. Every piece it wires is a module tested without Electron.
import { join } from 'node:path';
import { app, dialog, ipcMain, Menu, protocol, safeStorage, session, shell, utilityProcess, type BrowserWindow } from 'electron';
import { APP_ORIGIN, APP_SCHEME, appUrl } from './app-url.ts';
import { loadDesktopConfig } from './config.ts';
import { DeepLinkHub } from './deep-links/deep-link-hub.ts';
import { DEEP_LINK_SCHEME } from './deep-links/deep-link.ts';
import { claimSingleInstance } from './deep-links/single-instance.ts';
import { createDesktopRouter } from './desktop-router.ts';
import { serveTrpcOverIpc } from './ipc/handler.ts';
import { createOriginCheck, originOf } from './ipc/origin.ts';
import { createDesktopLogger } from './logging.ts';
import { openMainWindow } from './main-window.ts';
import { buildMenuTemplate } from './menu/menu-template.ts';
import { promoteRecipe } from './promote/promote.ts';
import { TeamServerSettings } from './promote/team-server.ts';
import { openDesktopRuntime } from './runtime/desktop-runtime.ts';
import { createLocalServices } from './runtime/local-services.ts';
import { loadOrCreateMasterKey } from './secrets/master-key.ts';
import { SecretBox } from './secrets/secret-box.ts';
import { createAppFileHandler } from './security/app-protocol.ts';
import { openExternalSafely } from './security/external-links.ts';
import { guardSession } from './security/session-guards.ts';
import { guardWebContents } from './security/web-contents-guards.ts';
import { readSettings } from './settings.ts';
import { createStudioContext, createStudioRouter } from './studio-router.ts';
import { setupAutoUpdate } from './updates/auto-update.ts';
import { utilityProcessWorkers } from './worker/utility-process.ts';

// Help menu targets (the project's site, as in the recipe schema's $schema URL).
const DOCS_URL = 'https://scrapifie.dev/docs';
const ISSUES_URL = 'https://scrapifie.dev/issues';

const config = loadDesktopConfig();
const logger = createDesktopLogger(config.logLevel);
if (config.userDataDir) app.setPath('userData', config.userDataDir);
const devUrl = app.isPackaged ? undefined : config.rendererDevUrl;
const isAppUrl = createOriginCheck([APP_ORIGIN, ...(devUrl ? [originOf(devUrl) as string] : [])]);
const deepLinks = new DeepLinkHub();
let mainWindow: BrowserWindow | undefined;

// Before ready: the app scheme is a secure standard origin; every renderer is sandboxed.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();

const focus = (): void => {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
};

async function start(): Promise<void> {
  if (app.isPackaged && !app.isDefaultProtocolClient(DEEP_LINK_SCHEME)) app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
  guardSession(session.defaultSession, { isAppUrl, logger });
  protocol.handle(APP_SCHEME, createAppFileHandler(join(import.meta.dirname, 'renderer')));

  const userDataDir = app.getPath('userData');
  const settings = readSettings(join(userDataDir, 'settings.json'), logger);
  const runtime = await openDesktopRuntime({ userDataDir, logger });
  // Crawls run in utility processes (dist/crawl-worker.mjs): a big crawl never stalls this process or the studio.
  const secrets = new SecretBox(safeStorage);
  const local = await createLocalServices({
    store: runtime.store,
    dbPath: runtime.dbPath,
    spawn: utilityProcessWorkers(utilityProcess, join(import.meta.dirname, 'crawl-worker.mjs')),
    logger,
    // The designer's live pages run in this Chromium on the user's machine (launched on the first designer session).
    chromiumPath: config.chromiumPath,
    // The workspace's credentials and webhook secrets are encrypted with a key the OS keychain protects.
    workspace: { appDbPath: join(userDataDir, 'scrapifie.app.sqlite'), queuePath: join(userDataDir, 'scrapifie.queue.sqlite'), masterKey: loadOrCreateMasterKey(join(userDataDir, 'master-key'), secrets) },
  });
  const teamServer = new TeamServerSettings(join(userDataDir, 'team-server.json'), secrets);
  const secretStorage = secrets.status();
  if (secretStorage.warning) logger.warn('Secret storage is weak or missing', { level: secretStorage.level, backend: secretStorage.backend });
  const autoUpdate = await setupAutoUpdate({
    enabled: settings.autoUpdate,
    isPackaged: app.isPackaged,
    loadUpdater: async () => (await import('electron-updater')).default.autoUpdater,
    onUpdateReady: (version) => logger.info('Update ready: it installs when the app quits', { version }),
    logger,
  });

  const desktopRouter = createDesktopRouter({
    info: () => ({
      name: app.getName(),
      version: app.getVersion(),
      platform: process.platform,
      secretStorage,
      autoUpdate: autoUpdate.enabled ? { enabled: true } : autoUpdate,
      database: { path: runtime.dbPath, backupPath: runtime.backup.backupPath },
    }),
    resumableRuns: () => local.resumableRuns(),
    resumeRun: (runId) => local.launcher.resume(runId),
    teamServer: {
      view: () => teamServer.view(),
      save: (input) => teamServer.save(input),
      promote: async (recipe) => {
        const creds = teamServer.credentials();
        if (!creds) throw new Error('No team server is set: add its URL and API key first');
        return promoteRecipe({ ...creds, recipe });
      },
    },
    deepLinks,
  });
  const studioContext = createStudioContext(local.services);
  const server = serveTrpcOverIpc({
    router: createStudioRouter(desktopRouter),
    ipcMain,
    isAppUrl,
    createContext: ({ frameUrl }) => studioContext({ frameUrl }),
    onError: ({ error, path, type }) => logger.warn('Procedure failed', { path, type, code: error.code, message: error.message }),
    logger,
  });

  const open = (url: string) => (): void => void openExternalSafely(shell, url, logger);
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({
        platform: process.platform,
        appName: app.getName(),
        isDev: !app.isPackaged,
        autoUpdateEnabled: autoUpdate.enabled,
        actions: {
          // The studio (@scrapifie/ui) opens these from its own screens; the menu brings the window forward.
          newRecipe: () => focus(),
          openRecipeFile: () => focus(),
          showRuns: () => focus(),
          promoteRecipe: () => focus(),
          openDocumentation: open(DOCS_URL),
          openIssueTracker: open(ISSUES_URL),
          checkForUpdates: () => void (autoUpdate.enabled ? autoUpdate.check() : undefined),
        },
      }),
    ),
  );

  mainWindow = openMainWindow({ userDataDir, preloadPath: join(import.meta.dirname, 'preload.cjs'), url: devUrl ? `${devUrl}/index.html` : appUrl(), isAppUrl, devTools: !app.isPackaged, logger });
  mainWindow.webContents.on('did-navigate', () => server.stopCallsOf(mainWindow?.webContents.id ?? -1));
  mainWindow.on('closed', () => (mainWindow = undefined));
  // Quitting waits for the designer's Chromium, the crawl workers and the databases to close, then quits for real.
  let closing: Promise<void> | undefined;
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    if (closing) return;
    server.close();
    const warn = (what: string) => (e: unknown) => logger.warn(`Closing ${what} failed`, { error: (e as Error).message });
    closing = local
      .close()
      .catch(warn('the local services'))
      .then(() => runtime.close())
      .catch(warn('the database'))
      .then(() => {
        closed = true;
        app.quit();
      });
  });
}

if (claimSingleInstance(app, { argv: process.argv, focus, onDeepLink: (link) => deepLinks.push(link), logger })) {
  // Every WebContents the app ever creates gets the navigation and window.open guards.
  app.on('web-contents-created', (_event, wc) => guardWebContents(wc, { isAppUrl, shell, logger }));
  app.on('window-all-closed', () => app.quit());
  app.whenReady().then(start).catch((e: unknown) => {
    logger.error('Scrapifie Studio could not start', { error: (e as Error).message });
    dialog.showErrorBox('Scrapifie Studio could not start', (e as Error).message);
    app.exit(1);
  });
}
