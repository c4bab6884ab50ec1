// The preload of every app window (sandboxed: only Electron's renderer modules are available).
import { contextBridge, ipcRenderer } from 'electron';
import { exposeIpcBridge } from './bridge.ts';

exposeIpcBridge(contextBridge, ipcRenderer);
