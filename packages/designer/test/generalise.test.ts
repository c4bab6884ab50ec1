import type { BrowserPool } from '@scrapifie/fetch-browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DesignerSession, ListDesigner, LivePreview, isGeneratedToken, type SelectorCandidate, type SelectorSpec } from '../src/index.ts';
import { adsPage, hostilePage, mixedPage } from './fixtures/pages.ts';
import { pointOf, servePages, testPool, type LocalSite } from './helpers/env.ts';

const hostile = hostilePage();
const mixed = mixedPage();
const ads = adsPage();

/** Every class and id a selector names. */
function tokens(sel: SelectorSpec): string[] {
  const text = sel.css ?? sel.xpath ?? '';
  return [...text.matchAll(/[.#]([\w-]+)|@class\s*=\s*"([^"]+)"/g)].map((m) => m[1] ?? m[2] ?? '');
}

function rowsOf(truth: Array<{ title: string; price: string; url: string }>, origin: string) {
  return truth.map((t) => ({ title: t.title, price: t.price, url: origin + t.url }));
}

describe('list generalisation on served pages', () => {
  let site: LocalSite;
  let pool: BrowserPool;
  beforeAll(async () => {
    site = await servePages({ '/hostile': hostile.html, '/mixed': mixed.html, '/ads': ads.html });
    pool = await testPool();
  });
  afterAll(async () => {
    await pool?.close();
    await site?.close();
  });

  async function design(path: string, clickCss: string, fields: Array<{ css: string; name: string; kind?: 'link' }>) {
    const session = await DesignerSession.open({ pool, url: site.url + path });
    const list = new ListDesigner(session);
    const p = await pointOf(session.page, clickCss, 1);
    const selection = await list.select(p.x, p.y);
    const designed = [];
    for (const f of fields) {
      const q = await pointOf(session.page, f.css, 0);
      designed.push(await list.addField(q.x, q.y, { name: f.name, ...(f.kind ? { kind: f.kind } : {}) }));
    }
    return { session, list, selection, designed };
  }

  async function preview(session: DesignerSession, list: ListDesigner) {
    const p = new LivePreview(session);
    p.update(list.pageSpec());
    const r = await p.settled();
    p.close();
    return r;
  }

  it('avoids generated class names on a page where every class is a hash', async () => {
    const { session, list, selection, designed } = await design('/hostile', 'section h3', [
      { css: 'section h3', name: 'title' },
      { css: 'section h3 + span', name: 'price' },
      { css: 'section h3', name: 'url', kind: 'link' },
    ]);
    try {
      expect(selection.count).toBe(12);
      for (const t of tokens(selection.selector)) expect(isGeneratedToken(t), `item selector ${JSON.stringify(selection.selector)}`).toBe(false);
      // The hashed classes were offered, ranked below.
      const all: SelectorCandidate[] = [...selection.candidates, ...designed.flatMap((d) => d.candidates)];
      expect(all.some((c) => c.generated)).toBe(true);
      expect(selection.candidates[0]?.generated).toBe(false);
      for (const d of designed) {
        const sels = [d.field, ...(d.field.fallbacks ?? [])] as SelectorSpec[];
        for (const s of sels) for (const t of tokens(s)) expect(isGeneratedToken(t), `field ${d.name}: ${JSON.stringify(s)}`).toBe(false);
      }
      // With nothing semantic to go by, names come from what the text looks like; the second span needs a position.
      const star = await pointOf(session.page, 'section h3 + span + span', 0);
      const rating = await list.addField(star.x, star.y);
      expect(rating.name).toBe('rating');
      expect(rating.field.css ?? rating.field.xpath).toMatch(/nth-of-type\(2\)|span\[2\]/);
      const r = await preview(session, list);
      expect(r.rows).toEqual(rowsOf(hostile.truth, site.url).map((row, i) => ({ ...row, rating: `${(i % 5) + 1} stars` })));
    } finally {
      await session.close();
    }
  });

  it('widens with a second example of another kind, and the rows cover both', async () => {
    const { session, list, selection } = await design('/mixed', 'article.result h2 a', [
      { css: 'article.result h2 a', name: 'title' },
    ]);
    try {
      expect(selection.count).toBe(3);
      const other = await pointOf(session.page, 'div.result h2 a', 2);
      const wider = await list.widen(other.x, other.y);
      expect(wider.count).toBe(10);
      expect(wider.examples).toBe(2);
      const r = await preview(session, list);
      expect(r.rows).toEqual(mixed.truth.map((t) => ({ title: t.title })));
    } finally {
      await session.close();
    }
  });

  it('narrows with a counter-example: the sponsored results leave the list', async () => {
    const { session, list, selection } = await design('/ads', 'li.result a.title', [
      { css: 'li.result a.title', name: 'title' },
      { css: 'li.result .price', name: 'price' },
      { css: 'li.result a.title', name: 'url', kind: 'link' },
    ]);
    try {
      expect(selection.count).toBe(10);
      const ad = await pointOf(session.page, 'li.ad .badge', 0);
      const narrower = await list.narrow(ad.x, ad.y);
      expect(narrower.count).toBe(8);
      expect(narrower.rejections).toBe(1);
      const r = await preview(session, list);
      expect(r.rows).toEqual(rowsOf(ads.truth, site.url));
    } finally {
      await session.close();
    }
  });

  it('offers the repeating blocks around the click, and a chosen level is used as is', async () => {
    const { session, list, selection } = await design('/ads', 'li.result .price', []);
    try {
      expect(selection.levels.map((l) => l.count)).toContain(10);
      const li = selection.levels.find((l) => l.label.startsWith('li.result'));
      expect(li).toBeDefined();
      const chosen = await list.chooseLevel(li?.ref ?? -1);
      expect(chosen.count).toBe(10);
    } finally {
      await session.close();
    }
  });
});
