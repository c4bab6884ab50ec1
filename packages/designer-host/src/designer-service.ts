import { randomUUID } from 'node:crypto';
import type { DesignerEdit, DesignerFrame, DesignerHover, DesignerInput, DesignerPick, DesignerRecordOp, DesignerService, DesignerState } from '@scrapifie/api';
import { buildRecipe, checkTiers, confirmPagination, detectPagination, DesignerSession, type Screencast } from '@scrapifie/designer';
import type { Fetcher, Logger } from '@scrapifie/engine';
import type { BrowserPool } from '@scrapifie/fetch-browser';
import { InvalidInputError, ScrapifieError } from '@scrapifie/recipe';
import type { CredentialSink } from './credential-shelf.ts';
import { LoginRecording } from './login-recording.ts';
import { parseSelectorText, StudioSession } from './studio-session.ts';

export interface DesignerServiceOptions {
  /** Where live pages come from (launched lazily on the first session). */
  pool: BrowserPool;
  /** The HTTP tier, for the tier check ("works without a browser"). */
  http: Fetcher;
  logger: Logger;
  /** Where the typed secrets of recorded logins go (absent: they are dropped; the steps only name them). */
  credentials?: CredentialSink | undefined;
  /** Sessions open at once (default 4); the least recently used beyond it is closed. */
  maxSessions?: number;
  /** A session nobody touched for this long is closed (default 15 minutes). */
  idleMs?: number;
}

/** The studio's live page sessions, built on @scrapifie/designer: the designer of `scrapifie serve` and of the desktop app. */
export class LocalDesignerService implements DesignerService {
  readonly #opts: DesignerServiceOptions;
  readonly #sessions = new Map<string, StudioSession>();
  readonly #sweeper: NodeJS.Timeout;

  constructor(opts: DesignerServiceOptions) {
    this.#opts = opts;
    this.#sweeper = setInterval(() => void this.#sweep(), 60_000);
    this.#sweeper.unref();
  }

