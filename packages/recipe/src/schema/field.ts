import { z } from 'zod';
import { SelectorSchema } from './selector.ts';
import { TransformSchema } from './transform.ts';

export const TakeSchema = z.enum(['text', 'ownText', 'attr', 'html', 'innerHtml']);
export type Take = z.infer<typeof TakeSchema>;

const FieldBase = {
  css: z.string().min(1).optional(),
  xpath: z.string().min(1).optional(),
  /** Tried in order when the primary selector matches nothing (the designer keeps its runners-up here). */
  fallbacks: z.array(SelectorSchema).optional(),
  take: TakeSchema.default('text'),
  /** Attribute name, required when take is "attr". */
  attr: z.string().min(1).optional(),
  /** All matches as an array instead of the first match. */
  many: z.boolean().default(false),
  transforms: z.array(TransformSchema).default([]),
  /** A row whose required field is empty is dropped and reported. */
  required: z.boolean().default(false),
};

export interface Field {
  css?: string | undefined;
  xpath?: string | undefined;
  fallbacks?: Array<{ css?: string | undefined; xpath?: string | undefined }> | undefined;
  take: Take;
  attr?: string | undefined;
  many: boolean;
  transforms: z.infer<typeof TransformSchema>[];
  required: boolean;
  /** A nested list: each match becomes an object with these fields (relative to the match). */
  fields?: Record<string, Field> | undefined;
}

/** A field with no selector takes its value from the context element itself (the item, or the page root). */
export const FieldSchema: z.ZodType<Field, unknown> = z
  .strictObject({
    ...FieldBase,
    get fields() {
      return z.record(z.string().regex(/^[A-Za-z_][\w-]*$/, 'field names are letters, digits, _ and -'), FieldSchema).optional();
    },
  })
  .superRefine((f, ctx) => {
    const n = Number(f.css !== undefined) + Number(f.xpath !== undefined);
    if (n > 1) ctx.addIssue({ code: 'custom', message: 'give "css" or "xpath", not both' });
    if (f.take === 'attr' && !f.attr) ctx.addIssue({ code: 'custom', path: ['attr'], message: 'take "attr" needs the attribute name in "attr"' });
    if (f.take !== 'attr' && f.attr) ctx.addIssue({ code: 'custom', path: ['attr'], message: '"attr" is only used with take "attr"' });
  }) as unknown as z.ZodType<Field, unknown>;

export const FieldsSchema = z.record(z.string().regex(/^[A-Za-z_][\w-]*$/, 'field names are letters, digits, _ and -'), FieldSchema);
