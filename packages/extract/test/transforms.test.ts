import { InvalidInputError, TransformSchema, type TransformInput } from '@scrapifie/recipe';
import { describe, expect, it } from 'vitest';
import { applyTransforms, parseDate, parseNumber, parsePrice, stripHtml, type DateOrder } from '../src/index.ts';

const ctx = { baseUrl: 'https://shop.example/catalog/list?page=2' };
/** Transforms as a recipe author writes them, parsed by the recipe schema (defaults filled in). */
const run = (value: unknown, ...ts: TransformInput[]) => applyTransforms(value, ts.map((t) => TransformSchema.parse(t)), ctx);

describe('string transforms', () => {
  it('trim, normalizeWhitespace, lowercase, uppercase', () => {
    expect(run('  a  b \n', 'trim')).toBe('a  b');
    expect(run('  a \u00a0\t b \n', 'normalizeWhitespace')).toBe('a b');
    expect(run('ÉCOLE Straße', 'lowercase')).toBe('école straße');
    expect(run('straße', 'uppercase')).toBe('STRASSE');
  });

  it('leave null and numbers alone', () => {
    expect(run(null, 'trim', 'uppercase')).toBeNull();
    expect(run(42, 'lowercase')).toBe(42);
  });

  it('apply to each element of an array', () => {
    expect(run([' A ', null, 'B'], 'trim', 'lowercase')).toEqual(['a', null, 'b']);
  });
});

describe('number and integer', () => {
  it.each([
    ['1,234.56', 1234.56],
    ['Stock: 12 units', 12],
    ['-3.5 °C', -3.5],
    ['$-5', -5],
    ['SKU-123', 123],
    ['Range 5-10', 5],
    ['1 234 567.5', 1234567.5],
    ['no digits', null],
    ['1.2.3', null],
    ['1.234,56', null],
  ])('number(%j) = %j', (text, expected) => {
    expect(run(text, 'number')).toBe(expected);
  });

  it('uses the given decimal separator', () => {
    expect(run('1.234,56', { number: { decimal: ',' } })).toBe(1234.56);
    expect(run('12,5 %', { number: { decimal: ',' } })).toBe(12.5);
    expect(parseNumber('1,234.56', ',')).toBeNull();
  });

  it('integer truncates toward zero', () => {
    expect(run('12.99', 'integer')).toBe(12);
    expect(run('-12.99', 'integer')).toBe(-12);
    expect(run('(1,024 reviews)', 'integer')).toBe(1024);
    expect(run(7.9, 'integer')).toBe(7);
    expect(Object.is(run('-0.4', 'integer'), 0)).toBe(true);
  });
});

describe('price', () => {
  it.each([
    ['$1,299.99', 1299.99],
    ['1.299,99 €', 1299.99],
    ['1 299,99 €', 1299.99],
    ["CHF 1'299.50", 1299.5],
    ['£12', 12],
    ['12,99 €', 12.99],
    ['$1,299', 1299],
    ['1.299 €', 1299],
    ['0.125', 0.125],
    ['1234.567', 1234.567],
    ['1,299,000', 1299000],
    ['€ 1.299.000,50', 1299000.5],
    ['-€5,00', -5],
    ['Call for price', null],
    ['1,2,3', null],
    ['1.234.56,7,8', null],
  ])('price(%j) = %j', (text, expected) => {
    expect(parsePrice(text)).toBe(expected);
  });
});

describe('date', () => {
  it.each([
    ['2024-03-12', 'ymd', '2024-03-12'],
    ['2024-03-12T09:30', 'ymd', '2024-03-12T09:30:00'],
    ['2024-03-12T09:30:15.123Z', 'ymd', '2024-03-12T09:30:15Z'],
    ['2024-03-12T00:30:00+01:00', 'ymd', '2024-03-11T23:30:00Z'],
    ['12 March 2024', 'ymd', '2024-03-12'],
    ['the 1st of Feb, 2024', 'ymd', '2024-02-01'],
    ['March 12, 2024', 'ymd', '2024-03-12'],
    ['Mar 12 2024', 'ymd', '2024-03-12'],
    ['Sept. 3, 2023, 11:05 pm', 'ymd', '2023-09-03T23:05:00'],
    ['December 31, 2023 12:00 AM', 'ymd', '2023-12-31T00:00:00'],
    ['Tue, 12 Mar 2024 10:00:00 GMT', 'ymd', '2024-03-12T10:00:00Z'],
    ['Tue, 12 Mar 2024 10:00:00 -0500', 'ymd', '2024-03-12T15:00:00Z'],
    ['12 Mar 2024 22:00 PST', 'ymd', '2024-03-13T06:00:00Z'],
    ['2024/03/12', 'dmy', '2024-03-12'],
    ['12/03/2024', 'dmy', '2024-03-12'],
    ['12/03/2024', 'mdy', '2024-12-03'],
    ['12.03.2024', 'dmy', '2024-03-12'],
    ['25/03/2024', 'ymd', '2024-03-25'],
    ['03/25/2024', 'ymd', '2024-03-25'],
    ['12/03/24', 'dmy', '2024-03-12'],
    ['24/03/12', 'ymd', '2024-03-12'],
    ['12/03/99', 'mdy', '1999-12-03'],
    ['29 Feb 2024', 'ymd', '2024-02-29'],
  ] as Array<[string, DateOrder, string]>)('date(%j, %s) = %j', (text, order, expected) => {
    expect(parseDate(text, order)).toBe(expected);
  });

  it.each([
    ['12/03/2024', 'ymd', 'ambiguous without an order'],
    ['29 Feb 2023', 'ymd', 'not a leap year'],
    ['2024-13-01', 'ymd', 'no month 13'],
    ['31/04/2024', 'dmy', 'April has 30 days'],
    ['March 2024', 'ymd', 'no day'],
    ['next Tuesday', 'ymd', 'not a date'],
    ['2024-03-12T25:00', 'ymd', 'no hour 25'],
  ] as Array<[string, DateOrder, string]>)('date(%j, %s) is null: %s', (text, order) => {
    expect(parseDate(text, order)).toBeNull();
  });

  it('as transforms, with and without an order', () => {
    expect(run('Posted 03/04/2024', { date: { order: 'mdy' } })).toBe('2024-03-04');
    expect(run('Posted 03/04/2024', 'date')).toBeNull();
    expect(run(['1 Jan 2020', 'junk'], 'date')).toEqual(['2020-01-01', null]);
  });
});

