import { z } from 'zod';
import { SelectorSchema } from './selector.ts';

/**
 * Browser actions: steps the browser tier runs in order on a loaded page, before extraction (and the steps of a
 * login). Elements are named with `css` or `xpath`, as fields are. Secrets never appear in a recipe: a `type` step
 * names a credential (`"credential": "shop.password"`), which the runtime's credential store resolves.
 */

const css = z.string().min(1, 'a CSS selector cannot be empty').optional();
const xpath = z.string().min(1, 'an XPath expression cannot be empty').optional();
const timeoutMs = z.number().int().min(1).max(600_000).optional();

/** "<name>.<field>": a credential stored under `name`, e.g. "shop.username". */
export const CredentialRefSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,100}\.[A-Za-z0-9_-]{1,100}$/, 'a credential reference is "<name>.<field>", e.g. "shop.password"');

type Check = { css?: string | undefined; xpath?: string | undefined };
type Ctx = z.core.$RefinementCtx;

function oneTarget(s: Check, ctx: Ctx, optional = false): void {
  const n = Number(s.css !== undefined) + Number(s.xpath !== undefined);
  if (n > 1) ctx.addIssue({ code: 'custom', message: 'give "css" or "xpath", not both' });
  else if (n === 0 && !optional) ctx.addIssue({ code: 'custom', message: 'this action needs the element: give "css" or "xpath"' });
}

const ClickActionSchema = z
  .strictObject({
    action: z.literal('click'),
    css, xpath, timeoutMs,
    /** Skip the step when no element matches (a cookie banner that is not always there). */
    optional: z.boolean().optional(),
  })
  .superRefine((a, ctx) => oneTarget(a, ctx));

const TypeActionSchema = z
  .strictObject({
    action: z.literal('type'),
    css, xpath, timeoutMs,
    /** The text to type ... */
    value: z.string().optional(),
    /** ... or the credential to type, "<name>.<field>". */
    credential: CredentialRefSchema.optional(),
    /** Empty the field first (default true). */
    clear: z.boolean().optional(),
  })
  .superRefine((a, ctx) => {
    oneTarget(a, ctx);
    if ((a.value === undefined) === (a.credential === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'a "type" step needs exactly one of "value" or "credential"' });
    }
  });

const SelectActionSchema = z
  .strictObject({
    action: z.literal('select'),
    css, xpath, timeoutMs,
    /** Option value(s) to select ... */
    value: z.union([z.string(), z.array(z.string()).min(1)]).optional(),
    /** ... or the visible label of the option. */
    label: z.string().optional(),
  })
  .superRefine((a, ctx) => {
    oneTarget(a, ctx);
    if ((a.value === undefined) === (a.label === undefined)) ctx.addIssue({ code: 'custom', message: 'a "select" step needs exactly one of "value" or "label"' });
  });

const HoverActionSchema = z.strictObject({ action: z.literal('hover'), css, xpath, timeoutMs }).superRefine((a, ctx) => oneTarget(a, ctx));

const PressActionSchema = z
  .strictObject({
    action: z.literal('press'),
    /** A key name, e.g. "Enter", "Tab", "Control+A". */
    key: z.string().regex(/^[A-Za-z0-9+_-]{1,40}$/, 'a key is a name such as "Enter", "Tab" or "Control+A"'),
    /** The element to focus first (default: whatever has the focus). */
    css, xpath, timeoutMs,
  })
  .superRefine((a, ctx) => oneTarget(a, ctx, true));

const ScrollActionSchema = z
  .strictObject({
    action: z.literal('scroll'),
    /** To the top or the bottom of the page ... */
    to: z.enum(['top', 'bottom']).optional(),
    /** ... or down by this many pixels (negative: up) ... */
    by: z.number().int().optional(),
    /** ... or until the element is in view. */
    css, xpath, timeoutMs,
  })
  .superRefine((a, ctx) => {
    const n = Number(a.to !== undefined) + Number(a.by !== undefined) + Number(a.css !== undefined || a.xpath !== undefined);
    if (n !== 1) ctx.addIssue({ code: 'custom', message: 'a "scroll" step needs exactly one of "to", "by", or an element ("css" or "xpath")' });
    oneTarget(a, ctx, true);
  });

