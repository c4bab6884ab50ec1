import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter, buildOpenApiDocument } from '../src/index.ts';
import { startStack, type Stack } from './helpers.ts';

interface ProcedureDef {
  _def: { type: string; inputs: unknown[]; meta?: { openapi?: { method: string; path: string } } };
}
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, ProcedureDef>);

/** Every REST route the seeds and issue 5 name, plus the streamed export. */
const EXPECTED: Record<string, string[]> = {
  '/scrape': ['post'],
  '/scrape/sync': ['post'],
  '/scrape/{taskId}': ['get'],
  '/scrape/batch': ['post'],
  '/scrape/jobs/{jobId}': ['get'],
  '/scrape/jobs/{jobId}/results': ['get'],
  '/scrape/jobs/{jobId}/cancel': ['post'],
  '/usage': ['get'],
  '/recipes/validate': ['post'],
  '/recipes/schema': ['get'],
  '/runs': ['post', 'get'],
  '/runs/{runId}': ['get'],
  '/runs/{runId}/cancel': ['post'],
  '/runs/{runId}/logs': ['get'],
  '/runs/{runId}/results': ['get'],
  '/runs/{runId}/export': ['get'],
  // The recipes library, credentials, proxies, schedules.
  '/recipes': ['get', 'post'],
  '/recipes/import': ['post'],
  '/recipes/{recipeId}': ['get', 'put', 'delete'],
  '/recipes/{recipeId}/versions': ['get'],
  '/recipes/{recipeId}/versions/{version}': ['get'],
  '/recipes/{recipeId}/archive': ['post'],
  '/recipes/{recipeId}/unarchive': ['post'],
  '/recipes/{recipeId}/export': ['get'],
  '/credentials': ['get', 'post'],
  '/credentials/{credentialId}': ['patch', 'delete'],
  '/proxies': ['get', 'post'],
  '/proxies/{proxyId}': ['patch', 'delete'],
  '/schedules': ['get', 'post'],
  '/schedules/{scheduleId}': ['get', 'patch', 'delete'],
  '/schedules/{scheduleId}/enable': ['post'],
  '/schedules/{scheduleId}/disable': ['post'],
  // Webhooks.
  '/webhooks': ['get', 'post'],
  '/webhooks/{webhookId}': ['get', 'patch', 'delete'],
  '/webhooks/{webhookId}/rotate': ['post'],
  '/webhooks/{webhookId}/enable': ['post'],
  '/webhooks/{webhookId}/disable': ['post'],
  '/webhooks/{webhookId}/deliveries': ['get'],
  '/webhooks/{webhookId}/test': ['post'],
  // Sign-in, workspaces, members, API keys.
  '/auth/register': ['post'],
  '/auth/login': ['post'],
  '/auth/refresh': ['post'],
  '/auth/logout': ['post'],
  '/auth/me': ['get'],
  '/workspaces': ['get', 'post'],
  '/workspaces/{workspaceId}': ['patch', 'delete'],
  '/workspaces/{workspaceId}/members': ['get', 'post'],
  '/workspaces/{workspaceId}/members/{userId}': ['patch', 'delete'],
  '/workspaces/{workspaceId}/api-keys': ['get', 'post'],
  '/workspaces/{workspaceId}/api-keys/{keyId}': ['delete'],
};

describe('the router', () => {
  it('every procedure has an input schema (no procedure takes unvalidated input)', () => {
    expect(procedures.length).toBeGreaterThanOrEqual(16);
    const without = procedures.filter(([, p]) => p._def.inputs.length === 0).map(([path]) => path);
    expect(without).toEqual([]);
  });

  it('every query and mutation is on REST, except the streamed export (served as a file) and the live designer (studio-only)', () => {
    const notRest = procedures.filter(([, p]) => p._def.type !== 'subscription' && !p._def.meta?.openapi).map(([path]) => path);
    expect(notRest.filter((path) => !path.startsWith('designer.'))).toEqual(['results.export']);
    expect(notRest.filter((path) => path.startsWith('designer.')).length).toBeGreaterThan(0);
  });
});

describe('the OpenAPI document', () => {
  const doc = buildOpenApiDocument(appRouter, { title: 'Scrapifie Studio', version: '1.0.0', baseUrl: '/api/v1' });

  it('is a valid OpenAPI 3.1 document', async () => {
    expect(doc.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
  });

  it('has every path with its methods', () => {
    const paths = Object.fromEntries(Object.entries(doc.paths ?? {}).map(([p, item]) => [p, Object.keys(item as object).sort()]));
    expect(paths).toEqual(Object.fromEntries(Object.entries(EXPECTED).map(([p, m]) => [p, [...m].sort()])));
  });

  it('describes answers as the envelope, with 202 for the async starts', () => {
    const sync = (doc.paths!['/scrape/sync'] as { post: { responses: Record<string, { content: Record<string, { schema: { properties: Record<string, unknown> } }> }> } }).post;
    expect(Object.keys(sync.responses).sort()).toEqual(['200', '400', 'default']);
    expect(Object.keys(sync.responses['200']!.content['application/json']!.schema.properties)).toEqual(['success', 'data', 'error', 'meta']);
    const start = (doc.paths!['/scrape'] as { post: { responses: Record<string, unknown> } }).post;
    expect(Object.keys(start.responses)).toContain('202');
  });
});

describe('served', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack({ allow: [], server: true });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('/api/v1/openapi.json is the document; /api/v1/docs lists every path', async () => {
    const served = (await (await fetch(`${s.api!.url}/api/v1/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(served.paths).sort()).toEqual(Object.keys(EXPECTED).sort());
    const page = await fetch(`${s.api!.url}/api/v1/docs`);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    for (const path of Object.keys(EXPECTED)) expect(html).toContain(`/api/v1${path}`);
  });
});
