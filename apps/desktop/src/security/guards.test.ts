/**
 * Navigation, window.open, permission and remote-content guards. WebContents and Session are faked:
 * Electron's binary cannot run on this machine. The fakes call the guards the way Electron does
 * (event objects with preventDefault, callbacks with the decision) and record the outcome.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { recordingLogger } from '../../test/recording-logger.ts';
import { createOriginCheck } from '../ipc/origin.ts';
import { APP_CSP } from './csp.ts';
import { guardSession, type GuardedSession } from './session-guards.ts';
import { guardWebContents, type GuardedWebContents } from './web-contents-guards.ts';
import { appWindowOptions, SECURE_WEB_PREFERENCES } from './window-options.ts';

const isAppUrl = createOriginCheck(['app://studio']);

function fakeWebContents() {
  const emitter = new EventEmitter();
  let openHandler: ((d: { url: string }) => { action: string }) | undefined;
  const wc: GuardedWebContents = {
    on: (event: string, listener: (...args: never[]) => void) => emitter.on(event, listener as (...args: unknown[]) => void),
    setWindowOpenHandler: (h) => void (openHandler = h),
  } as GuardedWebContents;
  /** Fires an event as Electron would; returns whether a guard cancelled it. */
  const fire = (event: string, ...args: unknown[]): boolean => {
    let prevented = false;
    emitter.emit(event, { preventDefault: () => void (prevented = true) }, ...args);
    return prevented;
  };
  const fireFrame = (url: string, isMainFrame: boolean): boolean => {
    let prevented = false;
    emitter.emit('will-frame-navigate', { url, isMainFrame, preventDefault: () => void (prevented = true) });
    return prevented;
  };
  return { wc, fire, fireFrame, windowOpen: (url: string) => openHandler?.({ url }) };
}

function guarded() {
  const f = fakeWebContents();
  const opened: string[] = [];
  const logger = recordingLogger();
  guardWebContents(f.wc, { isAppUrl, shell: { openExternal: async (u) => void opened.push(u) }, logger });
  return { ...f, opened, logger };
}

const settle = () => new Promise((r) => setImmediate(r));

