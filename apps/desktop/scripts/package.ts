/**
 * Packages the desktop app with electron-builder (config: electron-builder.yml at the repository root).
 *
 *   npm run package:linux                       # AppImage + deb... here --dir: an unpacked build in dist/desktop/linux-unpacked
 *   ELECTRON_DIST=/path/to/electron npm run package:linux
 *
 * Normally electron-builder downloads the Electron release it packages (into its cache). Offline, or
 * where that download is blocked, set ELECTRON_DIST to a folder holding an unpacked Electron of the
 * version in apps/desktop/package.json (the contents of electron-v<version>-linux-x64.zip), or to a
 * folder of such zips. Usage: node scripts/package.ts <--linux|--mac|--win> [--dir]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildDesktop } from './build.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const appDir = fileURLToPath(new URL('../', import.meta.url));

export function electronBuilderArgs(argv: readonly string[], env: NodeJS.ProcessEnv): string[] {
  const platform = argv.find((a) => a === '--linux' || a === '--mac' || a === '--win');
  if (!platform) throw new Error('Say which platform to package: --linux, --mac or --win');
  const pkg = JSON.parse(readFileSync(`${appDir}package.json`, 'utf8')) as { devDependencies?: Record<string, string> };
  const electronVersion = pkg.devDependencies?.electron;
  if (!electronVersion) throw new Error('apps/desktop/package.json has no electron devDependency to package');
  const args = ['--config', 'electron-builder.yml', '--projectDir', repoRoot, platform, `-c.electronVersion=${electronVersion}`];
  if (argv.includes('--dir')) args.push('--dir');
  if (env.ELECTRON_DIST) {
    if (!existsSync(env.ELECTRON_DIST)) throw new Error(`ELECTRON_DIST is ${env.ELECTRON_DIST}, which does not exist: point it at an unpacked Electron ${electronVersion}`);
    args.push(`-c.electronDist=${env.ELECTRON_DIST}`);
  }
  return args;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const args = electronBuilderArgs(process.argv.slice(2), process.env);
    await buildDesktop();
    const bin = `${repoRoot}node_modules/.bin/electron-builder`;
    process.stderr.write(`electron-builder ${args.join(' ')}\n`);
    const r = spawnSync(bin, args, { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } });
    process.exitCode = r.status ?? 1;
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exitCode = 2;
  }
}
