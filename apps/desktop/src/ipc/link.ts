import { TRPCClientError, type TRPCLink } from '@trpc/client';
import type { AnyTRPCRouter } from '@trpc/server';
import { observable } from '@trpc/server/observable';
import { IPC_BRIDGE_KEY, type IpcBridge, type IpcServerMessage } from './protocol.ts';

interface Transformer {
  serialize(value: unknown): unknown;
  deserialize(value: unknown): unknown;
}

export interface IpcLinkOptions {
  /** The bridge the preload exposed; by default window.scrapifieIpc. */
  bridge?: IpcBridge;
  /** The router's data transformer, when it has one (the same one as on the main side). */
  transformer?: Transformer | { input: Transformer; output: Transformer };
}

const identity: Transformer = { serialize: (v) => v, deserialize: (v) => v };

/** A per-page prefix, so a reloaded page never reuses the ids of calls its predecessor left running. */
const pageToken = Math.random().toString(36).slice(2, 10);
let lastRequest = 0;

function defaultBridge(): IpcBridge {
  const bridge = (globalThis as Record<string, unknown>)[IPC_BRIDGE_KEY] as IpcBridge | undefined;
  if (!bridge || typeof bridge.send !== 'function' || typeof bridge.onMessage !== 'function') {
    throw new Error(`ipcLink: window.${IPC_BRIDGE_KEY} is missing: this page is not running in the Scrapifie desktop app (its preload exposes the bridge)`);
  }
  return bridge;
}

/**
 * A tRPC v11 terminating link that talks to the main process through the preload's bridge: queries,
 * mutations and subscriptions (unsubscribing stops the generator in the main process; aborting a
 * query's signal aborts the procedure's signal there).
 */
export function ipcLink<TRouter extends AnyTRPCRouter>(opts: IpcLinkOptions = {}): TRPCLink<TRouter> {
  const transformer = opts.transformer === undefined ? { input: identity, output: identity } : 'input' in opts.transformer ? opts.transformer : { input: opts.transformer, output: opts.transformer };
  const handlers = new Map<string, (message: IpcServerMessage) => void>();
  let bridge: IpcBridge | undefined;
  const connect = (): IpcBridge => {
    if (bridge) return bridge;
    bridge = opts.bridge ?? defaultBridge();
    bridge.onMessage((raw) => {
      const message = raw as IpcServerMessage;
      if (message && typeof message.id === 'string') handlers.get(message.id)?.(message);
    });
    return bridge;
  };

  return () => ({ op }) =>
    observable((observer) => {
      let ipc: IpcBridge;
      try {
        ipc = connect();
      } catch (cause) {
        observer.error(TRPCClientError.from(cause as Error));
        return () => {};
      }
      const id = `${pageToken}:${++lastRequest}`;
      let open = true;
      const stop = (): void => {
        if (!open) return;
        finish();
        ipc.send({ kind: 'stop', id });
      };
      const onAbort = (): void => {
        if (!open) return;
        stop();
        observer.error(TRPCClientError.from(new Error(`The call to "${op.path}" was aborted`, { cause: op.signal?.reason })));
      };
      const finish = (): void => {
        open = false;
        handlers.delete(id);
        op.signal?.removeEventListener('abort', onAbort);
      };
      if (op.signal?.aborted) {
        observer.error(TRPCClientError.from(new Error(`The call to "${op.path}" was aborted before it started`)));
        return () => {};
      }
      op.signal?.addEventListener('abort', onAbort, { once: true });
      handlers.set(id, (message) => {
        if ('error' in message) {
          finish();
          observer.error(TRPCClientError.from({ error: transformer.output.deserialize(message.error) as object }));
          return;
        }
        const { result } = message;
        if (result.type === 'data') {
          observer.next({ result: { ...result, data: transformer.output.deserialize(result.data) } });
          if (op.type !== 'subscription') {
            finish();
            observer.complete();
          }
        } else if (result.type === 'started') {
          observer.next({ result: { type: 'started' } });
        } else {
          finish();
          observer.next({ result: { type: 'stopped' } });
          observer.complete();
        }
      });
      try {
        ipc.send({ kind: 'request', id, type: op.type, path: op.path, input: transformer.input.serialize(op.input) });
      } catch (cause) {
        finish();
        observer.error(TRPCClientError.from(cause instanceof Error ? cause : new Error(String(cause))));
      }
      return stop;
    });
}
