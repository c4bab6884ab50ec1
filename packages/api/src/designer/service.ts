/**
 * The designer as the router sees it: live page sessions, picking, fields, pagination, preview and the tier check.
 * The API never imports @scrapifie/designer (it may not depend on an adapter): the app builds an implementation
 * on it and passes it in `ApiServices.designer`. Every value here is plain JSON.
 */

export interface DesignerViewport {
  width: number;
  height: number;
}

/** A selector as the studio shows and edits it: CSS, or "xpath:<expression>". */
export type SelectorText = string;

export interface DesignerFieldState {
  name: string;
  selector: SelectorText | null;
  kind: 'text' | 'link' | 'image' | 'attribute';
  /** Items in which the field finds something, of `items`. */
  coverage: number;
  items: number;
  /** From the last tier check (null until one ran or after the field changed). */
  tier: { tier: 'http' | 'browser' | 'empty'; label: string; reason: string } | null;
}

export interface DesignerPaginationOption {
  kind: 'next' | 'pager' | 'loadMore' | 'infiniteScroll';
  label: string;
  reason: string;
  score: number;
  selector: SelectorText | null;
}

export interface DesignerState {
  sessionId: string;
  url: string;
  viewport: DesignerViewport;
  items: { selector: SelectorText; count: number; examples: number; rejections: number } | null;
  fields: DesignerFieldState[];
  pagination: { options: DesignerPaginationOption[]; proposed: number | null; chosen: number | null } | null;
  /** The rows the draft extracts from the live page now (the runs' evaluator). */
  preview: { rows: Array<Record<string, unknown>>; ms: number; error: { code: string; message: string } | null } | null;
  tiers: { mode: 'http' | 'browser'; reason: string } | null;
  /** The recorded login (absent or null: none): its steps name credentials, never the typed secrets. */
  recording?: DesignerRecording | null | undefined;
}

export interface DesignerRecording {
  /** Recording now: the page's clicks and typing become steps. */
  active: boolean;
  /** The sign-in page (where the recording started). */
  url: string;
  /** The steps (recipe browser actions); a secret typed into a login form is a `credential` reference. */
  steps: Array<Record<string, unknown>>;
  /** The credential references the steps use, and where their values went: the server's encrypted credential store,
   *  its memory (a server without one: until it stops), or nowhere yet (the recording has not stopped). */
  credentials: Array<{ ref: string; stored: 'store' | 'memory' | false }>;
}

/** Start recording the login at the current page, stop it (the secrets go to the credential store), or discard it. */
export type DesignerRecordOp = { op: 'start'; credential?: string | undefined } | { op: 'stop' } | { op: 'discard' };

export interface DesignerHover {
  tag: string;
  label: string;
  box: { x: number; y: number; width: number; height: number };
}

export interface DesignerFrame {
  seq: number;
  /** JPEG, base64. */
  data: string;
  width: number;
  height: number;
}

export type DesignerInput =
  | { type: 'click'; x: number; y: number }
  | { type: 'type'; text: string }
  | { type: 'press'; key: string }
  | { type: 'scroll'; dx: number; dy: number; x?: number | undefined; y?: number | undefined }
  | { type: 'navigate'; url: string }
  | { type: 'back' }
  | { type: 'forward' }
  | { type: 'reload' };

export type DesignerPick =
  | { mode: 'select' | 'widen' | 'narrow'; x: number; y: number }
  | { mode: 'field'; x: number; y: number; kind?: 'auto' | 'text' | 'link' | 'image' | 'attribute' | undefined; attr?: string | undefined; name?: string | undefined }
  | { mode: 'pagination'; x: number; y: number };

export type DesignerEdit =
  | { op: 'setItemSelector'; selector: SelectorText }
  | { op: 'setFieldSelector'; name: string; selector: SelectorText }
  | { op: 'renameField'; name: string; to: string }
  | { op: 'removeField'; name: string }
  | { op: 'choosePagination'; index: number | null };

export interface DesignerService {
  open(url: string): Promise<DesignerState>;
  state(sessionId: string): Promise<DesignerState>;
  close(sessionId: string): Promise<void>;
  /** Live view frames until the signal aborts or the session ends. */
  frames(sessionId: string, signal: AbortSignal | undefined): AsyncIterable<DesignerFrame>;
  input(sessionId: string, input: DesignerInput): Promise<DesignerState>;
  hover(sessionId: string, x: number, y: number): Promise<DesignerHover | null>;
  pick(sessionId: string, pick: DesignerPick): Promise<DesignerState>;
  edit(sessionId: string, edit: DesignerEdit): Promise<DesignerState>;
  detectPagination(sessionId: string): Promise<DesignerState>;
  checkTiers(sessionId: string): Promise<DesignerState>;
  /** Records the login steps (see DesignerRecordOp). */
  record(sessionId: string, op: DesignerRecordOp): Promise<DesignerState>;
  /** The recipe the design makes (validated; the same JSON the CLI runs). */
  recipe(sessionId: string, name: string): Promise<Record<string, unknown>>;
}
