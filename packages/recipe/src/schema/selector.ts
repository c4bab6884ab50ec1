import { z } from 'zod';

/** A CSS selector or an XPath 1.0 expression, evaluated relative to the current context (page or item). */
export const SelectorSchema = z
  .strictObject({
    css: z.string().min(1, 'a CSS selector cannot be empty').optional(),
    xpath: z.string().min(1, 'an XPath expression cannot be empty').optional(),
  })
  .superRefine((s, ctx) => {
    const n = Number(s.css !== undefined) + Number(s.xpath !== undefined);
    if (n !== 1) ctx.addIssue({ code: 'custom', message: 'give exactly one of "css" or "xpath"' });
  })
  .meta({ description: 'Exactly one of css or xpath.' });

export type Selector = z.infer<typeof SelectorSchema>;
