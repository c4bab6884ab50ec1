import { describe, expect, it } from 'vitest';
import { requestKey, rowKey, stableStringify } from './keys.ts';

describe('keys', () => {
  it('stableStringify ignores key order and undefined members', () => {
    expect(stableStringify({ b: 1, a: [1, { d: 2, c: undefined }] })).toBe(stableStringify({ a: [1, { d: 2 }], b: 1 }));
  });

  it('a listing URL is one request however often it is found; a merge detail is one per parent row', () => {
    const url = 'https://e.com/item/1';
    expect(requestKey('page', url)).toBe(requestKey('page', url, {}));
    expect(requestKey('page.follow[0].page', url, { title: 'A' })).not.toBe(requestKey('page.follow[0].page', url, { title: 'B' }));
    expect(requestKey('page.follow[0].page', url, { a: 1, b: 2 })).toBe(requestKey('page.follow[0].page', url, { b: 2, a: 1 }));
    expect(requestKey('page', url)).not.toBe(requestKey('page.follow[0].page', url));
    expect(requestKey('page', url)).toMatch(/^[\w-]{16}$/);
  });

  it('row keys come from itemKey fields when given, else from the page and position', () => {
    expect(rowKey(['sku'], { sku: 'A1', price: 1 }, 'req', 0)).toBe(rowKey(['sku'], { sku: 'A1', price: 2 }, 'other', 5));
    expect(rowKey(['sku'], { sku: 'A1' }, 'req', 0)).not.toBe(rowKey(['sku'], { sku: 'A2' }, 'req', 0));
    expect(rowKey(undefined, { sku: 'A1' }, 'req', 3)).toBe('req#3');
  });
});
