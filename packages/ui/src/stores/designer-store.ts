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
  /** The page may move under the pointer (the wheel turned, a key or a click went to the page): the highlight goes,
   *  and comes back on the element then under the pointer once the page has settled (no new frame for a while). */
  pageMoves(): void;
  /** A live view frame was drawn (while the page moves, each one says it has not settled yet). */
  frameShown(): void;
  /** Page input, sent one at a time in order (keys typed fast must reach the page in the order typed). */
  input(input: DesignerInput): Promise<void>;
  /** Records the login: start at the sign-in page, stop once signed in, or discard. */
  record(op: DesignerRecordOp): Promise<void>;
  edit(edit: DesignerEdit): Promise<void>;
  detectPagination(): Promise<void>;
  checkTiers(): Promise<void>;
  buildRecipe(name: string): Promise<Record<string, unknown> | null>;
}

/**
 * The highlight under the pointer: the element's box and label as the hover call returned them, which the studio draws
 * over the live view at once (not waiting for a frame of the page to show the page's own highlight). In a store of its
 * own: a hover (many a second) re-renders the box, never the designer's panels.
 */
export const useHover = create<{ hover: DesignerHover | null }>(() => ({ hover: null }));

/** Quiet time after the last frame of a page move before the page counts as settled (and is highlighted again). */
export const SETTLE_MS = 150;

let hoverInFlight = false;
let inputChain: Promise<void> = Promise.resolve();
let nextHover: { x: number; y: number } | null = null;
/** Bumped when the page under the highlight moves or changes: an answer to a hover sent before is dropped. */
let hoverEpoch = 0;
/** The pointer over the live view (page coordinates), highlighted again once the page has settled. */
let pointer: { x: number; y: number } | null = null;
/** While the page moves: the inputs not done yet and the timer that ends the move. */
const moving = { active: false, inputs: 0, timer: undefined as ReturnType<typeof setTimeout> | undefined };

function clearHover(): void {
  hoverEpoch++;
  nextHover = null;
  useHover.setState({ hover: null });
}

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
        if (!s || get().mode === 'interact' || moving.active) break;
        const epoch = hoverEpoch;
        const hover = await client().designer.hover.mutate({ sessionId: s.sessionId, x, y }).catch(() => null);
        if (epoch === hoverEpoch) useHover.setState({ hover });
      }
    } finally {
      hoverInFlight = false;
    }
  };
  /** (Re)starts the wait for the page to settle; once settled, the element now under the pointer is highlighted. */
  const settleLater = (): void => {
    clearTimeout(moving.timer);
    moving.timer = setTimeout(() => {
      if (moving.inputs > 0) return; // an input is still on its way: its end starts the wait again
      moving.active = false;
      if (pointer) get().move(pointer.x, pointer.y);
    }, SETTLE_MS);
  };
  return {
    session: null,
    mode: 'interact',
    take: 'auto',
    busy: false,
    error: null,
    recipe: null,
    async open(url) {
      const old = get().session;
      clearHover();
      set({ busy: true, error: null, recipe: null });
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
      clearHover();
      set({ session: null });
      if (s) await client().designer.close.mutate({ sessionId: s.sessionId }).catch(() => undefined);
    },
    setMode(mode) {
      clearHover();
      set({ mode });
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
      pointer = { x, y };
      if (get().mode === 'interact' || !get().session || moving.active) return;
      nextHover = { x, y };
      void hoverLoop();
    },
    pageMoves() {
      clearHover();
      moving.active = true;
      settleLater();
    },
    frameShown() {
      if (moving.active) settleLater();
    },
    input(input) {
      get().pageMoves();
      moving.inputs++;
      const next = inputChain.then(async () => {
        const url = get().session?.url;
        await act((sessionId) => client().designer.input.mutate({ sessionId, input }));
        // Another page now (a link, a form, back): a highlight answered meanwhile was on the page that is gone.
        if (get().session?.url !== url) clearHover();
      }).finally(() => {
        moving.inputs--;
        settleLater();
      });
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
