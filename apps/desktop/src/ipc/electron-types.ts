/**
 * The few parts of Electron's main-process IPC that the handler uses, as structural types: the real
 * ipcMain and WebContents satisfy them, and tests pass fakes (Electron's binary cannot run in CI here).
 */

/** event.senderFrame: the frame that sent the message (null when it has navigated away or gone). */
export interface IpcSenderFrame {
  readonly url: string;
}

/** event.sender: the WebContents the message came from, and where replies go. */
export interface IpcSender {
  readonly id: number;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  once(event: 'destroyed', listener: () => void): unknown;
}

export interface IpcMainEventLike {
  readonly sender: IpcSender;
  readonly senderFrame: IpcSenderFrame | null;
}

export type IpcMainListener = (event: IpcMainEventLike, ...args: unknown[]) => void;

export interface IpcMainLike {
  on(channel: string, listener: IpcMainListener): unknown;
  removeListener(channel: string, listener: IpcMainListener): unknown;
}
