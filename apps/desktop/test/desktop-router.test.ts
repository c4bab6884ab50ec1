/**
 * The desktop router served over the IPC transport, as the renderer uses it. Electron's IPC is faked
 * (test/fake-ipc.ts): its binary cannot run on this machine.
 */
import { createTRPCClient } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { DeepLinkHub } from '../src/deep-links/deep-link-hub.ts';
import type { DeepLink } from '../src/deep-links/deep-link.ts';
import { createDesktopRouter, type DesktopInfo, type DesktopRouter } from '../src/desktop-router.ts';
import { serveTrpcOverIpc } from '../src/ipc/handler.ts';
import { ipcLink } from '../src/ipc/link.ts';
import { createOriginCheck } from '../src/ipc/origin.ts';
import { createIpcBridge } from '../src/preload/bridge.ts';
import { FakeIpcMain, FakeRenderer } from './fake-ipc.ts';
import { recordingLogger } from './recording-logger.ts';

const info: DesktopInfo = {
  name: 'Scrapifie Studio',
  version: '0.1.0',
  platform: 'linux',
  secretStorage: { level: 'weak', backend: 'basic_text', warning: 'No system keychain' },
  autoUpdate: { enabled: false, reason: 'off in settings' },
  database: { path: '/home/u/.config/Scrapifie Studio/scrapifie.sqlite', backupPath: null },
};

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

function setup() {
  const ipcMain = new FakeIpcMain();
  const hub = new DeepLinkHub();
  const router = createDesktopRouter({ info: () => info, resumableRuns: async () => [], deepLinks: hub });
  const server = serveTrpcOverIpc({ router, ipcMain, isAppUrl: createOriginCheck(['app://studio']), createContext: ({ frameUrl }) => ({ frameUrl }), logger: recordingLogger() });
  const renderer = new FakeRenderer(ipcMain, 'app://studio/index.html');
  const client = createTRPCClient<DesktopRouter>({ links: [ipcLink<DesktopRouter>({ bridge: createIpcBridge(renderer.ipcRenderer) })] });
  return { hub, server, client };
}

describe('desktop router over IPC', () => {
  it('tells the renderer about this installation, including a weak secret store', async () => {
    const { client, server } = setup();
    expect(await client.desktop.info.query()).toEqual(info);
    expect(await client.desktop.resumableRuns.query()).toEqual([]);
    server.close();
  });

  it('delivers a deep link that arrived before the window listened, then the ones after, and stops on unsubscribe', async () => {
    const { client, server, hub } = setup();
    hub.push({ kind: 'recipe', recipeId: 'from-start' });
    const got: DeepLink[] = [];
    const sub = client.desktop.deepLinks.subscribe(undefined, { onData: (l) => got.push(l) });
    await until(() => got.length === 1, 'the pending link');
    hub.push({ kind: 'recipe', recipeId: 'later' });
    await until(() => got.length === 2, 'the live link');
    expect(got.map((l) => l.recipeId)).toEqual(['from-start', 'later']);
    sub.unsubscribe();
    await until(() => server.activeCount() === 0, 'the subscription to end');
    hub.push({ kind: 'recipe', recipeId: 'while-nobody-listens' });
    const again: DeepLink[] = [];
    const sub2 = client.desktop.deepLinks.subscribe(undefined, { onData: (l) => again.push(l) });
    await until(() => again.length === 1, 'the link kept for the next listener');
    expect(again[0]?.recipeId).toBe('while-nobody-listens');
    sub2.unsubscribe();
    server.close();
  });
});
