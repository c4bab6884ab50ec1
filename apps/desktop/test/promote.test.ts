/**
 * "Promote to team server" against a small real HTTP server that checks the request as the team server's
 * REST API would (POST /api/v1/recipes, Authorization: Bearer <key>). The key is kept with the SecretBox
 * (over an AES stand-in for Electron's safeStorage, whose binary cannot run here).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promoteRecipe } from '../src/promote/promote.ts';
import { normaliseServerUrl, TeamServerSettings } from '../src/promote/team-server.ts';
import { SecretBox } from '../src/secrets/secret-box.ts';
import { aesSafeStorage } from './aes-safe-storage.ts';

const KEY = 'sk_team_0123456789abcdef';
const recipe = { version: 1, name: 'promoted listing', start: { urls: ['https://example.com/list'] }, page: { fields: { title: { css: 'h1' } } } };

interface Seen {
  method: string | undefined;
  url: string | undefined;
  authorization: string | undefined;
  contentType: string | undefined;
  body: Record<string, unknown>;
}

describe('promote to team server', () => {
  let server: Server;
  let url: string;
  const seen: Seen[] = [];
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'scrapifie-promote-'));
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
        seen.push({ method: req.method, url: req.url, authorization: req.headers.authorization, contentType: req.headers['content-type'], body });
        res.setHeader('content-type', 'application/json');
        if (req.url !== '/team/api/v1/recipes') return void res.writeHead(404).end('{"success":false,"data":null,"error":{"code":"ROUTE_NOT_FOUND","message":"No route"}}');
        if (req.headers.authorization !== `Bearer ${KEY}`) return void res.writeHead(401).end('{"success":false,"data":null,"error":{"code":"UNAUTHORIZED","message":"Unknown API key"}}');
        if ((body.recipe as { name?: string }).name === 'taken') return void res.writeHead(409).end('{"success":false,"data":null,"error":{"code":"CONFLICT","message":"A recipe named taken exists"}}');
        res.writeHead(201).end(JSON.stringify({ success: true, data: { id: 'rcp_42' }, error: null }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/team`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('posts the validated recipe with the key as a Bearer token and returns its id on the server', async () => {
    expect(await promoteRecipe({ url, apiKey: KEY, recipe })).toEqual({ id: 'rcp_42', serverUrl: url });
    const req = seen.at(-1)!;
    expect(req).toMatchObject({ method: 'POST', url: '/team/api/v1/recipes', authorization: `Bearer ${KEY}`, contentType: 'application/json' });
    expect(req.body.name).toBe('promoted listing');
    // The recipe goes with its defaults filled in, as the server would store it.
    expect(req.body.recipe).toMatchObject({ name: 'promoted listing', version: 1, fetch: { mode: 'auto' } });
  });

  it('says the key was refused, and what the server said, without the key', async () => {
    const err = await promoteRecipe({ url, apiKey: 'sk_wrong_key', recipe }).catch((e: Error) => e);
    expect((err as Error).message).toMatch(/refused the API key \(HTTP 401\): Unknown API key/);
    expect((err as Error).message).not.toContain('sk_wrong_key');
    await expect(promoteRecipe({ url, apiKey: KEY, recipe: { ...recipe, name: 'taken' } })).rejects.toThrow(/did not take the recipe \(HTTP 409\): A recipe named taken exists/);
    await expect(promoteRecipe({ url: url.replace('/team', '/other'), apiKey: KEY, recipe })).rejects.toThrow(/has no recipe library \(HTTP 404/);
  });

  it('sends nothing for an invalid recipe, naming the problem', async () => {
    const before = seen.length;
    await expect(promoteRecipe({ url, apiKey: KEY, recipe: { version: 1, name: 'x', start: { urls: [] } } })).rejects.toThrow(/cannot be promoted: The recipe is not valid/);
    expect(seen.length).toBe(before);
  });

  it('names an unreachable server', async () => {
    await expect(promoteRecipe({ url: 'http://127.0.0.1:9', apiKey: KEY, recipe })).rejects.toThrow(/Could not reach the team server at http:\/\/127\.0\.0\.1:9/);
  });

  it('keeps the key encrypted on disk and gives it back only to the promotion', async () => {
    const file = join(dir, 'team-server.json');
    const settings = new TeamServerSettings(file, new SecretBox(aesSafeStorage(), 'linux'));
    expect(settings.view()).toBeNull();
    expect(settings.save({ url: `${url}/`, apiKey: ` ${KEY} ` })).toEqual({ url, hasApiKey: true });
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(KEY);
    expect(JSON.parse(text)).toEqual({ url, encryptedApiKey: expect.stringMatching(/^[A-Za-z0-9+/]+=*$/) });
    expect(settings.view()).toEqual({ url, hasApiKey: true });
    expect(settings.credentials()).toEqual({ url, apiKey: KEY });
    // Another machine's keychain cannot read it back: a clear message, no ciphertext.
    const elsewhere = new TeamServerSettings(file, new SecretBox(aesSafeStorage(), 'linux'));
    expect(() => elsewhere.credentials()).toThrow(/encrypted by another user, machine or keychain/);
    writeFileSync(file, '{"url": 3}');
    expect(() => settings.view()).toThrow(/team server settings .* are damaged: url: .*encryptedApiKey/);
  });

  it('refuses server URLs that are not plain http(s) bases, and an empty key', () => {
    expect(normaliseServerUrl('https://scrapifie.example.com/')).toBe('https://scrapifie.example.com');
    expect(() => normaliseServerUrl('scrapifie.example.com')).toThrow(/not an absolute URL/);
    expect(() => normaliseServerUrl('ftp://x.example')).toThrow(/must be http\(s\), got ftp:/);
    expect(() => normaliseServerUrl('https://me:pw@x.example')).toThrow(/must not hold a user name, password/);
    const settings = new TeamServerSettings(join(dir, 'other.json'), new SecretBox(aesSafeStorage(), 'linux'));
    expect(() => settings.save({ url, apiKey: '   ' })).toThrow(/API key is empty/);
  });
});
