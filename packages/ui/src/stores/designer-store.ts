import { create } from 'zustand';
import type { DesignerEdit, DesignerHover, DesignerInput, DesignerRecordOp, DesignerState } from '@scrapifie/api';
import { client, errorMessage } from '../client.ts';

/** What a click on the live page does. */
export type PickMode = 'interact' | 'item' | 'widen' | 'narrow' | 'field' | 'pagination';

/** What a field click takes from the element ("auto": an image's source on an image, else the text). */
export type FieldTake = 'auto' | 'text' | 'link' | 'image';

interface DesignerStore {
  session: DesignerState | null;
  mode: PickMode;
  take: FieldTake;
  hover: DesignerHover | null;
  busy: boolean;
  error: string | null;
  /** A recipe built from the design (after "Build recipe"). */
  recipe: Record<string, unknown> | null;
  open(url: string): Promise<void>;
  close(): Promise<void>;
  setMode(mode: PickMode): void;
  setTake(take: FieldTake): void;
  /** A click on the live view at page coordinates: picks in a pick mode, else clicks the page. */
  click(x: number, y: number): Promise<void>;
  /** Pointer moves (in a pick mode: the element under it is highlighted). One hover in flight at a time. */
  move(x: number, y: number): void;
  /** Page input, sent one at a time in order (keys typed fast must reach the page in the order typed). */
  input(input: DesignerInput): Promise<void>;
  /** Records the login: start at the sign-in page, stop once signed in, or discard. */
  record(op: DesignerRecordOp): Promise<void>;
  edit(edit: DesignerEdit): Promise<void>;
  detectPagination(): Promise<void>;
  checkTiers(): Promise<void>;
  buildRecipe(name: string): Promise<Record<string, unknown> | null>;
}

let hoverInFlight = false;
let inputChain: Promise<void> = Promise.resolve();
let nextHover: { x: number; y: number } | null = null;

export const useDesigner = create<DesignerStore>((set, get) => {
  /** Runs a call against the open session; its new state replaces the old, an error is shown. */
  const act = async (fn: (sessionId: string) => Promise<DesignerState | void>): Promise<void> => {
    const s = get().session;
    if (!s) return;
    set({ busy: true, error: null });
    try {
      const next = await fn(s.sessionId);
      set({ busy: false, ...(next ? { session: next } : {}) });
    } catch (e) {
      set({ busy: false, error: errorMessage(e) });
    }
  };
  const hoverLoop = async (): Promise<void> => {
    if (hoverInFlight) return;
    hoverInFlight = true;
    try {
      while (nextHover) {
        const { x, y } = nextHover;
        nextHover = null;
        const s = get().session;
        if (!s || get().mode === 'interact') break;
        const hover = await client().designer.hover.mutate({ sessionId: s.sessionId, x, y }).catch(() => null);
        set({ hover });
      }
    } finally {
      hoverInFlight = false;
    }
  };
  return {
    session: null,
    mode: 'interact',
    take: 'auto',
    hover: null,
    busy: false,
    error: null,
    recipe: null,
    async open(url) {
      const old = get().session;
      set({ busy: true, error: null, recipe: null, hover: null });
      try {
        if (old) await client().designer.close.mutate({ sessionId: old.sessionId }).catch(() => undefined);
        const session = await client().designer.open.mutate({ url });
        set({ session, busy: false, mode: 'item' });
      } catch (e) {
        set({ session: null, busy: false, error: errorMessage(e) });
      }
    },
    async close() {
      const s = get().session;
      set({ session: null, hover: null });
      if (s) await client().designer.close.mutate({ sessionId: s.sessionId }).catch(() => undefined);
    },
    setMode(mode) {
      set({ mode, hover: null });
    },
    setTake(take) {
      set({ take });
    },
    async click(x, y) {
      const mode = get().mode;
      const c = client().designer;
      if (mode === 'interact') return get().input({ type: 'click', x, y });
      const take = get().take;
      const pick = mode === 'item' ? { mode: 'select' as const, x, y } : mode === 'field' ? { mode, x, y, kind: take } : { mode, x, y };
      await act((sessionId) => c.pick.mutate({ sessionId, pick }));
      // After the list is chosen, the next clicks name its fields.
      if (mode === 'item' && get().session?.items && !get().error) set({ mode: 'field' });
    },
    move(x, y) {
      if (get().mode === 'interact' || !get().session) return;
      nextHover = { x, y };
      void hoverLoop();
    },
    input(input) {
      const next = inputChain.then(() => act((sessionId) => client().designer.input.mutate({ sessionId, input })));
      inputChain = next;
      return next;
    },
    record(op) {
      // After the page input sent before it: a click that signs in is the recording's last step.
      const next = inputChain.then(() => act((sessionId) => client().designer.record.mutate({ sessionId, record: op })));
      inputChain = next;
      return next;
    },
    edit(edit) {
      return act((sessionId) => client().designer.edit.mutate({ sessionId, edit }));
    },
    detectPagination() {
      return act((sessionId) => client().designer.detectPagination.mutate({ sessionId }));
    },
    checkTiers() {
      return act((sessionId) => client().designer.checkTiers.mutate({ sessionId }));
    },
    async buildRecipe(name) {
      await act(async (sessionId) => {
        const r = await client().designer.recipe.mutate({ sessionId, name });
        set({ recipe: r.recipe });
      });
      return get().recipe;
    },
  };
});
