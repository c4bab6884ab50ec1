import { IPC_BRIDGE_KEY, TRPC_IPC_CHANNEL, type IpcBridge, type IpcClientMessage } from '../ipc/protocol.ts';

/** The parts of Electron's preload modules used here; the real ones satisfy these, tests pass fakes. */
export interface ContextBridgeLike {
  exposeInMainWorld(apiKey: string, api: unknown): void;
}

export type IpcRendererListener = (event: unknown, ...args: unknown[]) => void;

export interface IpcRendererLike {
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: IpcRendererListener): unknown;
  removeListener(channel: string, listener: IpcRendererListener): unknown;
}

/**
 * The bridge over ipcRenderer: it sends only on the tRPC channel and hands the page the message alone,
 * never the IPC event (which would leak the sender and ipcRenderer itself into the page).
 */
export function createIpcBridge(ipcRenderer: IpcRendererLike): IpcBridge {
  return Object.freeze({
    send(message: IpcClientMessage): void {
      ipcRenderer.send(TRPC_IPC_CHANNEL, message);
    },
    onMessage(listener: (message: unknown) => void): () => void {
      if (typeof listener !== 'function') throw new TypeError('onMessage needs a function');
      const forward: IpcRendererListener = (_event, message) => listener(message);
      ipcRenderer.on(TRPC_IPC_CHANNEL, forward);
      return () => {
        ipcRenderer.removeListener(TRPC_IPC_CHANNEL, forward);
      };
    },
  });
}

/** Exposes the bridge as window.scrapifieIpc, and nothing else. */
export function exposeIpcBridge(contextBridge: ContextBridgeLike, ipcRenderer: IpcRendererLike): void {
  contextBridge.exposeInMainWorld(IPC_BRIDGE_KEY, createIpcBridge(ipcRenderer));
}
