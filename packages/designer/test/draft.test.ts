import { describe, expect, it } from 'vitest';
import { buildRecipe } from '../src/index.ts';

const page = { items: { css: 'tr.order', fields: { id: { css: '.order-id' } } } };
const login = {
  url: 'https://shop.example/login',
  actions: [
    { action: 'type' as const, css: '#username', credential: 'shop.username' },
    { action: 'type' as const, css: '#password', credential: 'shop.password' },
    { action: 'click' as const, css: '#login' },
  ],
};

describe('buildRecipe', () => {
  it('a recorded login makes a browser recipe that signs in first and waits for the items', () => {
    const r = buildRecipe({ name: 'orders', url: 'https://shop.example/account/orders', page, login, fetchMode: 'http', waitFor: 'tr.order' });
    expect(r.fetch.mode).toBe('browser');
    expect(r.fetch.browser).toEqual({ waitForSelector: 'tr.order', login });
  });

  it('an HTTP recipe gets no browser options; a browser one waits for the items', () => {
    expect(buildRecipe({ name: 'list', url: 'https://shop.example/list/1', page, fetchMode: 'http', waitFor: 'tr.order' }).fetch.browser).toBeUndefined();
    const js = buildRecipe({ name: 'js', url: 'https://shop.example/js/list/1', page, fetchMode: 'browser', waitFor: 'tr.order' });
    expect(js.fetch).toMatchObject({ mode: 'browser', browser: { waitForSelector: 'tr.order' } });
  });

  it('a login with a bad sign-in URL is a clear error naming the field', () => {
    expect(() => buildRecipe({ name: 'x', url: 'https://shop.example/', page, login: { url: 'not a url', actions: login.actions } })).toThrow(/fetch\.browser\.login\.url/);
  });
});
