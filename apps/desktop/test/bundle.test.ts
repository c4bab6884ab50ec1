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
    expect(imports(code).filter((m) => !m.startsWith('./'))).toEqual([]);
    expect(code).not.toMatch(/ipcRenderer|["'`]electron["'`]|["'`]node:/);
    // The same studio as the web one, in React's production build.
    expect(code).toContain('Scrapifie Studio');
    expect(code).not.toContain('This is a bug in React');
  });

  it('the crawl worker bundle loads only Node built-ins and the packaged runtime modules', () => {
    const code = read('crawl-worker.mjs');
    const isBuiltin = (m: string) => m.startsWith('node:') || builtinModules.includes(m);
    const loaded = [...imports(code), ...requires(code)];
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> };
    // What it loads from node_modules is packaged with the app; Electron itself is not there (a utility process is plain Node).
    expect(loaded.filter((m) => !isBuiltin(m) && !(m in pkg.dependencies))).toEqual([]);
    expect(loaded).toEqual(expect.arrayContaining(['better-sqlite3', 'impit', 'playwright-core']));
    expect(loaded).not.toContain('electron');
  });

  it('the main bundle loads only Node built-ins and the packaged runtime modules from node_modules', () => {
    const code = read('main.mjs');
    // The externals of both Node bundles (main and the crawl worker, whose browser tier brings Playwright and the fingerprint data).
    const external = new Set(['electron', 'better-sqlite3', 'electron-updater', 'pino', 'impit', 'playwright-core', 'fingerprint-generator', 'fingerprint-injector']);
    const isBuiltin = (m: string) => m.startsWith('node:') || builtinModules.includes(m);
    // Relative `import('.')` only appears in bundled libraries' JSDoc type comments: esbuild bundles every real relative import.
    const dynamic = [...code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1] as string).filter((m) => !m.startsWith('.'));
    // iconv-lite names itself in two of its own error messages ("... require('iconv-lite').extendNodeEncodings() ..."): text, not a load.
    const mentionedInStrings = new Set(['iconv-lite']);
    for (const line of code.split('\n').filter((l) => /require\('iconv-lite'\)/.test(l))) expect(line).toMatch(/["']ACTION NEEDED: require\('iconv-lite'\)|["']require\('iconv-lite'\)\.undo/);
    const loaded = [...imports(code), ...requires(code).filter((m) => !mentionedInStrings.has(m)), ...dynamic];
    expect(loaded.filter((m) => !isBuiltin(m) && !external.has(m))).toEqual([]);
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { main: string; dependencies: Record<string, string> };
    expect(pkg.main).toBe('dist/main.mjs');
    // What main loads from node_modules is exactly what electron-builder packages (the app's "dependencies").
    expect(Object.keys(pkg.dependencies).sort()).toEqual([...external].filter((m) => m !== 'electron').sort());
  });

  it("the main bundle reads the designer's in-page scripts from beside itself, where the build put them", () => {
    const code = read('main.mjs');
    // Unbundled, the designer and the extractor read them from their packages' dist/, which is not in the packaged app.
    const readsFrom = [...code.matchAll(/new URL\("([^"]+\.js)", import\.meta\.url\)/g)].map((m) => m[1]).sort();
    expect(readsFrom).toEqual(['./designer.picker.js', './extract.browser.js']);
    for (const [file, pkg] of [['designer.picker.js', '@scrapifie/designer/picker-bundle'], ['extract.browser.js', '@scrapifie/extract/browser-bundle']] as const) {
      expect(read(file), file).toBe(readFileSync(new URL(import.meta.resolve(pkg)), 'utf8'));
    }
  });

  it('the page is served with its CSP meta and no inline script', () => {
    const html = read('renderer/index.html');
    expect(html).toContain('Content-Security-Policy');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>|\son\w+="/);
    expect(html).toMatch(/<script type="module" crossorigin src="\.\/renderer\.js"><\/script>/);
    expect(html).toMatch(/<link rel="stylesheet" crossorigin href="\.\/assets\/index-[\w-]+\.css">/);
    expect(html).toContain('<div id="root"></div>');
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
