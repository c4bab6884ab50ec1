import type { DesignerRecording } from '@scrapifie/api';
import { ActionRecorder, type DesignerSession } from '@scrapifie/designer';
import { InvalidInputError, type BrowserAction, type Login } from '@scrapifie/recipe';
import type { CredentialSink } from './credential-shelf.ts';

/**
 * The login a user records in the designer: from "record" at the sign-in page to "stop" once signed in. The steps name
 * credentials ("<name>.password"); the typed secrets go to the sink when the recording stops, never into the steps
 * (without a sink they are dropped, and the state says they were not stored).
 */
export class LoginRecording {
  readonly url: string;
  readonly #recorder: ActionRecorder;
  /** The typed secrets by credential name and field, until the recording stops. */
  readonly #typed: Map<string, Record<string, string>>;
  readonly #sink: CredentialSink | undefined;
  /** Where each credential's values went. */
  readonly #stored = new Map<string, 'store' | 'memory'>();
  #steps: BrowserAction[] | null = null;

  private constructor(url: string, recorder: ActionRecorder, typed: Map<string, Record<string, string>>, sink: CredentialSink | undefined) {
    this.url = url;
    this.#recorder = recorder;
    this.#typed = typed;
    this.#sink = sink;
  }

  static start(session: DesignerSession, sink: CredentialSink | undefined, credential: string | undefined): LoginRecording {
    const typed = new Map<string, Record<string, string>>();
    const recorder = ActionRecorder.start(session, {
      ...(credential ? { credentialName: credential } : {}),
      onSecret: (ref, value) => {
        const dot = ref.lastIndexOf('.');
        const name = ref.slice(0, dot);
        typed.set(name, { ...typed.get(name), [ref.slice(dot + 1)]: value });
      },
    });
    return new LoginRecording(session.url, recorder, typed, sink);
  }

  get active(): boolean {
    return this.#steps === null;
  }

  /** Stops recording; the typed secrets go to the sink (one credential per name) and are forgotten here. */
  async stop(): Promise<void> {
    if (this.#steps !== null) return;
    const steps = await this.#recorder.stop();
    if (steps.length === 0) throw new InvalidInputError('INVALID_INPUT', 'the recording has no steps: click and type on the sign-in page while recording');
    this.#steps = steps;
    try {
      for (const [name, fields] of this.#typed) if (this.#sink) this.#stored.set(name, await this.#sink.saveLogin(name, fields));
    } finally {
      this.#typed.clear();
    }
  }

  steps(): BrowserAction[] {
    return this.#steps ?? this.#recorder.steps();
  }

  /** The recipe's `fetch.browser.login`, once the recording has stopped. */
  login(): Login | undefined {
    if (!this.#steps) return undefined;
    return { url: this.url, actions: this.#steps };
  }

  state(): DesignerRecording {
    const refs = [...new Set(this.steps().flatMap((s) => (s.action === 'type' && s.credential ? [s.credential] : [])))];
    return {
      active: this.active,
      url: this.url,
      steps: this.steps() as unknown as Array<Record<string, unknown>>,
      credentials: refs.map((ref) => ({ ref, stored: this.#stored.get(ref.slice(0, ref.lastIndexOf('.'))) ?? false })),
    };
  }
}
