import type { Page } from 'playwright-core';
import type { CredentialResolver } from './credentials.ts';
import type { Humanizer } from './humanizer.ts';

export interface ActionContext {
  page: Page;
  /** Resolves `credential` references of type steps; without it such a step fails with INVALID_INPUT. */
  credentials?: CredentialResolver | undefined;
  /** Human-like input; without it steps act directly. */
  human?: Humanizer | undefined;
  /** Milliseconds left of the fetch. */
  remaining(): number;
  /** Aborts with the fetch. */
  signal?: AbortSignal | undefined;
  /** The run the page is fetched for (credentials resolve in its workspace). */
  runId?: string | undefined;
}

/** One running step: what the step functions need. */
export interface StepContext extends ActionContext {
  where: string;
  step: string;
  /** The step's bound: its own timeoutMs or the default, within what is left of the fetch. */
  timeoutMs: number;
}
