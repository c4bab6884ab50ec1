import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * The studio's policy: its own scripts, styles and workers only; frames only from srcdoc/blob (the sandboxed cell
 * inspector inherits this policy, so a rendered cell loads nothing from elsewhere either).
 */
export const STUDIO_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; worker-src 'self' blob:; connect-src 'self'; frame-src 'self' blob: data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/**
 * Serves the built web studio (packages/ui/dist) for GET and HEAD: files by path, index.html for "/" and any path
 * without a file extension (client-side routes). Answers false when it did not handle the request.
 */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, root: string, path: string): Promise<boolean> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  let rel: string;
  try {
    rel = decodeURIComponent(path);
  } catch {
    return false;
  }
  const base = normalize(root + sep);
  let file = normalize(join(base, rel));
  if (!file.startsWith(base)) return false; // ../ out of the root
  let info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    if (extname(rel) !== '') return false;
    file = join(base, 'index.html');
    info = await stat(file).catch(() => null);
    if (!info?.isFile()) return false;
  }
  const hashed = file.includes(`${sep}assets${sep}`);
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': info.size,
    'content-security-policy': STUDIO_CSP,
    'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return true;
  }
  await new Promise<void>((resolve, reject) => {
    createReadStream(file).on('error', reject).on('end', resolve).pipe(res);
  });
  return true;
}
