import {
  TRPCError,
  callTRPCProcedure,
  getTRPCErrorFromUnknown,
  getTRPCErrorShape,
  isTrackedEnvelope,
  transformTRPCResponse,
  type AnyTRPCRouter,
} from '@trpc/server';
import { isObservable, observableToAsyncIterable } from '@trpc/server/observable';
import type { IpcRequestMessage, IpcResultMessage, IpcServerMessage } from './protocol.ts';

/** Reports a failed call: the error as tRPC made it, where it happened, and with what. */
export type IpcErrorHandler = (opts: { error: TRPCError; type: IpcRequestMessage['type'] | 'unknown'; path: string | undefined; input: unknown }) => void;

export interface RequestScope {
  router: AnyTRPCRouter;
  /** Sends one message to the renderer that made the request (already checked to be alive). */
  reply: (message: IpcServerMessage) => void;
  onError: IpcErrorHandler;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/** A subscription value as a result; tracked(id, data) values keep their id so the client can see it. */
function dataResult(value: unknown): IpcResultMessage['result'] {
  if (isTrackedEnvelope(value)) {
    const [id, data] = value;
    return { type: 'data', id, data: { id, data } };
  }
  return { type: 'data', data: value };
}

/** The router's error shape for a failure, transformed for the wire. */
export function errorMessage(router: AnyTRPCRouter, id: string | null, cause: unknown, where: { type: IpcRequestMessage['type'] | 'unknown'; path: string | undefined; input: unknown; ctx: unknown }): { error: TRPCError; message: IpcServerMessage } {
  const error = getTRPCErrorFromUnknown(cause);
  const config = router._def._config;
  const shape = getTRPCErrorShape({ config, error, type: where.type, path: where.path, input: where.input, ctx: where.ctx });
  return { error, message: transformTRPCResponse(config, { id, error: shape }) as IpcServerMessage };
}

/** Streams a subscription until it ends, fails, or `signal` fires (then the generator's finally blocks run). */
async function streamSubscription(scope: RequestScope, id: string, iterable: AsyncIterable<unknown>, signal: AbortSignal, fail: (cause: unknown) => void): Promise<void> {
  const config = scope.router._def._config;
  const iterator = iterable[Symbol.asyncIterator]();
  const aborted = new Promise<'aborted'>((resolve) => {
    if (signal.aborted) resolve('aborted');
    else signal.addEventListener('abort', () => resolve('aborted'), { once: true });
  });
  for (;;) {
    let next: IteratorResult<unknown> | 'aborted';
    try {
      next = await Promise.race([iterator.next(), aborted]);
    } catch (cause) {
      fail(cause);
      return;
    }
    if (next === 'aborted') {
      scope.reply({ id, result: { type: 'stopped' } });
      // Not awaited: a generator stuck in an await that ignores the signal must not hold the reply back.
      iterator.return?.().catch((cause: unknown) => scope.onError({ error: getTRPCErrorFromUnknown(cause), type: 'subscription', path: undefined, input: undefined }));
      return;
    }
    if (next.done) {
      scope.reply({ id, result: { type: 'stopped' } });
      return;
    }
    scope.reply(transformTRPCResponse(config, { id, result: dataResult(next.value) }) as IpcServerMessage);
  }
}

/**
 * Runs one request to the end: creates the context, calls the procedure, replies with its data (or,
 * for a subscription, started, each value and stopped), and turns every failure into an error reply.
 * `signal` fires when the renderer stops the call or goes away.
 */
export async function runRequest(scope: RequestScope, msg: IpcRequestMessage, createContext: () => Promise<unknown>, signal: AbortSignal): Promise<void> {
  const { router } = scope;
  const config = router._def._config;
  let ctx: unknown;
  let input: unknown;
  const fail = (cause: unknown): void => {
    const { error, message } = errorMessage(router, msg.id, cause, { type: msg.type, path: msg.path, input, ctx });
    scope.onError({ error, type: msg.type, path: msg.path, input });
    scope.reply(message);
  };
  try {
    ctx = await createContext();
    input = config.transformer.input.deserialize(msg.input);
    const result: unknown = await callTRPCProcedure({ router, path: msg.path, getRawInput: async () => input, ctx, type: msg.type, signal, batchIndex: 0 });
    const streams = isAsyncIterable(result) || isObservable(result);
    if (msg.type !== 'subscription') {
      if (streams) throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: `The ${msg.type} "${msg.path}" returned a stream: only subscriptions may stream over IPC` });
      if (signal.aborted) return; // the caller gave up on it: nobody is listening
      scope.reply(transformTRPCResponse(config, { id: msg.id, result: { type: 'data', data: result } }) as IpcServerMessage);
      return;
    }
    if (!streams) throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: `The subscription "${msg.path}" did not return an async generator or observable` });
    const iterable = isObservable(result) ? observableToAsyncIterable(result, signal) : result;
    scope.reply({ id: msg.id, result: { type: 'started' } });
    await streamSubscription(scope, msg.id, iterable, signal, fail);
  } catch (cause) {
    fail(cause);
  }
}
