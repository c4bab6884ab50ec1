import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHARSET_CASES, CLEARANCE_COOKIE, DEMO_CREDENTIALS, DEMO_ORDERS, MESSY_FIELDS, SESSION_COOKIE, clearanceToken, startTestSite, type TestSite,
} from '../src/index.ts';
import { all, attr, get, one, parse, text } from './dom.ts';

describe('site content', () => {
  let site: TestSite;
  beforeAll(async () => {
    site = await startTestSite({ pages: 3, seed: 9 });
  });
  afterAll(() => site.close());

  it('logs the demo user in and shows the ten orders', async () => {
    const anonymous = await get(`${site.url}/account/orders`);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toBe('/login');

    const form = parse((await get(`${site.url}/login`)).body);
    expect(attr(one(form, 'form.login-form'), 'action')).toBe('/login');
    expect(attr(one(form, 'form.login-form'), 'method')).toBe('post');
    expect(all(form, '#username, #password, button#login')).toHaveLength(3);

    const wrong = await get(`${site.url}/login`, { method: 'POST', body: new URLSearchParams({ username: 'demo', password: 'nope' }) });
    expect(wrong.status).toBe(401);
    expect(text(one(parse(wrong.body), '.error'))).toContain('Invalid username or password');

    const ok = await get(`${site.url}/login`, { method: 'POST', body: new URLSearchParams(DEMO_CREDENTIALS) });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/account/orders');
    const cookie = (ok.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie.startsWith(`${SESSION_COOKIE}=`)).toBe(true);

    const orders = await get(`${site.url}/account/orders`, { headers: { cookie } });
    expect(orders.status).toBe(200);
    const rows = all(parse(orders.body), 'table.orders tbody tr').map((tr) => ({
      id: text(one(tr, '.order-id')), date: text(one(tr, '.order-date')), status: text(one(tr, '.order-status')),
      items: Number(text(one(tr, '.order-items'))), totalText: text(one(tr, '.order-total')),
    }));
    expect(rows).toEqual(DEMO_ORDERS.map(({ total: _t, ...o }) => o));
    expect(DEMO_ORDERS.every((o) => Number(o.totalText.replace(/[$,]/g, '')) === o.total)).toBe(true);
    expect((await get(`${site.url}/account/orders`, { headers: { cookie: `${SESSION_COOKIE}=forged` } })).status).toBe(302);
  });

  it('sets and echoes cookies for client tests', async () => {
    const set = await get(`${site.url}/cookie/set?name=flavour&value=oat`);
    expect(set.headers.get('set-cookie')).toMatch(/^flavour=oat; Path=\//);
    const echo = await get(`${site.url}/cookie/echo`, { headers: { cookie: 'flavour=oat; x=1' } });
    expect(JSON.parse(echo.body)).toEqual({ cookies: { flavour: 'oat', x: '1' } });
    expect((await get(`${site.url}/cookie/set?name=a;b`)).status).toBe(400);
    const bounce = await get(`${site.url}/cookie/set?name=k&value=v&redirect=/cookie/echo`);
    expect(bounce.status).toBe(302);
    expect(bounce.headers.get('location')).toBe('/cookie/echo');
    expect(bounce.headers.get('set-cookie')).toMatch(/^k=v;/);
  });

  it('walls /protected off with a Cloudflare-like challenge whose script earns the cookie', async () => {
    const r = await get(`${site.url}/protected/list/1`);
    expect(r.status).toBe(403);
    expect(r.headers.get('cf-mitigated')).toBe('challenge');
    const doc = parse(r.body);
    expect(text(one(doc, 'title'))).toBe('Just a moment...');
    expect(all(doc, 'article.product')).toHaveLength(0);
    expect(r.body).toContain('_cf_chl_opt');
    // Run the challenge script as a browser would: it must set exactly the clearance cookie and reload.
    const script = text(one(doc, 'script'));
    let reloaded = false;
    const document = { cookie: '', body: { className: '' } };
    const timers: Array<() => void> = [];
    runInNewContext(script, {
      window: {}, document, location: { hostname: '127.0.0.1', reload: () => (reloaded = true) },
      setTimeout: (fn: () => void) => timers.push(fn),
    });
    timers.forEach((fn) => fn());
    expect(reloaded).toBe(true);
    const cookie = document.cookie.split(';')[0] ?? '';
    expect(cookie).toBe(`${CLEARANCE_COOKIE}=${clearanceToken(9)}`);
    const passed = await get(`${site.url}/protected/list/1`, { headers: { cookie } });
    expect(passed.status).toBe(200);
    expect(all(parse(passed.body), 'article.product')).toHaveLength(20);
    expect((await get(`${site.url}/protected/list/1`, { headers: { cookie: `${CLEARANCE_COOKIE}=${clearanceToken(1)}` } })).status).toBe(403);
  });

  it('serves each charset case as bytes that decode to the documented text', async () => {
    for (const c of CHARSET_CASES) {
      const r = await get(site.url + c.path);
      expect(r.headers.get('content-type')).toBe(c.contentType);
      const decoded = new TextDecoder(c.effectiveEncoding).decode(r.bytes);
      expect(text(one(parse(decoded), '#text'))).toBe(c.expectedText);
      // Read as UTF-8 (ignoring the declaration), every legacy case is garbled: the test would notice a wrong decoder.
      if (c.effectiveEncoding !== 'utf-8') expect(text(one(parse(r.body), '#text'))).not.toBe(c.expectedText);
    }
    const bom = await get(`${site.url}/charset/utf-8/bom`);
    expect([...bom.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect((await get(`${site.url}/charset/shift_jis/meta`)).body).toMatch(/charset=Shift_JIS/);
    expect((await get(`${site.url}/charset/windows-1252/meta`)).body).toContain('<meta charset="windows-1252">');
    // The "wrong" case: a strict Latin-1 reading yields C1 controls instead of the quotes and the euro sign.
    const wrong = (await get(`${site.url}/charset/wrong`)).bytes;
    expect(Buffer.from(wrong).toString('latin1')).toMatch(/[\u0080-\u009f]/);
  });

  it('serves messy markup whose documented fields parse to the expected values', async () => {
    const doc = parse((await get(`${site.url}/messy`)).body);
    for (const f of MESSY_FIELDS) {
      const values = all(doc, f.css).map((el) => (f.take === 'attr' ? attr(el, f.attr ?? '') : text(el)));
      expect(values, f.name).toEqual(Array.isArray(f.expected) ? f.expected : [f.expected]);
    }
  });

  it('links every variant from the home page', async () => {
    const links = all(parse((await get(`${site.url}/`)).body), '.variants a').map((a) => attr(a, 'href') ?? '');
    expect(links).toEqual(expect.arrayContaining(['/list/1', '/js/list/1', '/scroll', '/login', '/protected/list/1', '/messy']));
    for (const href of links) {
      const expected = href.startsWith('/protected') ? 403 : href.startsWith('/fault/') ? expect.any(Number) : 200;
      expect((await get(site.url + href)).status, href).toEqual(expected);
    }
  });
});
