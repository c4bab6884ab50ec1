/** Roles used in the menu: a subset of Electron's MenuItem roles (native behaviour, localised labels). */
export type MenuRole =
  | 'about' | 'services' | 'hide' | 'hideOthers' | 'unhide' | 'quit' | 'close' | 'minimize' | 'zoom' | 'front'
  | 'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'pasteAndMatchStyle' | 'delete' | 'selectAll'
  | 'reload' | 'forceReload' | 'toggleDevTools' | 'resetZoom' | 'zoomIn' | 'zoomOut' | 'togglefullscreen';

/** One menu item, shaped like Electron's MenuItemConstructorOptions (Menu.buildFromTemplate takes it as is). */
export interface MenuItemTemplate {
  label?: string;
  role?: MenuRole;
  type?: 'separator' | 'submenu';
  accelerator?: string;
  enabled?: boolean;
  click?: () => void;
  submenu?: MenuItemTemplate[];
}

export interface MenuActions {
  newRecipe(): void;
  openRecipeFile(): void;
  showRuns(): void;
  /** Pushes the open recipe to a team server (its API key is kept in the SecretBox). */
  promoteRecipe(): void;
  openDocumentation(): void;
  openIssueTracker(): void;
  checkForUpdates(): void;
}

export interface MenuOptions {
  platform: NodeJS.Platform;
  appName: string;
  /** Development builds get reload and DevTools; packaged ones do not. */
  isDev: boolean;
  /** "Check for updates…" appears only when auto-update is switched on in the settings. */
  autoUpdateEnabled: boolean;
  actions: MenuActions;
}

const separator: MenuItemTemplate = { type: 'separator' };

/** The native menu bar. macOS gets the app menu first and Quit there; elsewhere Quit sits in File. */
export function buildMenuTemplate(o: MenuOptions): MenuItemTemplate[] {
  const mac = o.platform === 'darwin';
  const a = o.actions;
  const updates: MenuItemTemplate[] = o.autoUpdateEnabled ? [{ label: 'Check for Updates…', click: () => a.checkForUpdates() }] : [];
  const appMenu: MenuItemTemplate[] = mac
    ? [{ label: o.appName, submenu: [{ role: 'about' }, ...updates, separator, { role: 'services' }, separator, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, separator, { role: 'quit' }] }]
    : [];
  const file: MenuItemTemplate = {
    label: 'File',
    submenu: [
      { label: 'New Recipe', accelerator: 'CmdOrCtrl+N', click: () => a.newRecipe() },
      { label: 'Open Recipe File…', accelerator: 'CmdOrCtrl+O', click: () => a.openRecipeFile() },
      separator,
      { label: 'Promote to Team Server…', click: () => a.promoteRecipe() },
      separator,
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const edit: MenuItemTemplate = {
    label: 'Edit',
    submenu: [{ role: 'undo' }, { role: 'redo' }, separator, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []), { role: 'delete' }, separator, { role: 'selectAll' }],
  };
  const view: MenuItemTemplate = {
    label: 'View',
    submenu: [
      { label: 'Runs', click: () => a.showRuns() },
      separator,
      ...(o.isDev ? [{ role: 'reload' } as const, { role: 'forceReload' } as const, { role: 'toggleDevTools' } as const, separator] : []),
      { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, separator, { role: 'togglefullscreen' },
    ],
  };
  const windowMenu: MenuItemTemplate = { label: 'Window', submenu: mac ? [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }] };
  const help: MenuItemTemplate = {
    label: 'Help',
    submenu: [{ label: 'Documentation', click: () => a.openDocumentation() }, { label: 'Report an Issue', click: () => a.openIssueTracker() }, ...(mac ? [] : updates)],
  };
  return [...appMenu, file, edit, view, windowMenu, help];
}
