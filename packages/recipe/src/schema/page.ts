import { z } from 'zod';
import { BrowserActionSchema, type BrowserAction } from './actions.ts';
import { FieldSchema, FieldsSchema, type Field } from './field.ts';
import { SelectorSchema, type Selector } from './selector.ts';

export const PaginationSchema = z
  .strictObject({
    /** The "next page" link (its href is followed); clicked instead on the browser tier when it is a button. */
    next: SelectorSchema.optional(),
    /** A numbered pager: every link it matches is a page of the same listing (pages already seen are skipped).
     *  The frontier then grows many pages at a time instead of one, so the listing is fetched in parallel. */
    pager: SelectorSchema.optional(),
    /** A URL template with {page}, e.g. "https://example.com/list?page={page}". */
    urlTemplate: z.string().includes('{page}', { message: 'a URL template needs a {page} placeholder' }).optional(),
    startPage: z.number().int().min(0).default(1),
    maxPages: z.number().int().min(1).optional(),
  })
  .superRefine((p, ctx) => {
    if (!p.next && !p.urlTemplate && !p.pager) ctx.addIssue({ code: 'custom', message: 'pagination needs "next", "pager" or "urlTemplate"' });
    if (p.urlTemplate && p.maxPages === undefined)
      ctx.addIssue({ code: 'custom', path: ['maxPages'], message: 'a URL template needs "maxPages" (how many pages to generate)' });
  });
export type Pagination = z.infer<typeof PaginationSchema>;

export const FollowModeSchema = z.enum(['merge', 'rows']);

export interface Follow {
  /** Name of an item field holding the link (per item: one detail page per row). */
  field?: string | undefined;
  /** Or a selector for links on the page (page level: every match is followed). */
  css?: string | undefined;
  xpath?: string | undefined;
  /** "merge": the detail page's fields are merged into the parent row, emitted once the detail page is done.
   *  "rows": the detail page's rows are emitted as rows of their own. */
  mode: 'merge' | 'rows';
  page: PageSpec;
}

export interface PageSpec {
  /** The repeating item: one row per match, with item.fields relative to the match. */
  items?: Field | undefined;
  /** Page-level fields: merged into every item row, or one row per page when there are no items. */
  fields?: Record<string, Field> | undefined;
  pagination?: Pagination | undefined;
  follow?: Follow[] | undefined;
  /** Browser steps run in order on the loaded page before extraction (browser and stealth tiers only). */
  actions?: BrowserAction[] | undefined;
}

export const FollowSchema: z.ZodType<Follow, unknown> = z
  .strictObject({
    field: z.string().min(1).optional(),
    css: z.string().min(1).optional(),
    xpath: z.string().min(1).optional(),
    mode: FollowModeSchema.default('merge'),
    get page() {
      return PageSpecSchema;
    },
  })
  .superRefine((f, ctx) => {
    const n = Number(f.field !== undefined) + Number(f.css !== undefined) + Number(f.xpath !== undefined);
    if (n !== 1) ctx.addIssue({ code: 'custom', message: 'follow needs exactly one of "field", "css" or "xpath"' });
    if (f.mode === 'merge' && f.field === undefined)
      ctx.addIssue({ code: 'custom', path: ['mode'], message: '"merge" needs "field" (a per-item link); use mode "rows" for page-level links' });
  }) as unknown as z.ZodType<Follow, unknown>;

export const PageSpecSchema: z.ZodType<PageSpec, unknown> = z
  .strictObject({
    items: FieldSchema.optional(),
    fields: FieldsSchema.optional(),
    pagination: PaginationSchema.optional(),
    actions: z.array(BrowserActionSchema).optional(),
    get follow() {
      return z.array(FollowSchema).optional();
    },
  })
  .superRefine((p, ctx) => {
    if (p.items && !p.items.fields) ctx.addIssue({ code: 'custom', path: ['items', 'fields'], message: 'items need "fields" (what to take from each item)' });
    if (!p.items && !p.fields && !p.follow?.length)
      ctx.addIssue({ code: 'custom', message: 'a page needs "items", "fields" or "follow"' });
    for (const [i, f] of (p.follow ?? []).entries()) {
      if (f.field !== undefined && !p.items?.fields?.[f.field])
        ctx.addIssue({ code: 'custom', path: ['follow', i, 'field'], message: `no item field named "${f.field}" to follow` });
    }
  }) as unknown as z.ZodType<PageSpec, unknown>;

export type { Field, Selector };
