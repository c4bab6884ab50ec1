/**
 * The wire format of tRPC over Electron IPC, shared by the main-process handler, the preload bridge
 * and the renderer link. Messages are plain objects (Electron copies them with the structured clone
 * algorithm); one channel carries everything. This file holds no code that runs: the preload imports it.
 */

/** The one IPC channel the tRPC transport uses, in both directions. */
export const TRPC_IPC_CHANNEL = 'scrapifie:trpc';

/** The key under which the preload exposes the bridge on `window` (window.scrapifieIpc). */
export const IPC_BRIDGE_KEY = 'scrapifieIpc';

export type IpcProcedureType = 'query' | 'mutation' | 'subscription';

/** Renderer -> main: call a procedure. `id` is unique among this renderer's open requests. */
export interface IpcRequestMessage {
  kind: 'request';
  id: string;
  type: IpcProcedureType;
  path: string;
  /** The input, already serialised by the router's transformer when it has one. */
  input: unknown;
}

/** Renderer -> main: stop a subscription, or abandon a query or mutation (its AbortSignal fires). */
export interface IpcStopMessage {
  kind: 'stop';
  id: string;
}

export type IpcClientMessage = IpcRequestMessage | IpcStopMessage;

/** Main -> renderer: one result of a request (several for a subscription: started, data..., stopped). */
export interface IpcResultMessage {
  id: string;
  result: { type: 'started' } | { type: 'stopped' } | { type: 'data'; data: unknown; id?: string };
}

/** Main -> renderer: the request failed; `error` is the router's error shape (TRPCErrorShape), transformed. */
export interface IpcErrorMessage {
  id: string | null;
  error: unknown;
}

export type IpcServerMessage = IpcResultMessage | IpcErrorMessage;

/** What the preload exposes to the page, and all it exposes: send a message, listen to messages. */
export interface IpcBridge {
  send(message: IpcClientMessage): void;
  /** Calls `listener` with each message from the main process; returns the function that stops listening. */
  onMessage(listener: (message: unknown) => void): () => void;
}
