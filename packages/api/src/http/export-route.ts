import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { InvalidInputError } from '@scrapifie/recipe';
import type { ApiContext } from '../context.ts';
import { ApiError, toApiError } from '../errors.ts';
import { exportColumns } from '../results/columns.ts';
import { EXPORT_CONTENT_TYPES, EXPORT_FORMATS, exportStream, type ExportFormat } from '../results/export.ts';
import { assertRole } from '../trpc.ts';
import { getRunOrThrow } from '../services/run-views.ts';
import { sendError } from './envelope.ts';

export const EXPORT_PATH = /^\/runs\/([^/]+)\/export\/?$/;

/**
 * GET /api/v1/runs/{runId}/export?format=csv|json|ndjson|xlsx: every row of a run as a file, streamed from the store.
 * Errors before the first byte come in the envelope; a failure mid-stream cuts the connection (the file is incomplete).
 */
export async function serveExport(req: IncomingMessage, res: ServerResponse, runIdRaw: string, url: URL, ctx: ApiContext): Promise<void> {
  try {
    assertRole(ctx.principal, 'viewer');
    if (req.method !== 'GET') {
      res.setHeader('allow', 'GET');
      throw new ApiError('METHOD_NOT_ALLOWED', 'Use GET for exports');
    }
    const format = (url.searchParams.get('format') ?? 'ndjson') as ExportFormat;
    if (!EXPORT_FORMATS.includes(format)) {
      throw new InvalidInputError('INVALID_INPUT', `format: expected one of ${EXPORT_FORMATS.join(', ')}, got "${format}"`, [{ path: 'format', message: `one of ${EXPORT_FORMATS.join(', ')}` }]);
    }
    const unknown = [...url.searchParams.keys()].filter((k) => k !== 'format');
    if (unknown.length) throw new InvalidInputError('INVALID_INPUT', `unknown query parameter "${unknown[0]}"`, [{ path: unknown[0]!, message: 'unknown parameter' }]);
    const runId = decodeURIComponent(runIdRaw);
    const run = await getRunOrThrow(ctx, runId);
    const stream = exportStream(ctx.services.store, run.id, format, exportColumns(run.recipe));
    res.writeHead(200, {
      'content-type': EXPORT_CONTENT_TYPES[format],
      'content-disposition': `attachment; filename="${run.recipe.name.replace(/[^\w.-]+/g, '_')}-${run.id.slice(0, 8)}.${format}"`,
    });
    await pipeline(stream, res);
  } catch (e) {
    const err = toApiError(e);
    if (!res.headersSent) sendError(res, err, ctx.requestId);
    else {
      ctx.logger.warn('export failed mid-stream', { error: err.message });
      res.destroy();
    }
  }
}
