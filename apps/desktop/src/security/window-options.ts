/** The webPreferences every app window gets (Electron's security checklist), whatever else it sets. */
export const SECURE_WEB_PREFERENCES = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
} as const);

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface AppWindowOptions {
  preloadPath: string;
  bounds: Bounds;
  title: string;
  /** DevTools in development builds only. */
  devTools: boolean;
  backgroundColor?: string;
}

/** BrowserWindow options for an app window: remembered bounds, shown once painted, locked-down webPreferences. */
export function appWindowOptions(opts: AppWindowOptions) {
  return {
    ...opts.bounds,
    title: opts.title,
    show: false,
    minWidth: 720,
    minHeight: 480,
    backgroundColor: opts.backgroundColor ?? '#111318',
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: opts.preloadPath, devTools: opts.devTools, spellcheck: false },
  };
}