describe('absoluteUrl and stripHtml', () => {
  it('resolves against the base URL', () => {
    expect(run('../item/7', 'absoluteUrl')).toBe('https://shop.example/item/7');
    expect(run('//cdn.example/x.png', 'absoluteUrl')).toBe('https://cdn.example/x.png');
    expect(run('?page=3', 'absoluteUrl')).toBe('https://shop.example/catalog/list?page=3');
    expect(run('  ', 'absoluteUrl')).toBeNull();
    expect(run('http://[bad', 'absoluteUrl')).toBeNull();
  });

  it('strips tags, hidden content and comments, decodes entities', () => {
    expect(stripHtml('<p>One <b>bold</b></p><p>Two&nbsp;&amp;&#x20AC;</p>')).toBe('One bold Two &€');
    expect(stripHtml('<b>Hello</b>world<br>next')).toBe('Helloworld next');
    expect(stripHtml('<a title="x > y">link</a><script>if (a < b) {}</script><style>p{}</style><!-- c -->')).toBe('link');
    expect(run(null, 'stripHtml')).toBeNull();
  });
});

describe('regex and replace', () => {
  it('returns the capture group, the whole match without groups, null without a match', () => {
    expect(run('SKU: AB-12', { regex: { pattern: '([A-Z]+)-(\\d+)', group: 2 } })).toBe('12');
    expect(run('SKU: AB-12', { regex: { pattern: '([A-Z]+)-(\\d+)' } })).toBe('AB');
    expect(run('SKU: AB-12', { regex: { pattern: '[a-z]+-\\d+', flags: 'i' } })).toBe('AB-12');
    expect(run('nothing', { regex: { pattern: '(\\d+)' } })).toBeNull();
  });

  it('replaces every match, with $n references', () => {
    expect(run('a-b-c', { replace: { pattern: '-', with: '+' } })).toBe('a+b+c');
    expect(run('Doe, John', { replace: { pattern: '(\\w+), (\\w+)', with: '$2 $1' } })).toBe('John Doe');
    expect(run('A a', { replace: { pattern: 'a', with: '_', flags: 'i' } })).toBe('_ _');
  });

  it('a bad pattern is a recipe error naming the pattern, raised even when there is no value', () => {
    expect(() => run(null, { regex: { pattern: '([a-z' } })).toThrow(InvalidInputError);
    expect(() => run(null, { regex: { pattern: '([a-z' } })).toThrow('/([a-z/');
    expect(() => run('x', { replace: { pattern: '*x', with: '' } })).toThrow('invalid regular expression /*x/');
    expect(() => run('x', { regex: { pattern: '(a)(b)', group: 3 } })).toThrow('has 2 capture group(s), so group 3 does not exist');
  });

  it('compiles a pattern once per recipe transform, not per value', () => {
    const t = TransformSchema.parse({ regex: { pattern: '(\\d+)' } });
    const original = globalThis.RegExp;
    let compiled = 0;
    globalThis.RegExp = new Proxy(original, {
      construct(target, args) {
        compiled++;
        return new target(...(args as [string, string]));
      },
    });
    try {
      for (let i = 0; i < 50; i++) expect(applyTransforms(`n${i}`, [t], ctx)).toBe(String(i));
    } finally {
      globalThis.RegExp = original;
    }
    expect(compiled).toBeLessThanOrEqual(2); // the pattern, and once to count its groups
  });
});

describe('split, join, default', () => {
  it('split gives trimmed non-empty parts, and flattens arrays', () => {
    expect(run(' a, b ,,c ', { split: ',' })).toEqual(['a', 'b', 'c']);
    expect(run(['a;b', 'c'], { split: ';' })).toEqual(['a', 'b', 'c']);
    expect(run(null, { split: ',' })).toBeNull();
  });

  it('join skips nulls and gives null for nothing', () => {
    expect(run(['a', null, 'b', 3], { join: ' / ' })).toBe('a / b / 3');
    expect(run([], { join: ',' })).toBeNull();
    expect(run('already text', { join: ',' })).toBe('already text');
  });

  it('default replaces null, empty text and empty arrays only', () => {
    expect(run(null, { default: 'n/a' })).toBe('n/a');
    expect(run('', { default: 0 })).toBe(0);
    expect(run([], { default: null })).toBeNull();
    expect(run('x', { default: 'n/a' })).toBe('x');
    expect(run(0, { default: 5 })).toBe(0);
  });

  it('transforms chain in order', () => {
    expect(run('Red | GREEN |', { split: '|' }, 'lowercase', { join: '+' }, 'uppercase')).toBe('RED+GREEN');
    expect(run('no price', 'price', { default: -1 })).toBe(-1);
  });
});