describe('web contents guards', () => {
  it('lets the app move between its own pages', () => {
    const g = guarded();
    expect(g.fire('will-navigate', 'app://studio/runs.html')).toBe(false);
    expect(g.fire('will-redirect', 'app://studio/index.html')).toBe(false);
  });

  it('cancels navigation to another origin, and sends an http(s) link to the browser instead', async () => {
    const g = guarded();
    expect(g.fire('will-navigate', 'https://example.com/docs')).toBe(true);
    expect(g.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(g.fire('will-navigate', 'app://studio.evil.example/')).toBe(true);
    await settle();
    expect(g.opened).toEqual(['https://example.com/docs']);
  });

  it('cancels redirects and subframe navigation to other origins, and every <webview>', () => {
    const g = guarded();
    expect(g.fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(g.fireFrame('https://evil.example/frame', false)).toBe(true);
    expect(g.fireFrame('app://studio/frame.html', false)).toBe(false);
    expect(g.fire('will-attach-webview')).toBe(true);
  });

  it('denies every window.open; an http(s) target opens in the browser, other schemes nowhere', async () => {
    const g = guarded();
    expect(g.windowOpen('https://example.com/')).toEqual({ action: 'deny' });
    expect(g.windowOpen('app://studio/index.html')).toEqual({ action: 'deny' });
    expect(g.windowOpen('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(g.windowOpen('vscode://file/etc/passwd')).toEqual({ action: 'deny' });
    await settle();
    expect(g.opened).toEqual(['https://example.com/']);
  });
});

function fakeSession() {
  const s: {
    request?: Parameters<GuardedSession['setPermissionRequestHandler']>[0];
    check?: Parameters<GuardedSession['setPermissionCheckHandler']>[0];
    device?: Parameters<GuardedSession['setDevicePermissionHandler']>[0];
    headers?: Parameters<GuardedSession['webRequest']['onHeadersReceived']>[0];
    before?: Parameters<GuardedSession['webRequest']['onBeforeRequest']>[1];
    filter?: { urls: string[] };
  } = {};
  const session: GuardedSession = {
    setPermissionRequestHandler: (h) => void (s.request = h),
    setPermissionCheckHandler: (h) => void (s.check = h),
    setDevicePermissionHandler: (h) => void (s.device = h),
    webRequest: {
      onHeadersReceived: (l) => void (s.headers = l),
      onBeforeRequest: (f, l) => {
        s.filter = f;
        s.before = l;
      },
    },
  };
  const logger = recordingLogger();
  guardSession(session, { isAppUrl, logger });
  const ask = (permission: string, pageUrl: string): boolean => {
    let granted: boolean | undefined;
    s.request?.({ getURL: () => pageUrl }, permission, (g) => void (granted = g), { requestingUrl: pageUrl });
    if (granted === undefined) throw new Error('the permission handler never answered');
    return granted;
  };
  const request = (url: string, webContentsId: number | undefined): boolean => {
    let cancel: boolean | undefined;
    s.before?.({ url, webContentsId }, (r) => void (cancel = r.cancel ?? false));
    if (cancel === undefined) throw new Error('the request handler never answered');
    return cancel;
  };
  return { s, ask, request, logger };
}

describe('session guards', () => {
  it('denies permission requests by default, even from the app; only clipboard writing is allowed, and only to the app', () => {
    const { ask, s } = fakeSession();
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fullscreen', 'midiSysex', 'unknown']) {
      expect(ask(p, 'app://studio/index.html'), p).toBe(false);
    }
    expect(ask('clipboard-sanitized-write', 'app://studio/index.html')).toBe(true);
    expect(ask('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(s.check?.(null, 'media', 'app://studio')).toBe(false);
    expect(s.check?.(null, 'clipboard-sanitized-write', 'https://evil.example')).toBe(false);
    expect(s.device?.({})).toBe(false);
  });

  it('puts the app CSP on the app\'s responses and leaves other responses alone', () => {
    const { s } = fakeSession();
    let app: { responseHeaders?: Record<string, string[]> } | undefined;
    s.headers?.({ url: 'app://studio/index.html', responseHeaders: { 'content-type': ['text/html'] } }, (r) => void (app = r));
    expect(app?.responseHeaders?.['Content-Security-Policy']).toEqual([APP_CSP]);
    let other: { responseHeaders?: Record<string, string[]> } | undefined;
    s.headers?.({ url: 'https://updates.example/latest.yml', responseHeaders: {} }, (r) => void (other = r));
    expect(other).toEqual({});
  });

  it('blocks remote content requested by a page, but not the app\'s own files, inline images or the main process', () => {
    const { request, s, logger } = fakeSession();
    expect(s.filter).toEqual({ urls: ['<all_urls>'] });
    expect(request('https://tracker.example/pixel.gif?user=me', 1)).toBe(true);
    expect(request('http://127.0.0.1:8787/list/1', 1)).toBe(true);
    expect(request('app://studio/assets/app.js', 1)).toBe(false);
    expect(request('data:image/png;base64,AAAA', 1)).toBe(false);
    expect(request('https://updates.example/latest.yml', undefined)).toBe(false);
    expect(logger.text()).not.toContain('user=me');
  });
});

describe('app window options', () => {
  it('lock every window down as Electron\'s checklist asks', () => {
    const o = appWindowOptions({ preloadPath: '/app/dist/preload.cjs', bounds: { x: 1, y: 2, width: 1000, height: 700 }, title: 'Scrapifie Studio', devTools: false });
    expect(o.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, allowRunningInsecureContent: false, webviewTag: false, devTools: false, preload: '/app/dist/preload.cjs' });
    expect(o.show).toBe(false);
    expect(Object.isFrozen(SECURE_WEB_PREFERENCES)).toBe(true);
  });
});
