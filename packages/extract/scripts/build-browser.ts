/**
 * Bundles src/browser-entry.ts into dist/extract.browser.js: an IIFE that defines window.__scrapifie.
 * Run by `npm run build -w @scrapifie/extract`; the conformance test calls buildBrowserBundle() itself.
 * The bundle holds the evaluator, the transforms and the live-DOM adapter, and nothing of the static path
 * (no parse5, css-select, xpath): the build fails if one of them creeps in.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

const FORBIDDEN_IN_BUNDLE = /node_modules\/(parse5|htmlparser2|css-select|css-what|xpath|zod|domhandler)\//;

/** In the page, only the error classes of @scrapifie/recipe are needed (its schemas would pull zod in). */
const recipeErrorsOnly: Plugin = {
  name: 'recipe-errors-only',
  setup(b) {
    b.onResolve({ filter: /^@scrapifie\/recipe$/ }, () => ({
      path: fileURLToPath(new URL('./errors.ts', import.meta.resolve('@scrapifie/recipe'))),
    }));
  },
};

export async function buildBrowserBundle(): Promise<string> {
  const outfile = fileURLToPath(new URL('../dist/extract.browser.js', import.meta.url));
  const result = await build({
    entryPoints: [fileURLToPath(new URL('../src/browser-entry.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'eof',
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [recipeErrorsOnly],
  });
  const forbidden = Object.keys(result.metafile.inputs).filter((p) => FORBIDDEN_IN_BUNDLE.test(p));
  if (forbidden.length > 0) throw new Error(`the browser bundle must not include the static path, but it pulls in: ${forbidden.join(', ')}`);
  const code = result.outputFiles[0]?.text;
  if (code === undefined) throw new Error('esbuild produced no output');
  mkdirSync(dirname(outfile), { recursive: true });
  // Write then rename, so a reader (a test, a browser fetcher) never sees half a file.
  const tmp = `${outfile}.${process.pid}.tmp`;
  writeFileSync(tmp, code);
  renameSync(tmp, outfile);
  return outfile;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const out = await buildBrowserBundle();
  console.log(`built ${out}`);
}
