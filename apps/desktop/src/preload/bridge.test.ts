/**
 * The preload's surface. Electron's contextBridge and ipcRenderer are faked: Electron's binary cannot
 * run on this machine. The fakes record what the preload exposes and sends.
 */
import { describe, expect, it } from 'vitest';
import { IPC_BRIDGE_KEY, TRPC_IPC_CHANNEL } from '../ipc/protocol.ts';
import { exposeIpcBridge, type IpcRendererListener } from './bridge.ts';

function fakes() {
  const exposed: Array<{ key: string; api: unknown }> = [];
  const sent: Array<{ channel: string; args: unknown[] }> = [];
  const listeners = new Map<string, Set<IpcRendererListener>>();
  const contextBridge = { exposeInMainWorld: (key: string, api: unknown) => void exposed.push({ key, api }) };
  const ipcRenderer = {
    send: (channel: string, ...args: unknown[]) => void sent.push({ channel, args }),
    on: (channel: string, l: IpcRendererListener) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(l)),
    removeListener: (channel: string, l: IpcRendererListener) => listeners.get(channel)?.delete(l),
  };
  const deliver = (channel: string, event: unknown, message: unknown): void => {
    for (const l of listeners.get(channel) ?? []) l(event, message);
  };
  return { exposed, sent, listeners, contextBridge, ipcRenderer, deliver };
}

describe('preload', () => {
  it('exposes one object, window.scrapifieIpc, with send and onMessage and nothing else', () => {
    const f = fakes();
    exposeIpcBridge(f.contextBridge, f.ipcRenderer);
    expect(f.exposed.map((e) => e.key)).toEqual([IPC_BRIDGE_KEY]);
    const api = f.exposed[0]?.api as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(['onMessage', 'send']);
    expect(typeof api.send).toBe('function');
    expect(typeof api.onMessage).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
    // Nothing of Electron leaks: not ipcRenderer, not a channel-taking send.
    expect(Object.values(api)).not.toContain(f.ipcRenderer);
  });

  it('sends only on the tRPC channel, whatever the page passes', () => {
    const f = fakes();
    exposeIpcBridge(f.contextBridge, f.ipcRenderer);
    const api = f.exposed[0]?.api as { send(...args: unknown[]): void };
    api.send({ kind: 'stop', id: 'a:1' });
    api.send('other-channel', { kind: 'stop', id: 'a:2' });
    expect(f.sent).toEqual([
      { channel: TRPC_IPC_CHANNEL, args: [{ kind: 'stop', id: 'a:1' }] },
      { channel: TRPC_IPC_CHANNEL, args: ['other-channel'] },
    ]);
  });

  it('hands the page the message alone, never the IPC event, and stops when asked', () => {
    const f = fakes();
    exposeIpcBridge(f.contextBridge, f.ipcRenderer);
    const api = f.exposed[0]?.api as { onMessage(l: (...args: unknown[]) => void): () => void };
    const got: unknown[][] = [];
    const stop = api.onMessage((...args) => got.push(args));
    const event = { sender: 'the ipcRenderer itself', ports: [] };
    f.deliver(TRPC_IPC_CHANNEL, event, { id: 'a:1', result: { type: 'started' } });
    f.deliver('some-other-channel', event, { id: 'a:2' });
    expect(got).toEqual([[{ id: 'a:1', result: { type: 'started' } }]]);
    stop();
    f.deliver(TRPC_IPC_CHANNEL, event, { id: 'a:3' });
    expect(got).toHaveLength(1);
    expect(f.listeners.get(TRPC_IPC_CHANNEL)?.size).toBe(0);
  });

  it('refuses a listener that is not a function', () => {
    const f = fakes();
    exposeIpcBridge(f.contextBridge, f.ipcRenderer);
    const api = f.exposed[0]?.api as { onMessage(l: unknown): () => void };
    expect(() => api.onMessage('alert(1)')).toThrow(/needs a function/);
  });
});