const InfiniteScrollActionSchema = z.strictObject({
  action: z.literal('infiniteScroll'),
  /** The repeating items: scrolling stops when their count stops growing. */
  items: SelectorSchema,
  /** At most this many scrolls (default 50). */
  maxScrolls: z.number().int().min(1).max(10_000).optional(),
  /** Stop once this many items are on the page. */
  maxItems: z.number().int().min(1).optional(),
  /** How long to wait for new items after a scroll before deciding there are none (default 1500 ms). */
  idleMs: z.number().int().min(50).max(60_000).optional(),
});

const WaitActionSchema = z
  .strictObject({
    action: z.literal('wait'),
    /** A fixed delay ... */
    ms: z.number().int().min(0).max(600_000).optional(),
    /** ... or a page load state ... */
    until: z.enum(['load', 'domcontentloaded', 'networkidle']).optional(),
    /** ... or an element, in this state (default "visible"). */
    css, xpath, timeoutMs,
    state: z.enum(['attached', 'visible', 'hidden', 'detached']).optional(),
  })
  .superRefine((a, ctx) => {
    const n = Number(a.ms !== undefined) + Number(a.until !== undefined) + Number(a.css !== undefined || a.xpath !== undefined);
    if (n !== 1) ctx.addIssue({ code: 'custom', message: 'a "wait" step needs exactly one of "ms", "until", or an element ("css" or "xpath")' });
    oneTarget(a, ctx, true);
    if (a.state !== undefined && a.css === undefined && a.xpath === undefined) ctx.addIssue({ code: 'custom', path: ['state'], message: '"state" is only used when waiting for an element' });
  });

const ClickNextActionSchema = z
  .strictObject({
    action: z.literal('clickNext'),
    /** The "next" control; the step ends when it is gone or disabled. */
    css, xpath, timeoutMs,
    /** The repeating items: those of every page visited are gathered into the last page's list, in order. */
    items: SelectorSchema,
    /** Pages in all, the first included (default 10). */
    maxPages: z.number().int().min(1).max(10_000).optional(),
  })
  .superRefine((a, ctx) => oneTarget(a, ctx));

const LoadMoreActionSchema = z
  .strictObject({
    action: z.literal('loadMore'),
    /** The "load more" button; the step ends when it is gone or disabled, or a click adds no items. */
    css, xpath, timeoutMs,
    items: SelectorSchema,
    /** At most this many clicks (default 50). */
    maxClicks: z.number().int().min(1).max(10_000).optional(),
    /** How long to wait for new items after a click (default 1500 ms). */
    idleMs: z.number().int().min(50).max(60_000).optional(),
  })
  .superRefine((a, ctx) => oneTarget(a, ctx));

export const BrowserActionSchema = z.discriminatedUnion('action', [
  ClickActionSchema, TypeActionSchema, SelectActionSchema, HoverActionSchema, PressActionSchema, ScrollActionSchema,
  InfiniteScrollActionSchema, WaitActionSchema, ClickNextActionSchema, LoadMoreActionSchema,
]);
export type BrowserAction = z.infer<typeof BrowserActionSchema>;
export type BrowserActionType = BrowserAction['action'];

/** Signs in once per session before the run's pages are fetched; the session (cookies, storage) is reused after. */
export const LoginSchema = z
  .strictObject({
    /** The sign-in page. */
    url: z.url({ protocol: /^https?$/, error: 'expected an absolute http(s) URL' }),
    /** The steps that sign in, e.g. type the username and password credentials, click the button. */
    actions: z.array(BrowserActionSchema).min(1, 'a login needs at least one step'),
    /** An element that only a signed-in page shows; without it, leaving the sign-in page counts as success. */
    success: SelectorSchema.optional(),
    timeoutMs,
  });
export type Login = z.infer<typeof LoginSchema>;
