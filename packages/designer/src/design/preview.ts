import type { DroppedRow, PlannedRequest, Row } from '@scrapifie/extract';
import { evaluateInPage } from '@scrapifie/fetch-browser';
import { PageSpecSchema, toScrapifieError, type PageSpec } from '@scrapifie/recipe';
import type { DesignerSession } from '../session/designer-session.ts';

export interface PreviewResult {
  /** The update this result is for (1, 2, ...): results of superseded updates are never delivered. */
  version: number;
  rows: Row[];
  dropped: DroppedRow[];
  requests: PlannedRequest[];
  /** Time from the update to the rows, in ms. */
  ms: number;
  /** A recipe the evaluator refused, or the page failing meanwhile: no rows, and why. */
  error?: { code: string; message: string } | undefined;
}

export interface LivePreviewOptions {
  /** Quiet time after a change before evaluating (default 150 ms): a burst of edits costs one evaluation. */
  debounceMs?: number;
  onResult?: (result: PreviewResult) => void;
}

/**
 * The rows the draft recipe extracts from the live page now, with the evaluator the runs use (the extract bundle,
 * injected in the page). Changes are debounced; an evaluation in flight is never interrupted, and when it ends the
 * newest draft is evaluated next, so rows arrive within debounce + one evaluation of the last change.
 */
export class LivePreview {
  readonly #session: DesignerSession;
  readonly #debounceMs: number;
  readonly #onResult: ((r: PreviewResult) => void) | undefined;
  #version = 0;
  #pending: { version: number; spec: unknown; at: number } | undefined;
  #timer: NodeJS.Timeout | undefined;
  #running = false;
  #latest: PreviewResult | undefined;
  #waiters: Array<(r: PreviewResult) => void> = [];
  #closed = false;

  constructor(session: DesignerSession, opts: LivePreviewOptions = {}) {
    this.#session = session;
    this.#debounceMs = opts.debounceMs ?? 150;
    this.#onResult = opts.onResult;
  }

  get latest(): PreviewResult | undefined {
    return this.#latest;
  }

  /** A new draft (a PageSpec as JSON): its rows follow after the debounce. */
  update(spec: unknown): number {
    const version = ++this.#version;
    this.#pending = { version, spec, at: performance.now() };
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#run();
    }, this.#debounceMs);
    return version;
  }

  /** The result of the newest update (waits for it). */
  settled(): Promise<PreviewResult> {
    if (this.#latest && this.#latest.version === this.#version) return Promise.resolve(this.#latest);
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  close(): void {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
  }

  async #run(): Promise<void> {
    if (this.#running || this.#closed || !this.#pending) return;
    this.#running = true;
    const job = this.#pending;
    this.#pending = undefined;
    let result: PreviewResult;
    try {
      const parsed = PageSpecSchema.safeParse(job.spec);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw Object.assign(new Error(`${issue?.path.join('.') || 'page'}: ${issue?.message ?? 'invalid'}`), { code: 'INVALID_RECIPE' });
      }
      const spec: PageSpec = parsed.data;
      const outcome = await evaluateInPage(this.#session.page, spec, 'page', { url: this.#session.url, depth: 0 });
      result = { version: job.version, ...outcome, ms: performance.now() - job.at };
    } catch (e) {
      const err = toScrapifieError(e);
      const code = (e as { code?: string }).code ?? err.code;
      result = { version: job.version, rows: [], dropped: [], requests: [], ms: performance.now() - job.at, error: { code, message: err.message } };
    }
    this.#running = false;
    if (this.#closed) return;
    if (this.#pending && this.#timer === undefined) void this.#run(); // a change arrived meanwhile: evaluate it now
    if (result.version !== this.#version) return; // superseded
    this.#latest = result;
    this.#onResult?.(result);
    for (const w of this.#waiters.splice(0)) w(result);
  }
}
