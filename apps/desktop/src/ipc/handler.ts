import { TRPCError, type AnyTRPCRouter, type inferRouterContext } from '@trpc/server';
import type { Logger } from '@scrapifie/engine';
import type { OriginCheck } from './origin.ts';
import { TRPC_IPC_CHANNEL, type IpcServerMessage } from './protocol.ts';
import { parseClientMessage } from './client-message.ts';
import { errorMessage, runRequest, type IpcErrorHandler } from './run-request.ts';
import type { IpcMainEventLike, IpcMainLike, IpcMainListener, IpcSender } from './electron-types.ts';

export interface IpcContextOptions {
  /** The WebContents that sent the request. */
  sender: IpcSender;
  /** The URL of the frame that sent it (always one of the app's own). */
  frameUrl: string;
}

export interface ServeTrpcOverIpcOptions<TRouter extends AnyTRPCRouter> {
  router: TRouter;
  ipcMain: IpcMainLike;
  /** Messages are accepted only from frames whose URL passes this check; the rest are dropped unanswered. */
  isAppUrl: OriginCheck;
  createContext?: (opts: IpcContextOptions) => inferRouterContext<TRouter> | Promise<inferRouterContext<TRouter>>;
  onError?: IpcErrorHandler;
  /** Where rejected messages and failed replies are reported (never with their contents). */
  logger: Logger;
  channel?: string;
}

export interface IpcTrpcServer {
  /** Calls and subscriptions still running, over all renderers. */
  activeCount(): number;
  /** Stops the calls of one renderer (its page navigated: nobody is listening any more). */
  stopCallsOf(senderId: number): void;
  /** Stops listening and stops every running call and subscription. */
  close(): void;
}

/**
 * Serves a tRPC v11 router over one Electron IPC channel: queries, mutations and subscriptions
 * (async generators or observables, stoppable by the renderer), errors as the router's error shape.
 * Messages from any frame that is not the app's own (another origin, file:, a vanished frame) are
 * dropped and logged without their contents.
 */
export function serveTrpcOverIpc<TRouter extends AnyTRPCRouter>(opts: ServeTrpcOverIpcOptions<TRouter>): IpcTrpcServer {
  const channel = opts.channel ?? TRPC_IPC_CHANNEL;
  const { logger } = opts;
  const onError: IpcErrorHandler = opts.onError ?? (() => {});
  /** Running calls by sender (WebContents id), then by request id. */
  const running = new Map<number, Map<string, AbortController>>();

  function reply(sender: IpcSender, message: IpcServerMessage): void {
    if (sender.isDestroyed()) return;
    try {
      sender.send(channel, message);
    } catch (cause) {
      // The value could not be structured-cloned (a function, a class with private state...): say so instead of going silent.
      if ('error' in message) throw cause;
      const err = new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'The result could not be sent over IPC: it is not structured-cloneable', cause });
      const { error, message: errMsg } = errorMessage(opts.router, message.id, err, { type: 'unknown', path: undefined, input: undefined, ctx: undefined });
      onError({ error, type: 'unknown', path: undefined, input: undefined });
      sender.send(channel, errMsg);
    }
  }

  function callsOf(sender: IpcSender): Map<string, AbortController> {
    let calls = running.get(sender.id);
    if (!calls) {
      calls = new Map();
      running.set(sender.id, calls);
      sender.once('destroyed', () => {
        for (const c of running.get(sender.id)?.values() ?? []) c.abort();
        running.delete(sender.id);
      });
    }
    return calls;
  }

  const listener: IpcMainListener = (event: IpcMainEventLike, raw: unknown) => {
    const frameUrl = event.senderFrame?.url;
    if (frameUrl === undefined || !opts.isAppUrl(frameUrl)) {
      logger.warn('Rejected an IPC message from a frame that is not the app\'s own', { channel, frameUrl: frameUrl ?? null, senderId: event.sender.id });
      return;
    }
    const parsed = parseClientMessage(raw);
    if (!parsed.ok) {
      const err = new TRPCError({ code: 'BAD_REQUEST', message: `Malformed IPC message: ${parsed.problem}` });
      const { error, message } = errorMessage(opts.router, parsed.id, err, { type: 'unknown', path: undefined, input: undefined, ctx: undefined });
      onError({ error, type: 'unknown', path: undefined, input: undefined });
      reply(event.sender, message);
      return;
    }
    const msg = parsed.message;
    const calls = callsOf(event.sender);
    if (msg.kind === 'stop') {
      calls.get(msg.id)?.abort();
      return;
    }
    if (calls.has(msg.id)) {
      const err = new TRPCError({ code: 'BAD_REQUEST', message: `Request id "${msg.id}" is already in use by a running call` });
      const { error, message } = errorMessage(opts.router, msg.id, err, { type: msg.type, path: msg.path, input: undefined, ctx: undefined });
      onError({ error, type: msg.type, path: msg.path, input: undefined });
      reply(event.sender, message);
      return;
    }
    const controller = new AbortController();
    calls.set(msg.id, controller);
    const sender = event.sender;
    const createContext = async (): Promise<unknown> => (opts.createContext ? await opts.createContext({ sender, frameUrl }) : {});
    void runRequest({ router: opts.router, reply: (m) => reply(sender, m), onError }, msg, createContext, controller.signal)
      .catch((cause: unknown) => logger.error('IPC reply failed', { path: msg.path, error: cause instanceof Error ? cause.message : String(cause) }))
      .finally(() => {
        if (calls.get(msg.id) === controller) calls.delete(msg.id);
      });
  };

  opts.ipcMain.on(channel, listener);
  return {
    activeCount: () => [...running.values()].reduce((n, calls) => n + calls.size, 0),
    stopCallsOf: (senderId) => {
      for (const c of running.get(senderId)?.values() ?? []) c.abort();
    },
    close: () => {
      opts.ipcMain.removeListener(channel, listener);
      for (const calls of running.values()) for (const c of calls.values()) c.abort();
      running.clear();
    },
  };
}
