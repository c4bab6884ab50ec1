import { MemoryCredentialResolver, runActions, type BrowserPool } from '@scrapifie/fetch-browser';
import { BrowserActionSchema } from '@scrapifie/recipe';
import { DEMO_CREDENTIALS, DEMO_ORDERS, startTestSite, type TestSite } from '@scrapifie/testsite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActionRecorder, DesignerSession, ListDesigner, LivePreview } from '../src/index.ts';
import { pointOf, testPool } from './helpers/env.ts';

describe('action recording', () => {
  let site: TestSite;
  let pool: BrowserPool;
  beforeAll(async () => {
    site = await startTestSite({ pages: 3 });
    pool = await testPool();
  });
  afterAll(async () => {
    await pool?.close();
    await site?.close();
  });

  it('records a sign-in as steps whose secrets are credential references, and the steps sign in again', async () => {
    const session = await DesignerSession.open({ pool, url: `${site.url}/login`, contextKey: 'recorder-a' });
    const secrets = new Map<string, string>();
    const recorder = ActionRecorder.start(session, { credentialName: 'shop', onSecret: (ref, value) => void secrets.set(ref, value) });
    try {
      const user = await pointOf(session.page, '#username');
      await session.click(user.x, user.y);
      await session.type('de');
      await session.type('mo');
      const pass = await pointOf(session.page, '#password');
      await session.click(pass.x, pass.y);
      for (const ch of DEMO_CREDENTIALS.password) await session.press(ch);
      const button = await pointOf(session.page, '#login');
      await session.click(button.x, button.y);
      await session.page.waitForURL(/\/account\/orders$/);
      recorder.addWait({ css: 'table.orders' });
      const steps = await recorder.stop();
      expect(steps).toEqual([
        { action: 'type', css: '#username', credential: 'shop.username' },
        { action: 'type', css: '#password', credential: 'shop.password' },
        { action: 'click', css: '#login' },
        { action: 'wait', css: 'table.orders' },
      ]);
      expect(BrowserActionSchema.array().safeParse(steps).success).toBe(true);
      expect(JSON.stringify(steps)).not.toContain(DEMO_CREDENTIALS.password);
      expect(secrets).toEqual(new Map([['shop.username', 'demo'], ['shop.password', DEMO_CREDENTIALS.password]]));

      // The orders table: a click on a cell selects the ten rows.
      const list = new ListDesigner(session);
      const cell = await pointOf(session.page, 'td.order-total', 1);
      expect((await list.select(cell.x, cell.y)).count).toBe(DEMO_ORDERS.length);
      await list.addField(cell.x, cell.y, { name: 'total' });
      const preview = new LivePreview(session);
      preview.update(list.pageSpec());
      expect((await preview.settled()).rows).toEqual(DEMO_ORDERS.map((o) => ({ total: o.totalText })));
      preview.close();

      // Run by the browser tier's executor in a fresh context, with the secrets from a credential store, the
      // recorded steps sign in.
      const lease = await pool.acquirePage();
      try {
        await lease.page.goto(`${site.url}/login`);
        const credentials = new MemoryCredentialResolver({ shop: { username: secrets.get('shop.username') ?? '', password: secrets.get('shop.password') ?? '' } });
        const until = Date.now() + 30_000;
        await runActions(steps, { page: lease.page, credentials, remaining: () => until - Date.now() });
        expect(lease.page.url()).toBe(`${site.url}/account/orders`);
        expect(await lease.page.textContent('.welcome .username')).toBe(DEMO_CREDENTIALS.username);
      } finally {
        await lease.release();
      }
    } finally {
      await session.close();
    }
  });

  it('records plain typing as values, key presses, drop-downs and merged scrolls', async () => {
    const session = await DesignerSession.open({ pool, url: `${site.url}/list/1` });
    const recorder = ActionRecorder.start(session);
    try {
      const q = await pointOf(session.page, '#q');
      await session.click(q.x, q.y);
      await session.type('brass lamp');
      await session.press('Tab');
      const sort = await pointOf(session.page, 'select[name=sort]');
      await session.select(sort.x, sort.y, 'rating');
      await session.scroll(0, 300);
      await session.scroll(0, 200);
      const add = await pointOf(session.page, 'form.add-to-cart button', 0);
      await session.click(add.x, add.y);
      const steps = await recorder.stop();
      expect(steps.map((s) => s.action)).toEqual(['type', 'press', 'select', 'scroll', 'click']);
      expect(steps[0]).toEqual({ action: 'type', css: '#q', value: 'brass lamp' });
      expect(steps[1]).toEqual({ action: 'press', key: 'Tab' });
      expect(steps[2]).toMatchObject({ action: 'select', value: 'rating' });
      expect(steps[3]).toEqual({ action: 'scroll', by: 500 });
      // The click names the button it hit, and that selector finds exactly that button.
      const click = steps[4] as { css?: string; xpath?: string };
      const sel = click.css ?? `xpath=${click.xpath}`;
      expect(await session.page.locator(sel).count()).toBe(1);
      expect(await session.page.locator(sel).evaluate((b) => b.closest('article')?.getAttribute('data-id'))).toBe('1');
      // Stopped: later input is not recorded.
      await session.scroll(0, 100);
      expect(await recorder.stop()).toHaveLength(5);
    } finally {
      await session.close();
    }
  });
});
