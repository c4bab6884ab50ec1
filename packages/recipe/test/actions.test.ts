import { describe, expect, it } from 'vitest';
import { parseRecipe, validateRecipe } from '../src/index.ts';

const base = {
  version: 1,
  name: 'Shop',
  start: { urls: ['https://shop.example/list'] },
  page: { items: { css: 'article', fields: { title: { css: 'h2' } } } },
};

function issuesFor(input: unknown): Array<{ path: string; message: string }> {
  const r = validateRecipe(input);
  if (r.ok) throw new Error('expected the recipe to be invalid');
  return r.issues;
}

describe('browser actions and options in the recipe', () => {
  it('accepts every action, a login with credential references, and the browser waits, untouched', () => {
    const actions = [
      { action: 'click', css: '#accept-cookies', optional: true },
      { action: 'type', css: '#q', value: 'lamp' },
      { action: 'select', xpath: '//select[@name="sort"]', label: 'Price' },
      { action: 'hover', css: 'nav .menu' },
      { action: 'press', key: 'Enter' },
      { action: 'scroll', to: 'bottom' },
      { action: 'infiniteScroll', items: { css: 'article' }, maxItems: 100, idleMs: 2000 },
      { action: 'wait', css: '.results', state: 'attached', timeoutMs: 5000 },
      { action: 'wait', until: 'networkidle' },
      { action: 'clickNext', css: 'button.next', items: { css: 'article' }, maxPages: 5 },
      { action: 'loadMore', css: 'button.more', items: { css: 'article' }, maxClicks: 3 },
    ];
    const login = {
      url: 'https://shop.example/login',
      actions: [
        { action: 'type', css: '#username', credential: 'shop.username' },
        { action: 'type', css: '#password', credential: 'shop.password' },
        { action: 'click', css: '#login' },
      ],
      success: { css: 'table.orders' },
    };
    const browser = { waitUntil: 'networkidle', waitForSelector: 'article', waitMs: 200, blockResources: ['image', 'tracker'], screenshot: 'fullPage', html: true, login };
    const r = parseRecipe({ ...base, fetch: { mode: 'browser', browser }, page: { ...base.page, actions } });
    expect(r.page.actions).toEqual(actions);
    expect(r.fetch.browser).toEqual(browser);
  });

  it('names the JSON path of a bad step, an unknown action and a secret written into the recipe', () => {
    const issues = issuesFor({
      ...base,
      fetch: { browser: { login: { url: 'ftp://shop.example/', actions: [{ action: 'type', css: '#p', password: 'hunter2' }] } } },
      page: { ...base.page, actions: [{ action: 'click' }, { action: 'tap', css: 'a' }, { action: 'type', css: '#u', credential: 'no-dot' }, { action: 'wait', ms: 5, css: 'a' }] },
    });
    expect(issues).toContainEqual({ path: 'fetch.browser.login.url', message: 'expected an absolute http(s) URL' });
    expect(issues).toContainEqual({ path: 'fetch.browser.login.actions[0]', message: 'unknown field "password"' });
    expect(issues).toContainEqual({ path: 'page.actions[0]', message: 'this action needs the element: give "css" or "xpath"' });
    expect(issues.find((i) => i.path === 'page.actions[1].action')?.message).toMatch(/'click' \| 'type'/);
    expect(issues).toContainEqual({ path: 'page.actions[2].credential', message: 'a credential reference is "<name>.<field>", e.g. "shop.password"' });
    expect(issues).toContainEqual({ path: 'page.actions[3]', message: 'a "wait" step needs exactly one of "ms", "until", or an element ("css" or "xpath")' });
    // The rejected secret is never echoed back.
    expect(JSON.stringify(issues)).not.toContain('hunter2');
  });

  it('rejects a type step with both a value and a credential, and an unknown resource kind', () => {
    const issues = issuesFor({
      ...base,
      fetch: { browser: { blockResources: ['image', 'videos'] } },
      page: { ...base.page, actions: [{ action: 'type', css: '#u', value: 'x', credential: 'shop.username' }] },
    });
    expect(issues).toContainEqual({ path: 'page.actions[0]', message: 'a "type" step needs exactly one of "value" or "credential"' });
    expect(issues.some((i) => i.path === 'fetch.browser.blockResources[1]')).toBe(true);
  });
});
