import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type ElectronBinary = { path: string; from: string } | { path: undefined; why: string };

function inDist(dist: string): string {
  if (process.platform === 'darwin') return join(dist, 'Electron.app', 'Contents', 'MacOS', 'Electron');
  return join(dist, process.platform === 'win32' ? 'electron.exe' : 'electron');
}

/**
 * The Electron binary to run the desktop e2e with: $ELECTRON_PATH, else the binary inside
 * $ELECTRON_DIST (an unpacked Electron, as for `npm run package:linux`), else the one the `electron`
 * package downloaded (npm install without ELECTRON_SKIP_BINARY_DOWNLOAD). A packaged app cannot be
 * used: its fuses turn off the inspector Playwright attaches with.
 */
export function findElectronBinary(env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  const tried: string[] = [];
  for (const [from, candidate] of [
    ['ELECTRON_PATH', env.ELECTRON_PATH],
    ['ELECTRON_DIST', env.ELECTRON_DIST ? inDist(env.ELECTRON_DIST) : undefined],
  ] as const) {
    if (!candidate) continue;
    if (existsSync(candidate)) return { path: candidate, from };
    tried.push(`$${from} points to ${candidate}, which does not exist`);
  }
  // Read where the electron package keeps its binary; require('electron') itself would try to download it.
  let pkgDir: string | undefined;
  try {
    pkgDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    tried.push('the electron package is not installed');
  }
  if (pkgDir) {
    const pathFile = join(pkgDir, 'path.txt');
    const bin = existsSync(pathFile) ? join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim()) : undefined;
    if (bin && existsSync(bin)) return { path: bin, from: 'the electron package' };
    tried.push('the electron package has no binary (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1, or its download failed)');
  }
  return { path: undefined, why: `no Electron binary: ${tried.join('; ')}. Set ELECTRON_PATH (an Electron executable) or ELECTRON_DIST (an unpacked Electron folder), or install electron with its download, to run this suite` };
}
