/**
 * Bundles src/page/entry.ts into dist/designer.picker.js: an IIFE that defines globalThis.__scrapifieDesigner (the
 * picker, the overlay, selector synthesis, list generalisation, pagination detection). Run by
 * `npm run build -w @scrapifie/designer` (and `turbo run build`); the tests call buildPickerBundle() themselves.
 * The page code imports nothing outside src/page: the build fails if any other module creeps in.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export async function buildPickerBundle(): Promise<string> {
  const outfile = fileURLToPath(new URL('../dist/designer.picker.js', import.meta.url));
  const result = await build({
    entryPoints: [fileURLToPath(new URL('../src/page/entry.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'eof',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const outside = Object.keys(result.metafile.inputs).filter((p) => !/(^|\/)src\/page\/[\w-]+\.ts$/.test(p));
  if (outside.length > 0) throw new Error(`the picker bundle must hold src/page only, but it pulls in: ${outside.join(', ')}`);
  const code = result.outputFiles[0]?.text;
  if (code === undefined) throw new Error('esbuild produced no output');
  mkdirSync(dirname(outfile), { recursive: true });
  // Write then rename, so a session reading the bundle never sees half a file.
  const tmp = `${outfile}.${process.pid}.tmp`;
  writeFileSync(tmp, code);
  renameSync(tmp, outfile);
  return outfile;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const out = await buildPickerBundle();
  console.log(`built ${out}`);
}
