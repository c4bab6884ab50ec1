/**
 * Builds apps/desktop/dist: main.mjs (the main process as ES module, bundled; native, logging and
 * updater modules stay in node_modules), preload.cjs (a sandboxed preload must be CommonJS; only
 * `electron` is external), and renderer/ (the page).
 * `npm run build -w @scrapifie/desktop`; the desktop e2e calls buildDesktop() itself.
 */
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = (p: string): string => `${root}src/${p}`;
const out = (p: string): string => `${root}dist/${p}`;

/** Modules loaded from node_modules at run time (listed in the app's `dependencies`, packaged by electron-builder). */
const MAIN_EXTERNALS = ['electron', 'better-sqlite3', 'electron-updater', 'pino'];

export async function buildDesktop(): Promise<string> {
  rmSync(out(''), { recursive: true, force: true });
  mkdirSync(out('renderer'), { recursive: true });
  const common = { bundle: true, sourcemap: true, logLevel: 'warning', legalComments: 'eof' } as const;
  await Promise.all([
    build({
      ...common,
      entryPoints: [src('main.ts')],
      outfile: out('main.mjs'),
      platform: 'node',
      format: 'esm',
      target: 'node22',
      external: MAIN_EXTERNALS,
      // Bundled CommonJS code may require() Node's own modules: give it a real require.
      banner: { js: "import { createRequire as __scrapifieCreateRequire } from 'node:module'; const require = __scrapifieCreateRequire(import.meta.url);" },
    }),
    build({ ...common, entryPoints: [src('preload/preload.ts')], outfile: out('preload.cjs'), platform: 'browser', format: 'cjs', target: 'chrome140', external: ['electron'] }),
    build({ ...common, entryPoints: [src('renderer/renderer.ts')], outfile: out('renderer/renderer.js'), platform: 'browser', format: 'iife', target: 'chrome140' }),
  ]);
  for (const f of ['index.html', 'style.css']) copyFileSync(src(`renderer/${f}`), out(`renderer/${f}`));
  return out('');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = await buildDesktop();
  process.stderr.write(`built ${dir}\n`);
}
