/** The built bundles Electron loads: what each may reach at run time, checked in the output itself. */
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDesktop } from '../scripts/build.ts';
import { electronBuilderArgs } from '../scripts/package.ts';

let dist: string;
const read = (f: string): string => readFileSync(`${dist}${f}`, 'utf8');
const requires = (code: string): string[] => [...new Set([...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1] as string))].sort();
const imports = (code: string): string[] => [...new Set([...code.matchAll(/^\s*import\s(?:[^'"]*?\sfrom\s)?["']([^"']+)["']/gm)].map((m) => m[1] as string))].sort();

describe('desktop bundles', () => {
  beforeAll(async () => {
    dist = await buildDesktop();
  }, 120_000);

  it('the preload requires Electron and nothing else', () => {
    expect(requires(read('preload.cjs'))).toEqual(['electron']);
    expect(read('preload.cjs')).toContain('exposeInMainWorld');
  });

  it('the renderer bundle reaches for no Node or Electron module', () => {
    const code = read('renderer/renderer.js');
    expect(requires(code)).toEqual([]);
    expect(imports(code)).toEqual([]);
    expect(code).not.toMatch(/ipcRenderer|["']electron["']|node:/);
  });

  it('the main bundle loads only Node built-ins and the packaged runtime modules from node_modules', () => {
    const code = read('main.mjs');
    const external = new Set(['electron', 'better-sqlite3', 'electron-updater', 'pino']);
    const isBuiltin = (m: string) => m.startsWith('node:') || builtinModules.includes(m);
    const loaded = [...imports(code), ...requires(code), ...[...code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1] as string)];
    expect(loaded.filter((m) => !isBuiltin(m) && !external.has(m))).toEqual([]);
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { main: string; dependencies: Record<string, string> };
    expect(pkg.main).toBe('dist/main.mjs');
    // What main loads from node_modules is exactly what electron-builder packages (the app's "dependencies").
    expect(Object.keys(pkg.dependencies).sort()).toEqual([...external].filter((m) => m !== 'electron').sort());
  });

  it('the page is served with its CSP meta and no inline script', () => {
    const html = read('renderer/index.html');
    expect(html).toContain('Content-Security-Policy');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>|\son\w+="/);
    expect(html).toMatch(/<script src="\.\/renderer\.js"><\/script>/);
  });
});

describe('package script arguments', () => {
  it('packages for the asked platform with the pinned Electron, offline when ELECTRON_DIST is set', () => {
    const args = electronBuilderArgs(['--linux', '--dir'], { ELECTRON_DIST: dist });
    expect(args).toEqual(expect.arrayContaining(['--config', 'electron-builder.yml', '--linux', '--dir', `-c.electronDist=${dist}`]));
    expect(args.find((a) => a.startsWith('-c.electronVersion='))).toMatch(/^-c\.electronVersion=45\.\d+\.\d+$/);
    expect(electronBuilderArgs(['--win'], {}).some((a) => a.startsWith('-c.electronDist'))).toBe(false);
  });

  it('names the problem with a missing platform or ELECTRON_DIST folder', () => {
    expect(() => electronBuilderArgs([], {})).toThrow(/--linux, --mac or --win/);
    expect(() => electronBuilderArgs(['--linux'], { ELECTRON_DIST: '/no/such/electron' })).toThrow(/ELECTRON_DIST is \/no\/such\/electron, which does not exist/);
  });
});
