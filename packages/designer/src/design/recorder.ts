import { BrowserActionSchema, InvalidInputError, type BrowserAction } from '@scrapifie/recipe';
import type { ActionTarget, SelectorSpec } from '../page/types.ts';
import type { DesignerSession, InputEvent, InputObserver } from '../session/designer-session.ts';

export interface RecorderOptions {
  /** The credential the typed secrets belong to, "<name>.password" / "<name>.username" (default: the site's host). */
  credentialName?: string;
  /** Receives each typed secret once, when recording stops: hand it to the credential store. Without it the
   *  secret is dropped; the steps only ever hold the credential's name. */
  onSecret?: (credential: string, value: string) => void | Promise<void>;
}

export type WaitStep =
  | { ms: number }
  | { until: 'load' | 'domcontentloaded' | 'networkidle' }
  | { css: string; state?: 'attached' | 'visible' | 'hidden' | 'detached' }
  | { xpath: string; state?: 'attached' | 'visible' | 'hidden' | 'detached' };

type Target = { css: string } | { xpath: string };

function target(sel: SelectorSpec): Target {
  return sel.css !== undefined ? { css: sel.css } : { xpath: sel.xpath };
}

const sameTarget = (a: Target, b: Target): boolean => JSON.stringify(a) === JSON.stringify(b);

function credentialNameFor(url: string): string {
  let host = 'site';
  try {
    host = new URL(url).hostname || 'site';
  } catch {
    // keep the default
  }
  return host.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-|-$/g, '').slice(0, 100) || 'site';
}

/**
 * Records what the user does on the live page as recipe action steps: clicks, typing, key presses, drop-down
 * choices, scrolls, and waits the user adds. What is typed into a password field (and into the user-name field of
 * the same form) becomes a credential reference; the text itself goes to `onSecret` and nowhere else.
 */
export class ActionRecorder implements InputObserver {
  readonly #session: DesignerSession;
  readonly #credential: string;
  readonly #onSecret: RecorderOptions['onSecret'];
  #steps: BrowserAction[] = [];
  readonly #secrets = new Map<string, string>();
  #recording = true;

  private constructor(session: DesignerSession, opts: RecorderOptions) {
    this.#session = session;
    const name = opts.credentialName ?? credentialNameFor(session.url);
    if (!/^[A-Za-z0-9_-]{1,100}$/.test(name)) throw new InvalidInputError('INVALID_INPUT', `credential name "${name}": use letters, digits, _ and - (at most 100)`);
    this.#credential = name;
    this.#onSecret = opts.onSecret;
  }

  /** Starts recording the session's input (replacing any recorder it had). */
  static start(session: DesignerSession, opts: RecorderOptions = {}): ActionRecorder {
    const rec = new ActionRecorder(session, opts);
    session.observe(rec);
    return rec;
  }

  /** The steps so far (typed secrets as credential references). */
  steps(): BrowserAction[] {
    return this.#steps.map((s) => ({ ...s }));
  }

  /** A wait the user asks for: a delay, a load state, or an element. */
  addWait(wait: WaitStep): void {
    const step = BrowserActionSchema.safeParse({ action: 'wait', ...wait });
    if (!step.success) throw new InvalidInputError('INVALID_INPUT', `wait step: ${step.error.issues[0]?.message ?? 'invalid'}`);
    this.#steps.push(step.data);
  }

  /** Removes step `index` (the user deletes a mistaken click). */
  removeStep(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.#steps.length) throw new InvalidInputError('INVALID_INPUT', `there is no step ${index}`);
    this.#steps.splice(index, 1);
  }

  /** Stops recording; hands the typed secrets to onSecret; returns the steps, checked against the recipe schema. */
  async stop(): Promise<BrowserAction[]> {
    if (this.#recording) {
      this.#recording = false;
      this.#session.observe(undefined);
      const secrets = [...this.#secrets];
      this.#secrets.clear();
      for (const [ref, value] of secrets) await this.#onSecret?.(ref, value);
    }
    return BrowserActionSchema.array().parse(this.#steps);
  }

  async beforeInput(e: InputEvent): Promise<void> {
    if (!this.#recording) return;
    if (e.type === 'click') return this.#click(await this.#session.inPage('clickTargetAt', e.x, e.y));
    if (e.type === 'type') return this.#type(e.text);
    if (e.type === 'press') return [...e.key].length === 1 ? this.#type(e.key) : this.#push({ action: 'press', key: e.key });
    if (e.type === 'scroll') {
      const last = this.#steps.at(-1);
      if (last?.action === 'scroll' && last.by !== undefined) last.by += Math.round(e.dy);
      else if (Math.round(e.dy) !== 0) this.#push({ action: 'scroll', by: Math.round(e.dy) });
      return;
    }
    const t = await this.#session.inPage('clickTargetAt', e.x, e.y);
    if (t) this.#push({ action: 'select', ...target(t.selector), value: e.values.length === 1 ? (e.values[0] as string) : e.values });
  }

  #click(t: ActionTarget | null): void {
    // A click into a text field only focuses it (the typing step names the field); a drop-down is recorded by select().
    if (!t || t.isSelect || (t.editable && t.tag !== 'button')) return;
    this.#push({ action: 'click', ...target(t.selector) });
  }

  async #type(text: string): Promise<void> {
    const t = await this.#session.inPage('focusedTarget');
    if (!t || !t.editable) return; // typing with no field focused types nowhere
    const where = target(t.selector);
    const credential = t.isPassword ? `${this.#credential}.password` : t.isUsername ? `${this.#credential}.username` : undefined;
    const last = this.#steps.at(-1);
    const continues = last?.action === 'type' && sameTarget({ ...(last.css ? { css: last.css } : { xpath: last.xpath as string }) }, where);
    if (credential) {
      this.#secrets.set(credential, (continues && last?.action === 'type' && last.credential === credential ? (this.#secrets.get(credential) ?? '') : '') + text);
      if (!(continues && last?.action === 'type' && last.credential === credential)) this.#push({ action: 'type', ...where, credential });
      return;
    }
    if (continues && last?.action === 'type' && last.value !== undefined) last.value += text;
    else this.#push({ action: 'type', ...where, value: text });
  }

  #push(step: BrowserAction): void {
    this.#steps.push(step);
  }
}
