import { TRPCError, initTRPC, tracked } from '@trpc/server';
import { z } from 'zod';

export interface TestContext {
  frameUrl: string;
}

/** What the procedures did, as the main process saw it. */
export interface RouterProbe {
  counter: number;
  calls: string[];
  /** Subscriptions whose generator ran its finally block (stopped, ended or failed). */
  finished: string[];
  aborted: string[];
}

export function createProbe(): RouterProbe {
  return { counter: 0, calls: [], finished: [], aborted: [] };
}

type AnyTransformer = { serialize(v: unknown): unknown; deserialize(v: unknown): unknown };

/** A small router that exercises every kind of procedure the transport carries. */
export function createTestRouter(probe: RouterProbe, transformer?: AnyTransformer) {
  const t = initTRPC.context<TestContext>().create(transformer ? { transformer, isDev: false } : { isDev: false });
  return t.router({
    greet: t.procedure.input(z.object({ name: z.string().min(1, 'name must not be empty') })).query(({ input, ctx }) => {
      probe.calls.push('greet');
      return { greeting: `Hello, ${input.name}`, from: ctx.frameUrl, at: new Date('2024-01-02T03:04:05Z') };
    }),
    counter: t.router({
      get: t.procedure.query(() => probe.counter),
      add: t.procedure.input(z.object({ by: z.number().int() })).mutation(({ input }) => {
        probe.calls.push('counter.add');
        probe.counter += input.by;
        return probe.counter;
      }),
    }),
    missingRecipe: t.procedure.query(() => {
      throw new TRPCError({ code: 'NOT_FOUND', message: 'No recipe "r-404"' });
    }),
    crash: t.procedure.query(() => {
      throw new Error('disk on fire');
    }),
    notCloneable: t.procedure.query(() => ({ callback: () => 1 })),
    waitForAbort: t.procedure.query(
      ({ signal }) =>
        new Promise<string>((resolve) => {
          signal?.addEventListener('abort', () => {
            probe.aborted.push('waitForAbort');
            resolve('aborted');
          });
        }),
    ),
    ticks: t.procedure.input(z.object({ count: z.number().int().min(0).optional(), label: z.string() })).subscription(async function* ({ input, signal }) {
      try {
        for (let i = 1; input.count === undefined || i <= input.count; i++) {
          if (signal?.aborted) return;
          yield i;
          await new Promise((r) => setTimeout(r, 2));
        }
      } finally {
        probe.finished.push(input.label);
      }
    }),
    /** A generator that never looks at its AbortSignal: only iterator.return() can stop it. */
    stubborn: t.procedure.subscription(async function* () {
      try {
        for (let i = 1; ; i++) {
          yield i;
          await new Promise((r) => setTimeout(r, 2));
        }
      } finally {
        probe.finished.push('stubborn');
      }
    }),
    failingStream: t.procedure.subscription(async function* () {
      try {
        yield 'first';
        throw new TRPCError({ code: 'CONFLICT', message: 'the run was deleted' });
      } finally {
        probe.finished.push('failingStream');
      }
    }),
    trackedStream: t.procedure.subscription(async function* () {
      yield tracked('evt-1', { rows: 1 });
      yield tracked('evt-2', { rows: 2 });
    }),
  });
}

export type TestRouter = ReturnType<typeof createTestRouter>;
