import { z } from 'zod';

const pattern = z.string().min(1, 'a regular expression cannot be empty');
const flags = z.string().regex(/^[imsu]*$/, 'regex flags may only be i, m, s, u').optional();

/** Value transforms, applied in order to each extracted value. */
export const TransformSchema = z.union([
  z.enum(['trim', 'normalizeWhitespace', 'lowercase', 'uppercase', 'number', 'integer', 'price', 'date', 'absoluteUrl', 'stripHtml']),
  z.strictObject({ regex: z.strictObject({ pattern, group: z.number().int().min(0).default(1), flags }) }),
  z.strictObject({ replace: z.strictObject({ pattern, with: z.string(), flags }) }),
  z.strictObject({ number: z.strictObject({ decimal: z.enum(['.', ',']).default('.') }) }),
  z.strictObject({ date: z.strictObject({ order: z.enum(['ymd', 'dmy', 'mdy']).default('ymd') }) }),
  z.strictObject({ split: z.string() }),
  z.strictObject({ join: z.string() }),
  z.strictObject({ default: z.union([z.string(), z.number(), z.boolean(), z.null()]) }),
]);

export type Transform = z.infer<typeof TransformSchema>;
export type TransformInput = z.input<typeof TransformSchema>;
