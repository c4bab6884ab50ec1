/**
 * Builds apps/desktop/dist: main.mjs (the main process as ES module, bundled; native, logging and
 * updater modules stay in node_modules) with the designer's in-page scripts beside it, crawl-worker.mjs
 * (the crawl worker Electron's utilityProcess runs, bundled the same way), preload.cjs (a sandboxed preload must be CommonJS; only `electron` is
 * external), and renderer/ (the page: @scrapifie/ui and the desktop strip, built by Vite as the web
 * studio is, so the studio's web worker and CSS come along).
 * `npm run build -w @scrapifie/desktop`; the desktop e2e calls buildDesktop() itself.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import react from '@vitejs/plugin-react';
import { build, type Plugin } from 'esbuild';
import { build as viteBuild } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = (p: string): string => `${root}src/${p}`;
const out = (p: string): string => `${root}dist/${p}`;

/** Modules loaded from node_modules at run time (listed in the app's `dependencies`, packaged by electron-builder). */
// Native modules, and the browser tier's libraries (Playwright, the fingerprint data files): packaged as they are.
const MAIN_EXTERNALS = ['electron', 'better-sqlite3', 'electron-updater', 'pino', 'impit', 'playwright-core', 'fingerprint-generator', 'fingerprint-injector'];

/** Bundled CommonJS code may require() Node's own modules: give it a real require. */
const REQUIRE_BANNER = "import { createRequire as __scrapifieCreateRequire } from 'node:module'; const require = __scrapifieCreateRequire(import.meta.url);";

/**
 * The scripts the designer injects into its live pages (the picker, the runs' in-page evaluator for the preview).
 * Their packages read them at run time from their own dist/ (`new URL('../dist/<file>', import.meta.url)`); bundled,
 * import.meta.url is the bundle's, so the scripts are copied next to it (dist/) and the bundled code reads them there.
 */
const IN_PAGE_SCRIPTS = ['@scrapifie/extract/browser-bundle', '@scrapifie/designer/picker-bundle'].map((m) => fileURLToPath(import.meta.resolve(m)));
const IN_PAGE_READERS = /[\\/]packages[\\/](extract[\\/]src[\\/]browser-bundle|designer[\\/]src[\\/]session[\\/]in-page)\.ts$/;

function inPageScriptsNextToBundle(): Plugin {
  return {
    name: 'in-page-scripts-next-to-bundle',
    setup(b) {
      b.onLoad({ filter: IN_PAGE_READERS }, (args) => {
        const code = readFileSync(args.path, 'utf8');
        const reads = /new URL\('(?:\.\.\/)+dist\/([\w.-]+\.js)', import\.meta\.url\)/.exec(code);
        if (!reads) throw new Error(`${args.path} no longer reads its in-page script with new URL('../dist/<file>', import.meta.url): update IN_PAGE_READERS in apps/desktop/scripts/build.ts`);
        return { contents: code.replace(reads[0], `new URL('./${reads[1]}', import.meta.url)`), loader: 'ts' };
      });
    },
  };
}

/** Copies the in-page scripts into `dir`, where a Node bundle built there reads them. */
export function copyInPageScripts(dir: string): void {
  for (const script of IN_PAGE_SCRIPTS) {
    if (!existsSync(script)) throw new Error(`${script} is missing: run "npm run build" (it builds the designer's and the extractor's in-page scripts) first`);
    copyFileSync(script, join(dir, basename(script)));
  }
}

const COMMON = { bundle: true, sourcemap: true, logLevel: 'warning', legalComments: 'eof' } as const;

/** Bundles a Node entry (main, the crawl worker) as the app runs it: ESM, the packaged modules external, the in-page scripts beside it. */
export async function bundleNode(entry: string, outfile: string): Promise<void> {
  await build({ ...COMMON, entryPoints: [entry], outfile, platform: 'node', format: 'esm', target: 'node22', external: MAIN_EXTERNALS, banner: { js: REQUIRE_BANNER }, plugins: [inPageScriptsNextToBundle()] });
  copyInPageScripts(dirname(outfile));
}

export async function buildDesktop(): Promise<string> {
  rmSync(out(''), { recursive: true, force: true });
  mkdirSync(out('renderer'), { recursive: true });
  await Promise.all([
    bundleNode(src('main.ts'), out('main.mjs')),
    bundleNode(src('worker/crawl-worker-main.ts'), out('crawl-worker.mjs')),
    build({ ...COMMON, entryPoints: [src('preload/preload.ts')], outfile: out('preload.cjs'), platform: 'browser', format: 'cjs', target: 'chrome140', external: ['electron'] }),
  ]);
  await viteBuild({
    configFile: false,
    mode: 'production',
    // React's production build whatever NODE_ENV the caller has (vitest sets "test").
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    root: src('renderer'),
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    worker: { format: 'es' },
    build: {
      outDir: out('renderer'),
      emptyOutDir: true,
      target: 'chrome140',
      sourcemap: true,
      modulePreload: { polyfill: false },
      chunkSizeWarningLimit: 2000,
      rollupOptions: { output: { entryFileNames: 'renderer.js', assetFileNames: 'assets/[name]-[hash][extname]' } },
    },
  });
  return out('');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = await buildDesktop();
  process.stderr.write(`built ${dir}\n`);
}
