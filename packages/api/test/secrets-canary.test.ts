import { randomBytes } from 'node:crypto';
import { startTestSite, type TestSite } from '@scrapifie/testsite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCredential } from '../src/index.ts';
import { call, listingRecipe, until } from './helpers.ts';
import { startAppStack, type AppStack } from './app-stack.ts';

// A credential with a unique canary value goes through everything that touches credentials, then the canary is
// searched for in the captured logs (debug level), every answer's raw body, and the raw bytes of the SQLite files.
const CANARY = `cnry-${randomBytes(12).toString('hex')}`;
/** Everything but the last 4 characters the masked hint may show. */
const CANARY_HEAD = CANARY.slice(0, -4);

let s: AppStack;
let site: TestSite;
const bodies: string[] = [];

async function rest(method: string, path: string, body?: unknown): Promise<{ status: number; data: any; error: any }> {
  const res = await fetch(`${s.api!.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  bodies.push(text);
  const parsed = res.headers.get('content-type')?.includes('application/json') ? (JSON.parse(text) as { data: unknown; error: unknown }) : { data: text, error: null };
  return { status: res.status, data: parsed.data, error: parsed.error };
}

beforeAll(async () => {
  s = await startAppStack({ server: true });
  site = await startTestSite({ pages: 1 });
});
afterAll(async () => {
  await s?.close();
  await site?.close();
});

describe('the canary credential', () => {
  it('is usable by the runtime but appears nowhere in logs, answers or the database files', async () => {
    // Store it (REST and tRPC over HTTP), list it, replace it with itself, reference it from a proxy.
    const created = await rest('POST', '/api/v1/credentials', { name: 'canary', kind: 'proxy', value: CANARY, username: 'canary-user' });
    expect(created.status).toBe(201);
    const credentialId = created.data.id as string;
    const trpc = await fetch(`${s.api!.url}/trpc/credentials.create`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'canary-trpc', kind: 'token', value: CANARY }) });
    bodies.push(await trpc.text());
    expect(trpc.status).toBe(200);
    expect((await rest('GET', '/api/v1/credentials')).data.credentials).toHaveLength(2);
    expect((await rest('PATCH', `/api/v1/credentials/${credentialId}`, { value: CANARY, username: 'canary-user' })).status).toBe(200);
    const proxy = await rest('POST', '/api/v1/proxies', { name: 'canary proxy', url: 'http://canary-user@gw.proxy.example:8000', tier: 'residential', credentialId });
    expect(proxy.status).toBe(201);
    expect((await rest('GET', '/api/v1/proxies')).data.proxies[0].credentialId).toBe(credentialId);

    // Errors that carry the value in their input.
    expect((await rest('POST', '/api/v1/credentials', { name: 'canary', kind: 'proxy', value: CANARY })).status).toBe(409);
    expect((await rest('POST', '/api/v1/credentials', { name: 'canary-kind', kind: 'ssh', value: CANARY })).status).toBe(400);
    expect((await rest('POST', '/api/v1/credentials', { name: 'canary-long', kind: 'token', value: CANARY.repeat(400) })).status).toBe(400);
    expect((await rest('POST', '/api/v1/credentials', { name: 'canary-extra', kind: 'token', value: CANARY, extra: CANARY })).status).toBe(400);
    expect((await rest('PATCH', '/api/v1/credentials/00000000-0000-4000-8000-000000000000', { value: CANARY })).status).toBe(404);
    expect((await rest('POST', '/api/v1/proxies', { name: 'leaky', url: `http://canary-user:${CANARY}@gw.proxy.example:8000`, tier: 'mobile' })).status).toBe(400);
    expect((await rest('PATCH', `/api/v1/proxies/${proxy.data.id}`, { url: `socks5://u:${CANARY}@h.example:1080` })).status).toBe(400);
    expect((await rest('POST', '/api/v1/credentials', `{"name":"broken","value":"${CANARY}"`)).status).toBe(400);

    // Recipes and results: save, export, run and export the results.
    const recipe = await rest('POST', '/api/v1/recipes', { recipe: listingRecipe(site) });
    expect(recipe.status).toBe(201);
    expect((await rest('GET', `/api/v1/recipes/${recipe.data.id}/export`)).status).toBe(200);
    const run = await rest('POST', '/api/v1/runs', { recipe: recipe.data.recipe });
    expect(run.status).toBe(202);
    await until(() => rest('GET', `/api/v1/runs/${run.data.runId}`), (r) => r.data.active === false, 60_000);
    const exported = await rest('GET', `/api/v1/runs/${run.data.runId}/export?format=ndjson`);
    expect(String(exported.data).trim().split('\n').length).toBeGreaterThanOrEqual(20);
    expect((await rest('GET', `/api/v1/runs/${run.data.runId}/results?limit=5`)).status).toBe(200);

    // The runtime can still read it (so the checks below look at a credential that really holds the canary).
    expect((await openCredential(s.app, s.services.secrets!, s.workspaceId, credentialId))).toMatchObject({ value: CANARY, username: 'canary-user' });

    const logs = s.logger.text();
    expect(s.logger.lines.some((l) => l.level === 'debug' && l.msg === 'credential created')).toBe(true);
    const db = s.rawDatabaseBytes();
    // The scan sees what was written (WAL included): the credential's name is there, in clear.
    expect(db.includes(Buffer.from('canary-trpc'))).toBe(true);
    const b64 = Buffer.from(CANARY).toString('base64').slice(0, 24);
    for (const needle of [CANARY_HEAD, b64]) {
      expect(logs).not.toContain(needle);
      for (const body of bodies) expect(body).not.toContain(needle);
      expect(db.includes(Buffer.from(needle))).toBe(false);
    }
    // The hint (last 4) is the only part shown.
    expect(bodies.join('\n')).toContain(`••••${CANARY.slice(-4)}`);
    expect(bodies.length).toBeGreaterThan(15);
  }, 90_000);
});
