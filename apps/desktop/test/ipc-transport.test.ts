/**
 * tRPC over IPC, end to end: router <- serveTrpcOverIpc <- (fake ipcMain / ipcRenderer) <- preload bridge <- ipcLink <- tRPC client.
 * Electron is faked (test/fake-ipc.ts) because its binary cannot be downloaded or run on this machine;
 * the handler, the preload bridge and the link are the real modules.
 */
import { createTRPCClient, TRPCClientError } from '@trpc/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serveTrpcOverIpc, type IpcTrpcServer } from '../src/ipc/handler.ts';
import { ipcLink } from '../src/ipc/link.ts';
import { createOriginCheck } from '../src/ipc/origin.ts';
import { TRPC_IPC_CHANNEL } from '../src/ipc/protocol.ts';
import { createIpcBridge } from '../src/preload/bridge.ts';
import { FakeIpcMain, FakeRenderer, flushIpc } from './fake-ipc.ts';
import { recordingLogger } from './recording-logger.ts';
import { createProbe, createTestRouter, type RouterProbe, type TestRouter } from './test-router.ts';

const APP_URL = 'app://studio/index.html';

/** Waits for a condition, bounded: 10 s at most. */
async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

describe('tRPC over IPC', () => {
  let ipcMain: FakeIpcMain;
  let probe: RouterProbe;
  let server: IpcTrpcServer;
  let renderer: FakeRenderer;
  let logger: ReturnType<typeof recordingLogger>;
  let errors: Array<{ code: string; path: string | undefined }>;

  function clientFor(r: FakeRenderer) {
    return createTRPCClient<TestRouter>({ links: [ipcLink<TestRouter>({ bridge: createIpcBridge(r.ipcRenderer) })] });
  }

  beforeEach(() => {
    ipcMain = new FakeIpcMain();
    probe = createProbe();
    logger = recordingLogger();
    errors = [];
    server = serveTrpcOverIpc({
      router: createTestRouter(probe),
      ipcMain,
      isAppUrl: createOriginCheck(['app://studio']),
      createContext: ({ frameUrl }) => ({ frameUrl }),
      onError: ({ error, path }) => errors.push({ code: error.code, path }),
      logger,
    });
    renderer = new FakeRenderer(ipcMain, APP_URL);
  });
  afterEach(() => server.close());

  it('answers a query with its input, its context and values IPC can carry (a Date stays a Date)', async () => {
    const out = await clientFor(renderer).greet.query({ name: 'Ada' });
    expect(out.greeting).toBe('Hello, Ada');
    expect(out.from).toBe(APP_URL);
    // tRPC types the output as JSON (a string) when the router has no transformer; IPC's structured clone keeps the Date.
    const at: unknown = out.at;
    expect(at).toBeInstanceOf(Date);
    expect((at as Date).toISOString()).toBe('2024-01-02T03:04:05.000Z');
  });

  it('runs mutations in order, and later queries see their effect', async () => {
    const client = clientFor(renderer);
    expect(await client.counter.add.mutate({ by: 2 })).toBe(2);
    expect(await client.counter.add.mutate({ by: 5 })).toBe(7);
    expect(await client.counter.get.query()).toBe(7);
  });

  it('rejects bad input with BAD_REQUEST naming the field, without running the procedure', async () => {
    const err = await clientFor(renderer).greet.query({ name: '' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCClientError);
    const e = err as TRPCClientError<TestRouter>;
    expect(e.data?.code).toBe('BAD_REQUEST');
    expect(e.data?.httpStatus).toBe(400);
    expect(e.message).toContain('name must not be empty');
    expect(probe.calls).not.toContain('greet');
    expect(errors).toEqual([{ code: 'BAD_REQUEST', path: 'greet' }]);
  });

  it('maps thrown errors to tRPC error shapes: a TRPCError keeps its code, anything else is INTERNAL_SERVER_ERROR', async () => {
    const client = clientFor(renderer);
    const notFound = (await client.missingRecipe.query().catch((e: unknown) => e)) as TRPCClientError<TestRouter>;
    expect(notFound.data?.code).toBe('NOT_FOUND');
    expect(notFound.message).toBe('No recipe "r-404"');
    const crash = (await client.crash.query().catch((e: unknown) => e)) as TRPCClientError<TestRouter>;
    expect(crash.data?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(crash.data?.path).toBe('crash');
    // @ts-expect-error the path does not exist on the router
    const unknown = (await client.nope.query().catch((e: unknown) => e)) as TRPCClientError<TestRouter>;
    expect(unknown.data?.code).toBe('NOT_FOUND');
  });

  it('says so when a result cannot be sent over IPC, instead of leaving the caller waiting', async () => {
    const err = (await clientFor(renderer).notCloneable.query().catch((e: unknown) => e)) as TRPCClientError<TestRouter>;
    expect(err.data?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(err.message).toMatch(/not structured-cloneable/);
  });

  it('streams a subscription, and unsubscribing stops the generator in the main process', async () => {
    const values: number[] = [];
    let started = false;
    const sub = clientFor(renderer).ticks.subscribe({ label: 'endless' }, { onStarted: () => (started = true), onData: (v) => values.push(v) });
    await until(() => values.length >= 3, 'three ticks');
    expect(started).toBe(true);
    expect(values.slice(0, 3)).toEqual([1, 2, 3]);
    sub.unsubscribe();
    await until(() => probe.finished.includes('endless'), 'the generator to finish');
    const seen = values.length;
    await flushIpc(30);
    expect(values.length).toBe(seen); // nothing arrives after the stop
    expect(server.activeCount()).toBe(0);
  });

  it('stops a generator that ignores its AbortSignal when the renderer unsubscribes', async () => {
    const values: number[] = [];
    const sub = clientFor(renderer).stubborn.subscribe(undefined, { onData: (v) => values.push(v) });
    await until(() => values.length >= 2, 'two values');
    sub.unsubscribe();
    await until(() => probe.finished.includes('stubborn'), 'the generator\'s finally block');
    await until(() => server.activeCount() === 0, 'the call to be forgotten');
  });

  it('completes a subscription that ends on its own, after every value', async () => {
    const values: number[] = [];
    await new Promise<void>((resolve, reject) => {
      clientFor(renderer).ticks.subscribe({ count: 4, label: 'four' }, { onData: (v) => values.push(v), onComplete: () => resolve(), onError: reject });
    });
    expect(values).toEqual([1, 2, 3, 4]);
    expect(probe.finished).toEqual(['four']);
    await until(() => server.activeCount() === 0, 'the call to be forgotten');
  });

  it('reports an error thrown inside a subscription with its code, after the values before it', async () => {
    const values: string[] = [];
    const err = await new Promise<TRPCClientError<TestRouter>>((resolve) => {
      clientFor(renderer).failingStream.subscribe(undefined, { onData: (v) => values.push(v), onError: (e) => resolve(e) });
    });
    expect(values).toEqual(['first']);
    expect(err.data?.code).toBe('CONFLICT');
    expect(err.message).toBe('the run was deleted');
    expect(probe.finished).toEqual(['failingStream']);
  });

  it('passes tracked() event ids through to the client', async () => {
    const got: unknown[] = [];
    await new Promise<void>((resolve, reject) => {
      clientFor(renderer).trackedStream.subscribe(undefined, { onData: (v) => got.push(v), onComplete: () => resolve(), onError: reject });
    });
    expect(got).toEqual([
      { id: 'evt-1', data: { rows: 1 } },
      { id: 'evt-2', data: { rows: 2 } },
    ]);
  });

  it('aborting a query fires the procedure\'s AbortSignal in the main process', async () => {
    const ac = new AbortController();
    const pending = clientFor(renderer).waitForAbort.query(undefined, { signal: ac.signal });
    await until(() => server.activeCount() === 1, 'the call to start');
    ac.abort();
    await expect(pending).rejects.toThrow(/aborted/);
    await until(() => probe.aborted.includes('waitForAbort'), 'the procedure to see the abort');
    await until(() => server.activeCount() === 0, 'the call to be forgotten');
  });

  it('stops the subscriptions of a window that is destroyed', async () => {
    const values: number[] = [];
    clientFor(renderer).ticks.subscribe({ label: 'orphan' }, { onData: (v) => values.push(v) });
    await until(() => values.length >= 1, 'a first tick');
    renderer.webContents.destroy();
    await until(() => probe.finished.includes('orphan'), 'the generator to finish');
    expect(server.activeCount()).toBe(0);
  });

  it('keeps the calls of two windows apart, even with the same request ids', async () => {
    const other = new FakeRenderer(ipcMain, 'app://studio/settings.html');
    const [a, b] = await Promise.all([clientFor(renderer).greet.query({ name: 'A' }), clientFor(other).greet.query({ name: 'B' })]);
    expect([a.greeting, a.from, b.greeting, b.from]).toEqual(['Hello, A', APP_URL, 'Hello, B', 'app://studio/settings.html']);
  });

  describe('accepts messages only from the app\'s own frames', () => {
    const request = { kind: 'request', id: 'x:1', type: 'mutation', path: 'counter.add', input: { by: 100 } };

    for (const [name, url] of [
      ['another origin', 'https://evil.example/page.html'],
      ['a file: page', 'file:///home/user/Downloads/evil.html'],
      ['a look-alike host', 'app://studio.evil.example/index.html'],
      ['a vanished frame (senderFrame null)', null],
    ] as const) {
      it(`drops a request from ${name}, unanswered and unrun, and logs it without its contents`, async () => {
        const foreign = new FakeRenderer(ipcMain, url);
        foreign.ipcRenderer.send(TRPC_IPC_CHANNEL, request);
        await flushIpc();
        expect(probe.counter).toBe(0);
        expect(probe.calls).toEqual([]);
        expect(foreign.webContents.received).toEqual([]);
        const warn = logger.lines.find((l) => l.level === 'warn');
        expect(warn?.msg).toMatch(/not the app's own/);
        expect(warn?.fields.frameUrl).toBe(url);
        expect(logger.text()).not.toContain('counter.add');
      });
    }

    it('while the app\'s own frame is still served', async () => {
      new FakeRenderer(ipcMain, 'https://evil.example/').ipcRenderer.send(TRPC_IPC_CHANNEL, request);
      expect(await clientFor(renderer).counter.add.mutate({ by: 1 })).toBe(1);
    });
  });

  it('answers a malformed message with BAD_REQUEST naming the problem', async () => {
    renderer.ipcRenderer.send(TRPC_IPC_CHANNEL, { kind: 'request', id: 'm:1', type: 'delete', path: 'greet', input: null });
    await until(() => renderer.webContents.received.length === 1, 'a reply');
    const reply = renderer.webContents.received[0]?.message as { id: string; error: { message: string; data: { code: string } } };
    expect(reply.id).toBe('m:1');
    expect(reply.error.data.code).toBe('BAD_REQUEST');
    expect(reply.error.message).toMatch(/type/);
  });

  it('close() stops listening and stops running subscriptions', async () => {
    const values: number[] = [];
    clientFor(renderer).ticks.subscribe({ label: 'closing' }, { onData: (v) => values.push(v) });
    await until(() => values.length >= 1, 'a first tick');
    server.close();
    await until(() => probe.finished.includes('closing'), 'the generator to finish');
    expect(ipcMain.listenerCount(TRPC_IPC_CHANNEL)).toBe(0);
  });
});

describe('ipcLink outside the desktop app', () => {
  it('fails each call with a message that says the preload bridge is missing', async () => {
    const client = createTRPCClient<TestRouter>({ links: [ipcLink<TestRouter>()] });
    await expect(client.counter.get.query()).rejects.toThrow(/window\.scrapifieIpc is missing/);
  });
});

describe('tRPC over IPC with a data transformer', () => {
  it('applies the router\'s transformer to inputs, outputs and errors on both sides', async () => {
    // A transformer that wraps every payload, so a side that forgot to apply it would see { wire: ... }.
    const wire = { serialize: (v: unknown) => ({ wire: JSON.stringify(v ?? null) }), deserialize: (v: unknown) => JSON.parse((v as { wire: string }).wire) as unknown };
    const ipcMain = new FakeIpcMain();
    const probe = createProbe();
    const server = serveTrpcOverIpc({ router: createTestRouter(probe, wire), ipcMain, isAppUrl: createOriginCheck(['app://studio']), createContext: ({ frameUrl }) => ({ frameUrl }), logger: recordingLogger() });
    const renderer = new FakeRenderer(ipcMain, APP_URL);
    const client = createTRPCClient<TestRouter>({ links: [ipcLink<TestRouter>({ bridge: createIpcBridge(renderer.ipcRenderer), transformer: wire })] });
    try {
      expect(await client.counter.add.mutate({ by: 3 })).toBe(3);
      const err = (await client.missingRecipe.query().catch((e: unknown) => e)) as TRPCClientError<TestRouter>;
      expect(err.data?.code).toBe('NOT_FOUND');
      const sent = renderer.webContents.received.map((r) => r.message as { result?: { data?: unknown } });
      expect(sent[0]?.result?.data).toEqual({ wire: '3' });
    } finally {
      server.close();
    }
  });
});

describe('tRPC over IPC when a page navigates', () => {
  it('stopCallsOf() stops the subscriptions of that renderer only', async () => {
    const ipcMain = new FakeIpcMain();
    const probe = createProbe();
    const server = serveTrpcOverIpc({ router: createTestRouter(probe), ipcMain, isAppUrl: createOriginCheck(['app://studio']), createContext: ({ frameUrl }) => ({ frameUrl }), logger: recordingLogger() });
    const a = new FakeRenderer(ipcMain, APP_URL);
    const b = new FakeRenderer(ipcMain, APP_URL);
    const client = (r: FakeRenderer) => createTRPCClient<TestRouter>({ links: [ipcLink<TestRouter>({ bridge: createIpcBridge(r.ipcRenderer) })] });
    const seen = { a: 0, b: 0 };
    const subA = client(a).ticks.subscribe({ label: 'a' }, { onData: () => void seen.a++ });
    const subB = client(b).ticks.subscribe({ label: 'b' }, { onData: () => void seen.b++ });
    await until(() => seen.a > 0 && seen.b > 0, 'both streams');
    server.stopCallsOf(a.webContents.id);
    await until(() => probe.finished.includes('a'), 'the first renderer\'s stream to stop');
    const bBefore = seen.b;
    await until(() => seen.b > bBefore + 2, 'the other stream to go on');
    expect(probe.finished).toEqual(['a']);
    subA.unsubscribe();
    subB.unsubscribe();
    server.close();
  });
});
