/**
 * Where the app's own pages live: a privileged custom scheme served from the packaged files
 * (Electron's checklist: no file:// pages). In development a renderer dev server may be added.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'studio';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The URL of one of the app's pages, e.g. appUrl('index.html') -> app://studio/index.html. */
export function appUrl(page = 'index.html'): string {
  return `${APP_ORIGIN}/${page.replace(/^\/+/, '')}`;
}
