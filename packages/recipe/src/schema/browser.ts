import { z } from 'zod';
import { LoginSchema } from './actions.ts';

export const BLOCKABLE_RESOURCE_KINDS = ['image', 'font', 'media', 'stylesheet', 'tracker'] as const;

/**
 * What the browser and stealth tiers do beyond loading a page (fetch.browser). Every field is optional; the
 * fetcher's defaults apply (load event, no blocking, no screenshot, captures on failure when a blob sink is set).
 */
export const BrowserOptionsSchema = z.strictObject({
  /** The navigation is done at this event (default "load"; "domcontentloaded" when waitForSelector says what to wait for). */
  waitUntil: z.enum(['load', 'domcontentloaded', 'networkidle']).optional(),
  /** Then wait until an element matching this CSS selector is in the document. */
  waitForSelector: z.string().min(1, 'a CSS selector cannot be empty').optional(),
  waitForSelectorTimeoutMs: z.number().int().min(0).max(600_000).optional(),
  /** Then wait this long (ms), e.g. for late scripts. */
  waitMs: z.number().int().min(0).max(600_000).optional(),
  /** Requests the page does not make. */
  blockResources: z.array(z.enum(BLOCKABLE_RESOURCE_KINDS)).optional(),
  /** A PNG of every page (viewport, full page or an element), kept as a blob of the run. */
  screenshot: z.union([z.enum(['viewport', 'fullPage']), z.strictObject({ selector: z.string().min(1) })]).optional(),
  /** Keep every page's rendered HTML as a blob of the run. */
  html: z.boolean().optional(),
  /** Keep a screenshot and the rendered HTML of a page that failed (default true). */
  captureOnFailure: z.boolean().optional(),
  /** Human-like pointer paths, scrolling and typing (slower; the stealth tier). */
  humanize: z.boolean().optional(),
  /** Sign in once per session; every page of the run then uses the signed-in session. */
  login: LoginSchema.optional(),
});
export type BrowserOptions = z.infer<typeof BrowserOptionsSchema>;
