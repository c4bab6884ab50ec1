import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Catalog } from './catalog.ts';

export const HTML = 'text/html; charset=utf-8';
export const JSON_TYPE = 'application/json; charset=utf-8';

/** Everything a route may read or change: the site's data and its per-site mutable state. */
export interface SiteContext {
  seed: number;
  pages: number;
  itemsPerPage: number;
  catalog: Catalog;
  /** Live login sessions (cookie values). */
  sessions: Set<string>;
  /** Per-id request counters of the stateful fault routes (flaky, 429). */
  counters: Map<string, number>;
  /** Sockets held open by /fault/hang, destroyed on close. */
  hanging: Set<Socket>;
}

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  site: SiteContext;
}

/** A route handles the request and returns true, or returns false to let the next route try. */
export type Route = (ctx: RouteContext) => boolean;

export function send(res: ServerResponse, status: number, body: string | Buffer, contentType = HTML, headers: Record<string, string | number | string[]> = {}): void {
  const buf = typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(status, { 'content-type': contentType, 'content-length': buf.length, ...headers });
  res.end(buf);
}

/**
 * Sends HTML known to be pure ASCII (see asciiHtml) without a UTF-8 encoding pass: latin1 writes the same
 * bytes for ASCII at a fraction of the cost, which is what keeps a 50 KB listing page cheap to serve.
 */
export function sendAscii(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': HTML, 'content-length': html.length });
  res.end(html, 'latin1');
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string | number> = {}): void {
  send(res, status, JSON.stringify(value), JSON_TYPE, headers);
}

export function redirect(res: ServerResponse, status: number, location: string, headers: Record<string, string | string[]> = {}): void {
  send(res, status, `<!DOCTYPE html><title>Moved</title><p>Moved to <a href="${location}">${location}</a></p>`, HTML, { location, ...headers });
}

/** "1".."n" without signs, leading zeros or junk; undefined otherwise. */
export function positiveInt(text: string | undefined | null): number | undefined {
  return text && /^[1-9]\d{0,8}$/.test(text) ? Number(text) : undefined;
}

/** The page number of `/prefix/N`, or undefined when the path is not that shape. */
export function numberAfter(path: string, prefix: string): number | undefined {
  return path.startsWith(prefix) ? positiveInt(path.slice(prefix.length)) : undefined;
}

export function queryNumber(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = query.get(name);
  const n = raw === null || raw === '' ? NaN : Number(raw);
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim();
    try {
      out[name] = decodeURIComponent(raw);
    } catch {
      out[name] = raw;
    }
  }
  return out;
}

/** Reads a small request body (form posts); rejects past `limit` bytes. */
export function readBody(req: IncomingMessage, limit = 64 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error(`request body over ${limit} bytes`));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
