import { StringDecoder } from 'node:string_decoder';
import { z } from 'zod';
import { DEFAULT_LIMITS } from '../limits.ts';
import { exportColumns } from '../results/columns.ts';
import { EXPORT_FORMATS, exportStream } from '../results/export.ts';
import { FILTER_OPS, pageResults } from '../results/query.ts';
import { ResultItemSchema, RunIdSchema, limitSchema } from '../schemas/common.ts';
import { getRunOrThrow } from '../services/run-views.ts';
import { router, viewerProcedure } from '../trpc.ts';

export const ResultsPageInputSchema = z.strictObject({
  runId: RunIdSchema,
  cursor: z.string().max(500).optional().describe('nextCursor of the previous page'),
  limit: limitSchema(DEFAULT_LIMITS.maxPageSize, 100),
  filter: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .describe(`"field:op:value" conditions, all must hold; ops: ${FILTER_OPS.join(', ')}; "$url", "$fetchedAt", "$seq" name row properties`),
  sort: z.string().max(200).regex(/^-?[^-]/, 'a field name, or "-field" for descending').optional().describe('"field" ascending or "-field" descending'),
});

export const ResultsPageSchema = z.object({ items: z.array(ResultItemSchema), nextCursor: z.string().nullable() });

export const resultsRouter = router({
  page: viewerProcedure
    .meta({ openapi: { method: 'GET', path: '/runs/{runId}/results', tags: ['results'], summary: "A page of a run's rows", description: 'Cursor paging in insertion order; with `filter` and `sort` (evaluated over the stored rows).' } })
    .input(ResultsPageInputSchema)
    .output(ResultsPageSchema)
    .query(async ({ ctx, input }) => {
      await getRunOrThrow(ctx, input.runId);
      return pageResults(ctx.services.store, input.runId, input, ctx.limits.maxScanRows);
    }),

  /**
   * Every row of a run, streamed as text chunks (XLSX: base64 chunks). Over HTTP, GET /api/v1/runs/{runId}/export?format=
   * serves the same stream as a file download.
   */
  export: viewerProcedure
    .input(z.strictObject({ runId: RunIdSchema, format: z.enum(EXPORT_FORMATS).default('ndjson') }))
    .query(async function* ({ ctx, input, signal }) {
      const run = await getRunOrThrow(ctx, input.runId);
      const stream = exportStream(ctx.services.store, run.id, input.format, exportColumns(run.recipe));
      signal?.addEventListener('abort', () => stream.destroy(), { once: true });
      const binary = input.format === 'xlsx';
      const text = new StringDecoder('utf8');
      for await (const chunk of stream) {
        const buf = chunk as Buffer;
        yield binary ? { encoding: 'base64' as const, chunk: buf.toString('base64') } : { encoding: 'utf8' as const, chunk: text.write(buf) };
      }
      const rest = binary ? '' : text.end();
      if (rest) yield { encoding: 'utf8' as const, chunk: rest };
    }),
});
