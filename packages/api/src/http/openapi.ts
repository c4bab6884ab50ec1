import type { AnyRouter } from '@trpc/server';
import { generateOpenApiDocument, type OpenAPIObject } from 'trpc-to-openapi';
import { API_ERROR_CODES } from '../errors.ts';
import { EXPORT_CONTENT_TYPES, EXPORT_FORMATS } from '../results/export.ts';
import { restRoutes } from './rest-routes.ts';

type Json = Record<string, unknown>;

const ERROR_ENVELOPE = '#/components/schemas/ErrorEnvelope';

const COMPONENTS: Json = {
  Meta: {
    type: 'object',
    properties: { requestId: { type: 'string' }, apiVersion: { type: 'string', const: 'v1' } },
    required: ['requestId', 'apiVersion'],
  },
  Issue: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } }, required: ['path', 'message'] },
  ErrorEnvelope: {
    type: 'object',
    description: 'Every failed call. `error.code` is stable; `error.issues` names the input fields at fault.',
    properties: {
      success: { type: 'boolean', const: false },
      data: { type: 'null' },
      error: {
        type: 'object',
        properties: {
          code: { type: 'string', enum: [...API_ERROR_CODES] },
          message: { type: 'string' },
          retryable: { type: 'boolean' },
          issues: { type: 'array', items: { $ref: '#/components/schemas/Issue' } },
        },
        required: ['code', 'message', 'retryable'],
      },
      meta: { $ref: '#/components/schemas/Meta' },
    },
    required: ['success', 'data', 'error', 'meta'],
  },
};

const errorResponse = (description: string): Json => ({ description, content: { 'application/json': { schema: { $ref: ERROR_ENVELOPE } } } });

/** The streamed export, served outside the procedure mapping (a file, not an envelope). */
const EXPORT_PATHS = {
  '/runs/{runId}/export': {
    get: {
      operationId: 'results-export',
      tags: ['results'],
      summary: "Every row of a run as a file (streamed)",
      parameters: [
        { in: 'path', name: 'runId', required: true, schema: { type: 'string' } },
        { in: 'query', name: 'format', required: false, schema: { type: 'string', enum: [...EXPORT_FORMATS], default: 'ndjson' } },
      ],
      responses: {
        '200': { description: 'The file', content: Object.fromEntries(EXPORT_FORMATS.map((f) => [EXPORT_CONTENT_TYPES[f].split(';')[0], { schema: f === 'xlsx' ? { type: 'string', format: 'binary' } : { type: 'string' } }])) },
        '400': errorResponse('Invalid input'),
        '404': errorResponse('No such run'),
        default: errorResponse('Error'),
      },
    },
  },
};

/**
 * The OpenAPI 3.1 document of /api/v1: trpc-to-openapi documents the procedures from their zod schemas, then
 * every answer is described as the envelope the REST handler sends (data inside { success, data, error, meta }).
 */
export function buildOpenApiDocument(router: AnyRouter, opts: { title: string; version: string; baseUrl: string }): OpenAPIObject {
  const doc = generateOpenApiDocument(router, {
    title: opts.title,
    version: opts.version,
    baseUrl: opts.baseUrl,
    description: 'Scrapifie Studio API v1. Every answer is { success, data, error, meta }; errors carry a stable `error.code`.',
    securitySchemes: {},
    paths: EXPORT_PATHS as unknown as Parameters<typeof generateOpenApiDocument>[1]['paths'],
  });
  const statusByOperation = new Map(restRoutes(router).map((r) => [r.procedure.replace(/\./g, '-'), String(r.successStatus)]));
  for (const item of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(item as Record<string, Json>)) {
      const operationId = op.operationId as string;
      if (operationId === 'results-export') continue;
      const responses = op.responses as Record<string, Json>;
      const ok = responses['200'] as Json;
      const schema = ((ok.content as Json)['application/json'] as Json).schema;
      const hasPathParams = ((op.parameters as Json[] | undefined) ?? []).some((p) => p.in === 'path');
      op.responses = {
        [statusByOperation.get(operationId) ?? '200']: {
          description: ok.description,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: { success: { type: 'boolean', const: true }, data: schema, error: { type: 'null' }, meta: { $ref: '#/components/schemas/Meta' } },
                required: ['success', 'data', 'error', 'meta'],
              },
            },
          },
        },
        '400': errorResponse('Invalid input: error.issues names the fields'),
        ...(hasPathParams ? { '404': errorResponse('Not found') } : {}),
        default: errorResponse('Error (see error.code)'),
      };
      delete op.security;
    }
  }
  const schemas = Object.fromEntries(Object.entries((doc.components?.schemas ?? {}) as Json).filter(([k]) => !k.startsWith('error.')));
  doc.components = { ...doc.components, schemas: { ...schemas, ...COMPONENTS } as never, securitySchemes: {} };
  return doc;
}
