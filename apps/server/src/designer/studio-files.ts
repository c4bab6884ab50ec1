import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built web studio (packages/ui/dist, made by `npm run build`), or undefined when it has not been built. */
export function studioDir(): string | undefined {
  try {
    const index = fileURLToPath(import.meta.resolve('@scrapifie/ui/dist/index.html'));
    return existsSync(index) ? dirname(index) : undefined;
  } catch {
    return undefined;
  }
}