  async open(url: string): Promise<DesignerState> {
    const max = this.#opts.maxSessions ?? 4;
    const byAge = [...this.#sessions.values()].sort((a, b) => a.lastUsed - b.lastUsed);
    while (byAge.length >= max) await this.#drop(byAge.shift() as StudioSession);
    const session = await DesignerSession.open({ pool: this.#opts.pool, url });
    const s = new StudioSession(randomUUID(), session);
    this.#sessions.set(s.id, s);
    session.signal.addEventListener('abort', () => void this.#drop(s), { once: true });
    return s.state();
  }

  async state(id: string): Promise<DesignerState> {
    return this.#get(id).state();
  }

  async close(id: string): Promise<void> {
    const s = this.#sessions.get(id);
    if (s) await this.#drop(s);
  }

  async *frames(id: string, signal: AbortSignal | undefined): AsyncGenerator<DesignerFrame> {
    const s = this.#get(id);
    s.stopFrames?.(); // one viewer per session: a reloaded studio takes the view over
    const cast: Screencast = await s.session.screencast({ quality: 60 });
    const stop = (): void => void cast.stop();
    s.stopFrames = stop;
    signal?.addEventListener('abort', stop, { once: true });
    s.session.signal.addEventListener('abort', stop, { once: true });
    try {
      for await (const f of cast) {
        yield { seq: f.seq, data: f.data.toString('base64'), width: f.metadata.deviceWidth, height: f.metadata.deviceHeight };
      }
    } finally {
      stop();
      if (s.stopFrames === stop) s.stopFrames = undefined;
    }
  }

  async input(id: string, input: DesignerInput): Promise<DesignerState> {
    const s = this.#get(id);
    const page = s.session;
    switch (input.type) {
      case 'click': await page.click(input.x, input.y); break;
      case 'type': await page.type(input.text); break;
      case 'press': await page.press(input.key); break;
      case 'scroll': await page.scroll(input.dx, input.dy, input.x !== undefined && input.y !== undefined ? { x: input.x, y: input.y } : undefined); break;
      case 'navigate': await page.navigate(input.url); break;
      case 'back': await page.back(); break;
      case 'forward': await page.forward(); break;
      case 'reload': await page.reload(); break;
    }
    return s.state();
  }

  async hover(id: string, x: number, y: number): Promise<DesignerHover | null> {
    const r = await this.#get(id).session.hover(x, y);
    return r && { tag: r.tag, label: r.label, box: r.box };
  }

  async pick(id: string, pick: DesignerPick): Promise<DesignerState> {
    const s = this.#get(id);
    if (pick.mode === 'select') {
      await s.list.select(pick.x, pick.y);
      s.pagination = null;
      s.chosen = null;
    } else if (pick.mode === 'widen') await s.list.widen(pick.x, pick.y);
    else if (pick.mode === 'narrow') await s.list.narrow(pick.x, pick.y);
    else if (pick.mode === 'field') {
      await s.list.addField(pick.x, pick.y, { kind: pick.kind ?? 'auto', ...(pick.attr ? { attr: pick.attr } : {}), ...(pick.name ? { name: pick.name } : {}) });
    } else {
      if (!s.pagination) await this.#detect(s);
      const items = s.list.selection?.selector;
      const chosen = await confirmPagination(s.session, s.pagination!, pick.x, pick.y, items ? { items } : {});
      const at = s.pagination!.options.findIndex((o) => o.kind === chosen.kind && o.label === chosen.label);
      if (at >= 0) s.chosen = at;
      else {
        s.pagination!.options.push(chosen);
        s.chosen = s.pagination!.options.length - 1;
      }
    }
    await s.refreshPreview();
    return s.state();
  }

  async edit(id: string, edit: DesignerEdit): Promise<DesignerState> {
    const s = this.#get(id);
    switch (edit.op) {
      case 'setItemSelector': await s.list.setSelector(parseSelectorText(edit.selector)); break;
      case 'setFieldSelector': {
        const f = s.list.fields().find((x) => x.name === edit.name);
        if (!f) throw new InvalidInputError('INVALID_INPUT', `there is no field named "${edit.name}"`);
        const { css: _c, xpath: _x, fallbacks: _f, ...rest } = f.field;
        await s.list.setField(edit.name, { ...rest, ...parseSelectorText(edit.selector) });
        break;
      }
      case 'renameField': s.list.renameField(edit.name, edit.to); break;
      case 'removeField': await s.list.removeField(edit.name); break;
      case 'choosePagination': {
        if (edit.index !== null && !s.pagination?.options[edit.index]) throw new InvalidInputError('INVALID_INPUT', `there is no pagination option ${edit.index}`);
        s.chosen = edit.index;
        break;
      }
    }
    await s.refreshPreview();
    return s.state();
  }

  async detectPagination(id: string): Promise<DesignerState> {
    const s = this.#get(id);
    await this.#detect(s);
    return s.state();
  }

  async checkTiers(id: string): Promise<DesignerState> {
    const s = this.#get(id);
    const draft = s.draft();
    if (!draft) throw new InvalidInputError('INVALID_INPUT', 'select the list and add a field before checking tiers');
    s.tiers = await checkTiers(s.session, draft, this.#opts.http);
    return s.state();
  }

  async record(id: string, op: DesignerRecordOp): Promise<DesignerState> {
    const s = this.#get(id);
    if (op.op === 'start') {
      if (s.login?.active) throw new InvalidInputError('INVALID_INPUT', 'the login is being recorded already: stop or discard it first');
      s.login = LoginRecording.start(s.session, this.#opts.credentials, op.credential);
    } else if (op.op === 'stop') {
      if (!s.login?.active) throw new InvalidInputError('INVALID_INPUT', 'nothing is being recorded: start recording at the sign-in page first');
      await s.login.stop();
    } else {
      s.session.observe(undefined);
      s.login = null;
    }
    return s.state();
  }

  async recipe(id: string, name: string): Promise<Record<string, unknown>> {
    const s = this.#get(id);
    if (s.login?.active) throw new InvalidInputError('INVALID_INPUT', 'the login is still being recorded: stop the recording first');
    const page = s.list.pageSpec();
    const option = s.chosenOption();
    const login = s.login?.login();
    const recipe = buildRecipe({ name, url: s.session.url, page, pagination: option?.recipe, fetchMode: s.tiers?.mode ?? 'auto', ...(login ? { login } : {}), waitFor: s.list.selection?.selector.css });
    return recipe as unknown as Record<string, unknown>;
  }

  async closeAll(): Promise<void> {
    clearInterval(this.#sweeper);
    await Promise.all([...this.#sessions.values()].map((s) => this.#drop(s)));
  }

  async #detect(s: StudioSession): Promise<void> {
    const items = s.list.selection?.selector;
    s.pagination = await detectPagination(s.session, { ...(items ? { items } : {}), probeScroll: 'never' });
    s.chosen = null;
  }

  #get(id: string): StudioSession {
    const s = this.#sessions.get(id);
    if (!s || s.session.closed) throw new ScrapifieError('NOT_FOUND', `No designer session "${id}" (it was closed or timed out): open the page again`);
    s.lastUsed = Date.now();
    return s;
  }

  async #drop(s: StudioSession): Promise<void> {
    if (!this.#sessions.delete(s.id)) return;
    await s.close().catch((e: unknown) => this.#opts.logger.warn('designer session close failed', { error: e instanceof Error ? e.message : String(e) }));
  }

  async #sweep(): Promise<void> {
    const limit = Date.now() - (this.#opts.idleMs ?? 15 * 60_000);
    for (const s of [...this.#sessions.values()]) if (s.lastUsed < limit && !s.stopFrames) await this.#drop(s);
  }
}
