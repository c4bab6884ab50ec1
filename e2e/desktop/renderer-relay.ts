/**
 * Runs the desktop renderer in a plain Chromium: an HTTP server serves the built renderer (dist/renderer)
 * with one extra script, bridge.js, that stands in for the preload. It exposes window.scrapifieIpc with the
 * preload's two functions and relays each message over HTTP to this process: POST /ipc carries the page's
 * messages to the REAL main-process handler (serveTrpcOverIpc, registered on `ipcMain` here), and the
 * handler's replies come back on a server-sent event stream (GET /ipc). Only Electron's own IPC is replaced.
 */
import { EventEmitter } from 'node:events';
import { readFileSync, existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { TRPC_IPC_CHANNEL } from '../../apps/desktop/src/ipc/protocol.ts';
import type { IpcMainLike, IpcMainListener, IpcSender } from '../../apps/desktop/src/ipc/electron-types.ts';

const BRIDGE_JS = `(() => {
  const listeners = new Set();
  const events = new EventSource('/ipc');
  events.onmessage = (e) => { const m = JSON.parse(e.data); for (const l of listeners) l(m); };
  let chain = new Promise((resolve) => events.addEventListener('open', () => resolve(), { once: true }));
  window.scrapifieIpc = Object.freeze({
    send(message) {
      const body = JSON.stringify(message);
      chain = chain.then(() => fetch('/ipc', { method: 'POST', headers: { 'content-type': 'application/json' }, body })).then((r) => { if (!r.ok) throw new Error('relay refused: ' + r.status); });
    },
    onMessage(listener) {
      if (typeof listener !== 'function') throw new TypeError('onMessage needs a function');
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  });
})();
`;

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

export class RelayIpcMain implements IpcMainLike {
  readonly #e = new EventEmitter();
  on(channel: string, l: IpcMainListener): this {
    this.#e.on(channel, l);
    return this;
  }
  removeListener(channel: string, l: IpcMainListener): this {
    this.#e.removeListener(channel, l);
    return this;
  }
  emit(channel: string, ...args: unknown[]): void {
    this.#e.emit(channel, ...args);
  }
}

export interface RendererRelay {
  url: string;
  ipcMain: RelayIpcMain;
  close(): Promise<void>;
}

/** One page connection at a time (the test opens one page): its SSE stream is the WebContents replies go to. */
export async function startRendererRelay(rendererDir: string): Promise<RendererRelay> {
  const ipcMain = new RelayIpcMain();
  let nextId = 1;
  let sender: (IpcSender & { res: ServerResponse; gone: EventEmitter; destroyed: boolean }) | undefined;
  const html = readFileSync(join(rendererDir, 'index.html'), 'utf8').replace('<script type="module"', '<script src="./bridge.js"></script>\n    <script type="module"');

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/ipc' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      res.write(': open\n\n');
      const gone = new EventEmitter();
      const s = {
        id: nextId++,
        res,
        gone,
        destroyed: false,
        send(channel: string, message: unknown): void {
          if (channel !== TRPC_IPC_CHANNEL) throw new Error(`unexpected channel ${channel}`);
          res.write(`data: ${JSON.stringify(structuredClone(message))}\n\n`);
        },
        // Like a WebContents whose page has gone: the stream closed (page reloaded or closed) or the relay shut it.
        isDestroyed: () => s.destroyed || res.destroyed || res.writableEnded,
        once: (event: 'destroyed', l: () => void) => gone.once(event, l),
      };
      sender = s;
      res.on('close', () => {
        s.destroyed = true;
        gone.emit('destroyed');
      });
      return;
    }
    if (path === '/ipc' && req.method === 'POST') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (!sender) {
          res.writeHead(409).end('no event stream open');
          return;
        }
        // The frame that sent it: the page itself (its Referer), checked by the handler like event.senderFrame.url.
        const message = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        // Electron's structured clone keeps `input: undefined`; JSON drops the key: put it back.
        if (message.kind === 'request' && !('input' in message)) message.input = undefined;
        ipcMain.emit(TRPC_IPC_CHANNEL, { sender, senderFrame: { url: req.headers.referer ?? '' } }, message);
        res.writeHead(204).end();
      });
      return;
    }
    const file = path === '/' || path === '/index.html' ? null : normalize(join(rendererDir, path));
    if (path === '/bridge.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(BRIDGE_JS);
    } else if (file === null) {
      res.writeHead(200, { 'content-type': TYPES['.html'] as string }).end(html);
    } else if (file.startsWith(rendererDir) && existsSync(file)) {
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    ipcMain,
    close: () =>
      new Promise<void>((resolve) => {
        sender?.res.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
