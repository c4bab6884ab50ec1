import { describe, expect, it } from 'vitest';
import { buildMenuTemplate, type MenuActions, type MenuItemTemplate, type MenuOptions } from './menu-template.ts';

function actions(log: string[]): MenuActions {
  const rec = (name: string) => () => void log.push(name);
  return { newRecipe: rec('newRecipe'), openRecipeFile: rec('openRecipeFile'), showRuns: rec('showRuns'), promoteRecipe: rec('promoteRecipe'), openDocumentation: rec('openDocumentation'), openIssueTracker: rec('openIssueTracker'), checkForUpdates: rec('checkForUpdates') };
}

function all(items: MenuItemTemplate[]): MenuItemTemplate[] {
  return items.flatMap((i) => [i, ...all(i.submenu ?? [])]);
}

const base = (over: Partial<MenuOptions>, log: string[] = []): MenuOptions => ({ platform: 'linux', appName: 'Scrapifie Studio', isDev: false, autoUpdateEnabled: false, actions: actions(log), ...over });

describe('native menu', () => {
  it('on macOS starts with the app menu, which holds Quit', () => {
    const menu = buildMenuTemplate(base({ platform: 'darwin' }));
    expect(menu.map((m) => m.label)).toEqual(['Scrapifie Studio', 'File', 'Edit', 'View', 'Window', 'Help']);
    expect(menu[0]?.submenu?.some((i) => i.role === 'quit')).toBe(true);
    expect(menu[1]?.submenu?.some((i) => i.role === 'quit')).toBe(false);
  });

  it('on Linux and Windows puts Quit in File', () => {
    for (const platform of ['linux', 'win32'] as const) {
      const menu = buildMenuTemplate(base({ platform }));
      expect(menu.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
      expect(menu[0]?.submenu?.at(-1)?.role).toBe('quit');
    }
  });

  it('offers DevTools and reload only in development builds', () => {
    expect(all(buildMenuTemplate(base({ isDev: false }))).some((i) => i.role === 'toggleDevTools' || i.role === 'reload')).toBe(false);
    expect(all(buildMenuTemplate(base({ isDev: true }))).some((i) => i.role === 'toggleDevTools')).toBe(true);
  });

  it('offers "Check for Updates" only when auto-update is on', () => {
    const has = (o: Partial<MenuOptions>) => all(buildMenuTemplate(base(o))).some((i) => i.label === 'Check for Updates…');
    expect(has({ autoUpdateEnabled: false })).toBe(false);
    expect(has({ autoUpdateEnabled: true })).toBe(true);
    expect(has({ autoUpdateEnabled: true, platform: 'darwin' })).toBe(true);
  });

  it('runs the app\'s actions from their items, with the usual shortcuts', () => {
    const log: string[] = [];
    const items = all(buildMenuTemplate(base({ autoUpdateEnabled: true }, log)));
    const byLabel = (l: string) => items.find((i) => i.label === l);
    expect(byLabel('New Recipe')?.accelerator).toBe('CmdOrCtrl+N');
    for (const l of ['New Recipe', 'Open Recipe File…', 'Runs', 'Promote to Team Server…', 'Documentation', 'Report an Issue', 'Check for Updates…']) byLabel(l)?.click?.();
    expect(log).toEqual(['newRecipe', 'openRecipeFile', 'showRuns', 'promoteRecipe', 'openDocumentation', 'openIssueTracker', 'checkForUpdates']);
    // Every item does something: a role, a click, a submenu or a separator.
    for (const i of items) expect(Boolean(i.role || i.click || i.submenu || i.type === 'separator'), JSON.stringify(i)).toBe(true);
  });
});
