import { brotliCompressSync, gzipSync } from 'node:zlib';
import { esc } from '../html/escape.ts';
import { HTML, redirect, send, queryNumber, type Route, type RouteContext } from '../http.ts';

/** The text of `<p id="value">` on the OK page of the stateful fault routes. */
export function faultValue(kind: 'flaky' | 'slow' | '429', id: string): string {
  return `${kind}-${id}-ok`;
}
export const REDIRECT_END_VALUE = 'redirect-chain-end';
export const COMPRESSED_VALUES = { gzip: 'compressed-gzip', brotli: 'compressed-brotli' } as const;
/** Bytes /fault/truncated declares (Content-Length) and the bytes it really sends before closing. */
export const TRUNCATED = { declared: 20_000, sent: 2_000 } as const;
export const MAX_SLOW_MS = 30_000;
export const MAX_HANG_MS = 60_000;
export const MAX_HUGE_MB = 64;
export const MAX_REDIRECT_CHAIN = 50;

function smallPage(title: string, value: string): string {
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title></head><body><h1>${esc(title)}</h1><p id="value">${esc(value)}</p></body></html>\n`;
}

function compressedPage(kind: keyof typeof COMPRESSED_VALUES): Buffer {
  // Repetitive enough that compression matters (about 30 KB raw), small enough to build at start.
  const filler = Array.from({ length: 300 }, (_, i) => `<li>Compressed row ${i} of the ${kind} page.</li>`).join('\n');
  return Buffer.from(smallPage(`${kind} page`, COMPRESSED_VALUES[kind]).replace('</body>', `<ul>${filler}</ul></body>`));
}
const COMPRESSED = {
  gzip: gzipSync(compressedPage('gzip')),
  brotli: brotliCompressSync(compressedPage('brotli')),
};

/** The `:id` of `/fault/<kind>/:id`: letters, digits, _ and -. */
function idAfter(path: string, prefix: string): string | undefined {
  if (!path.startsWith(prefix)) return undefined;
  const id = path.slice(prefix.length);
  return /^[\w-]{1,64}$/.test(id) ? id : undefined;
}

function bump(ctx: RouteContext, key: string): number {
  const n = (ctx.site.counters.get(key) ?? 0) + 1;
  ctx.site.counters.set(key, n);
  return n;
}

function sendHuge(ctx: RouteContext): void {
  const total = Math.round(queryNumber(ctx.query, 'mb', 16, 0.01, MAX_HUGE_MB) * 1024 * 1024);
  const head = Buffer.from('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Huge page</title></head><body><h1>Huge page</h1><ul class="rows">\n');
  const tail = Buffer.from('</ul><p id="end">end of huge page</p></body></html>\n');
  const row = '<li class="row">A row of a huge page, repeated until the page weighs what was asked.</li>\n';
  const chunk = Buffer.from(row.repeat(Math.floor(65_536 / row.length)));
  let remaining = Math.max(0, total - head.length - tail.length);
  // ?chunked=1 leaves out Content-Length (chunked transfer), so a client only learns the size by reading.
  const chunked = ctx.query.get('chunked') === '1';
  ctx.res.writeHead(200, chunked ? { 'content-type': HTML } : { 'content-type': HTML, 'content-length': head.length + remaining + tail.length });
  ctx.res.write(head);
  const pump = (): void => {
    while (remaining > 0) {
      const piece = remaining >= chunk.length ? chunk : Buffer.alloc(remaining, 0x20); // pad the end with spaces
      remaining -= piece.length;
      if (!ctx.res.write(piece)) {
        ctx.res.once('drain', pump);
        return;
      }
    }
    ctx.res.end(tail);
  };
  ctx.res.on('close', () => { remaining = 0; ctx.res.removeListener('drain', pump); });
  pump();
}

/** Headers at once, then a small chunk every `every` ms until `ms` have passed: a body that stalls a reader. */
function drip(ctx: RouteContext): void {
  const total = queryNumber(ctx.query, 'ms', 2000, 0, MAX_SLOW_MS);
  const every = queryNumber(ctx.query, 'every', 100, 10, 5000);
  const started = Date.now();
  ctx.res.writeHead(200, { 'content-type': HTML });
  ctx.res.write('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Drip</title></head><body><ol>\n');
  let n = 0;
  const timer = setInterval(() => {
    if (Date.now() - started >= total) {
      clearInterval(timer);
      ctx.res.end('</ol><p id="value">drip-complete</p></body></html>\n');
    } else ctx.res.write(`<li>drop ${++n}</li>\n`);
  }, every);
  ctx.res.on('close', () => clearInterval(timer));
}

function hang(ctx: RouteContext): void {
  const socket = ctx.req.socket;
  const ms = queryNumber(ctx.query, 'ms', MAX_HANG_MS, 1, MAX_HANG_MS);
  ctx.site.hanging.add(socket);
  const timer = setTimeout(() => socket.destroy(), ms);
  timer.unref();
  socket.once('close', () => {
    clearTimeout(timer);
    ctx.site.hanging.delete(socket);
  });
}

export const faultRoutes: Route[] = [
  (ctx) => {
    const { path, res, query } = ctx;
    if (!path.startsWith('/fault/')) return false;
    let id: string | undefined;
    if ((id = idAfter(path, '/fault/500/')) !== undefined) {
      send(res, 500, smallPage('Internal Server Error', 'The server had a bad day.'));
    } else if ((id = idAfter(path, '/fault/flaky/')) !== undefined) {
      const fails = queryNumber(query, 'fails', 2, 0, 1000);
      if (bump(ctx, `flaky:${id}`) <= fails) send(res, 503, smallPage('Service Unavailable', 'Try again.'));
      else send(res, 200, smallPage('Flaky page', faultValue('flaky', id)));
    } else if ((id = idAfter(path, '/fault/429/')) !== undefined) {
      const times = queryNumber(query, 'times', 1, 0, 1000);
      const retryAfter = Math.round(queryNumber(query, 'retryAfter', 1, 0, 3600));
      if (bump(ctx, `429:${id}`) <= times) send(res, 429, smallPage('Too Many Requests', 'Slow down.'), HTML, { 'retry-after': String(retryAfter) });
      else send(res, 200, smallPage('Rate-limited page', faultValue('429', id)));
    } else if ((id = idAfter(path, '/fault/slow/')) !== undefined) {
      const page = smallPage('Slow page', faultValue('slow', id));
      const timer = setTimeout(() => send(res, 200, page), queryNumber(query, 'ms', 1000, 0, MAX_SLOW_MS));
      res.on('close', () => clearTimeout(timer));
    } else if (path === '/fault/drip') {
      drip(ctx);
    } else if (path === '/fault/hang') {
      hang(ctx);
    } else if (path === '/fault/truncated') {
      res.writeHead(200, { 'content-type': HTML, 'content-length': TRUNCATED.declared });
      res.write(Buffer.alloc(TRUNCATED.sent, 0x61), () => ctx.req.socket.destroy());
    } else if (path === '/fault/huge') {
      sendHuge(ctx);
    } else if (path.startsWith('/fault/redirect/')) {
      const n = /^\d{1,3}$/.test(path.slice(16)) ? Number(path.slice(16)) : -1;
      if (n < 0 || n > MAX_REDIRECT_CHAIN) return false;
      if (n === 0) send(res, 200, smallPage('End of the redirect chain', REDIRECT_END_VALUE));
      else redirect(res, [302, 301, 307, 308][n % 4] as number, `/fault/redirect/${n - 1}`);
    } else if (path === '/fault/redirect-loop' || path === '/fault/redirect-loop/b') {
      redirect(res, 302, path === '/fault/redirect-loop' ? '/fault/redirect-loop/b' : '/fault/redirect-loop');
    } else if (path === '/fault/reset') {
      ctx.req.socket.resetAndDestroy();
    } else if (path === '/fault/gzip' || path === '/fault/brotli') {
      const kind = path === '/fault/gzip' ? 'gzip' : 'brotli';
      send(res, 200, COMPRESSED[kind], HTML, { 'content-encoding': kind === 'gzip' ? 'gzip' : 'br', vary: 'Accept-Encoding' });
    } else return false;
    return true;
  },
];
