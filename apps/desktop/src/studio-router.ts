import { appRouter, createContext, type ApiContext, type ApiServices } from '@scrapifie/api';
import { desktopT, type DesktopContext, type DesktopRouter } from './desktop-router.ts';

/**
 * What the renderer talks to over IPC: the studio's own router (@scrapifie/api, the same one the
 * web studio reaches over HTTP) with the desktop procedures beside it under `desktop.`.
 */
export function createStudioRouter(desktop: DesktopRouter) {
  return desktopT.router({ ...appRouter._def.record, ...desktop._def.record });
}

export type StudioRouter = ReturnType<typeof createStudioRouter>;

/** The per-call context of the combined router: the API's (the local owner, no authentication) plus the calling frame. */
export function createStudioContext(services: ApiServices): (opts: { frameUrl: string }) => ApiContext & DesktopContext {
  const api = createContext(services);
  return ({ frameUrl }) => ({ ...api(), frameUrl });
}
