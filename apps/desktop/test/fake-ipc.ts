/**
 * A fake Electron IPC pair for tests. Electron is faked because its binary cannot be downloaded or run
 * on this machine. The fakes keep what matters of the real thing: delivery is asynchronous, every
 * message is copied with the structured clone algorithm (so a value Electron could not send fails here
 * too), the main side sees event.sender and event.senderFrame, and a WebContents can be destroyed.
 */
import { EventEmitter } from 'node:events';
import type { IpcMainLike, IpcMainListener, IpcSender } from '../src/ipc/electron-types.ts';
import type { IpcRendererLike, IpcRendererListener } from '../src/preload/bridge.ts';

const nextTick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Lets queued IPC deliveries and the promise chains they start run. */
export async function flushIpc(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await nextTick();
}

export class FakeIpcMain implements IpcMainLike {
  private readonly emitter = new EventEmitter();
  on(channel: string, listener: IpcMainListener): this {
    this.emitter.on(channel, listener);
    return this;
  }
  removeListener(channel: string, listener: IpcMainListener): this {
    this.emitter.removeListener(channel, listener);
    return this;
  }
  listenerCount(channel: string): number {
    return this.emitter.listenerCount(channel);
  }
  emit(channel: string, ...args: unknown[]): void {
    this.emitter.emit(channel, ...args);
  }
}

let nextId = 1;

/** One renderer: a WebContents on the main side and its ipcRenderer, with the URL of the frame that sends. */
export class FakeRenderer {
  readonly webContents: IpcSender & { received: Array<{ channel: string; message: unknown }>; destroy(): void };
  readonly ipcRenderer: IpcRendererLike;
  /** The URL of the sending frame; null mimics a frame that has gone (event.senderFrame === null). */
  frameUrl: string | null;

  constructor(ipcMain: FakeIpcMain, frameUrl: string | null) {
    this.frameUrl = frameUrl;
    const rendererSide = new EventEmitter();
    const mainSide = new EventEmitter();
    let destroyed = false;
    const received: Array<{ channel: string; message: unknown }> = [];
    const webContents = {
      id: nextId++,
      received,
      send(channel: string, ...args: unknown[]): void {
        if (destroyed) throw new Error('Object has been destroyed');
        const copy = structuredClone(args); // throws DataCloneError like Electron's "could not be cloned"
        received.push({ channel, message: copy[0] });
        setImmediate(() => rendererSide.emit(channel, { sender: 'ipcRenderer-event' }, ...copy));
      },
      isDestroyed: () => destroyed,
      once(event: 'destroyed', listener: () => void): unknown {
        return mainSide.once(event, listener);
      },
      destroy(): void {
        destroyed = true;
        mainSide.emit('destroyed');
      },
    };
    this.webContents = webContents;
    const senderFrame = (): { url: string } | null => (this.frameUrl === null ? null : { url: this.frameUrl });
    this.ipcRenderer = {
      send(channel: string, ...args: unknown[]): void {
        const copy = structuredClone(args);
        setImmediate(() => ipcMain.emit(channel, { sender: webContents, senderFrame: senderFrame() }, ...copy));
      },
      on(channel: string, listener: IpcRendererListener): unknown {
        return rendererSide.on(channel, listener);
      },
      removeListener(channel: string, listener: IpcRendererListener): unknown {
        return rendererSide.removeListener(channel, listener);
      },
    };
  }
}
