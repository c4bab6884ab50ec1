import { errorMessage } from '../client.ts';

/** What every domain store exposes besides its data: whether a call is under way, and the last call's error. */
export interface Loadable {
  loading: boolean;
  error: string | null;
}

export const IDLE: Loadable = { loading: false, error: null };

type Setter<S> = (partial: Partial<S>) => void;

/**
 * Runs one API call for a store: loading while it runs, then the error's message (the API's, naming the problem) or
 * none. Answers the call's result, or undefined when it failed (the store's `error` says why).
 */
export async function attempt<S extends Loadable, T>(set: Setter<S>, work: () => Promise<T>): Promise<T | undefined> {
  set({ loading: true } as Partial<S>);
  try {
    const r = await work();
    set({ loading: false, error: null } as Partial<S>);
    return r;
  } catch (e) {
    set({ loading: false, error: errorMessage(e) } as Partial<S>);
    return undefined;
  }
}
