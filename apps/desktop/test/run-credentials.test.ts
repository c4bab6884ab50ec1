/** What a run's crawl worker is given of the local workspace's credentials: only what its recipe types, and nothing malformed. */
import { MemoryCredentialResolver } from '@scrapifie/fetch-browser';
import { parseRecipe } from '@scrapifie/recipe';
import { describe, expect, it } from 'vitest';
import { credentialRefsOf, resolveRunCredentials } from '../src/runtime/run-credentials.ts';
import { parseMainMessage } from '../src/worker/protocol.ts';

const recipe = parseRecipe({
  version: 1,
  name: 'orders',
  start: { urls: ['http://127.0.0.1:9/account/orders'] },
  fetch: {
    mode: 'browser',
    browser: {
      login: {
        url: 'http://127.0.0.1:9/login',
        actions: [
          { action: 'type', css: '#username', credential: 'shop.username' },
          { action: 'type', css: '#password', credential: 'shop.password' },
          { action: 'click', css: '#login' },
        ],
      },
    },
  },
  page: { actions: [{ action: 'type', css: '#otp', credential: 'bank.otp' }], items: { css: 'tr.order', fields: { id: { css: '.order-id' } } } },
});

describe('credentials for a crawl worker', () => {
  it('collects every credential the login and the page steps type', () => {
    expect(credentialRefsOf(recipe).sort()).toEqual(['bank.otp', 'shop.password', 'shop.username']);
  });

  it('resolves those the store has, and leaves out the rest (the step then fails naming it); nothing else is handed over', async () => {
    const store = new MemoryCredentialResolver({ shop: { username: 'demo', password: 'demo-password' }, other: { password: 'not-for-this-run' } });
    expect(await resolveRunCredentials(recipe, store, 'run-1')).toEqual({ shop: { username: 'demo', password: 'demo-password' } });
  });

  it('the worker refuses a start message whose credentials are not strings by name and field', () => {
    const start = { type: 'start', dbPath: '/tmp/x.sqlite', runId: 'r1', resume: true };
    expect(parseMainMessage({ ...start, credentials: { shop: { password: 'x' } } })).toMatchObject({ credentials: { shop: { password: 'x' } } });
    expect(() => parseMainMessage({ ...start, credentials: { shop: { password: 42 } } })).toThrow(/credentials must map names to \{ field: value \} objects of strings/);
    expect(() => parseMainMessage({ ...start, credentials: ['shop'] })).toThrow(/credentials must map/);
  });
});
