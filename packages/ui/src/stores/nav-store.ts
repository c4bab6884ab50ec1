import { create } from 'zustand';

export type Screen = 'recipes' | 'runs' | 'results' | 'designer' | 'schedules' | 'proxies' | 'credentials' | 'webhooks' | 'api-keys' | 'members' | 'settings';

export interface Route {
  screen: Screen;
  /** results: the run id; designer: nothing. */
  id?: string | undefined;
  /** designer: the page to open. */
  url?: string | undefined;
}

const SCREENS: readonly Screen[] = ['recipes', 'runs', 'results', 'designer', 'schedules', 'proxies', 'credentials', 'webhooks', 'api-keys', 'members', 'settings'];

/** "#/results/<runId>", "#/designer?url=...": the route of a location hash (unknown hashes go to the recipes). */
export function parseHash(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const [screen, id] = path.split('/');
  const params = new URLSearchParams(query);
  const s = SCREENS.includes(screen as Screen) ? (screen as Screen) : 'recipes';
  return { screen: s, id: id ? decodeURIComponent(id) : undefined, url: params.get('url') ?? undefined };
}

export function toHash(r: Route): string {
  const id = r.id ? `/${encodeURIComponent(r.id)}` : '';
  const q = r.url ? `?${new URLSearchParams({ url: r.url })}` : '';
  return `#/${r.screen}${id}${q}`;
}

interface NavState {
  route: Route;
  go(route: Route): void;
  /** Follows the browser's hash (back/forward, a pasted link). */
  sync(hash: string): void;
}

export const useNav = create<NavState>((set) => ({
  route: parseHash(globalThis.location?.hash ?? ''),
  go(route) {
    set({ route });
    if (globalThis.location && globalThis.location.hash !== toHash(route)) globalThis.location.hash = toHash(route);
  },
  sync(hash) {
    set({ route: parseHash(hash) });
  },
}));
