import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeWhitespace, parseDate, parseNumber, parsePrice } from '../src/index.ts';

// Amounts as integer cents, so the expected value is exact: parseFloat("1299.99") === 129999 / 100.
const cents = fc.integer({ min: 0, max: 99_999_999_999 });
const signedCents = fc.integer({ min: -99_999_999_999, max: 99_999_999_999 });

/** How shops in a few locales print an amount (Intl with full ICU: the formats users scrape). */
const PRICE_FORMATS = [
  new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }),
  new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }),
  new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }),
  new Intl.NumberFormat('de-CH', { style: 'currency', currency: 'CHF' }),
  new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' }),
  new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' }),
];

describe('price round-trips', () => {
  it('an amount with cents, formatted by any of the locales, reads back exactly', () => {
    fc.assert(
      fc.property(cents, fc.constantFrom(...PRICE_FORMATS), (c, format) => {
        expect(parsePrice(format.format(c / 100))).toBe(c / 100);
      }),
    );
  });

  it('a whole amount printed without decimals reads back (grouping is not mistaken for decimals)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999 }), fc.constantFrom('en-US', 'de-DE', 'fr-FR', 'de-CH'), (n, locale) => {
        const text = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(n);
        expect(parsePrice(text)).toBe(n);
      }),
    );
  });
});

describe('number round-trips', () => {
  it('en-US grouping with "." decimals', () => {
    fc.assert(
      fc.property(signedCents, (c) => {
        const text = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2 }).format(c / 100);
        expect(parseNumber(text, '.')).toBe(c / 100);
      }),
    );
  });

  it('de-DE grouping with "," decimals', () => {
    fc.assert(
      fc.property(signedCents, (c) => {
        const text = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 2 }).format(c / 100);
        expect(parseNumber(text, ',')).toBe(c / 100);
      }),
    );
  });

  it('surrounding words do not change the number', () => {
    fc.assert(
      fc.property(cents, fc.stringMatching(/^[A-Za-z :]{0,12}$/), fc.stringMatching(/^[ A-Za-z]{0,12}$/), (c, before, after) => {
        const text = `${before}${(c / 100).toFixed(2)}${after.startsWith(' ') || after === '' ? after : ` ${after}`}`;
        expect(parseNumber(text)).toBe(c / 100);
      }),
    );
  });
});

describe('normalizeWhitespace', () => {
  const messy = fc.array(fc.constantFrom('a', 'b', ' ', '\u00a0', '\t', '\n', '\u2003', '\u3000', 'é'), { maxLength: 40 }).map((cs) => cs.join(''));

  it('is idempotent and leaves no doubled, leading or trailing space', () => {
    fc.assert(
      fc.property(messy, (s) => {
        const once = normalizeWhitespace(s);
        expect(normalizeWhitespace(once)).toBe(once);
        expect(once).not.toMatch(/^\s|\s$|\s\s|[^\S ]/);
      }),
    );
  });

  it('keeps every non-space character in order', () => {
    fc.assert(
      fc.property(messy, (s) => {
        expect(normalizeWhitespace(s).replaceAll(' ', '')).toBe(s.replace(/\s/g, ''));
      }),
    );
  });
});

describe('date round-trips', () => {
  const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  // Any valid calendar day from 1900 to 2099.
  const day = fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true });
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  const two = (n: number) => String(n).padStart(2, '0');

  it('every written form of a day reads back as that day', () => {
    fc.assert(
      fc.property(day, (d) => {
        const [y, m, dd] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
        const month = MONTHS[m - 1] as string;
        expect(parseDate(`${dd} ${month} ${y}`)).toBe(iso(d));
        expect(parseDate(`${month} ${dd}, ${y}`)).toBe(iso(d));
        expect(parseDate(`${month.slice(0, 3)} ${dd} ${y}`)).toBe(iso(d));
        expect(parseDate(`${y}/${two(m)}/${two(dd)}`)).toBe(iso(d));
        expect(parseDate(`${two(dd)}/${two(m)}/${y}`, 'dmy')).toBe(iso(d));
        expect(parseDate(`${two(m)}/${two(dd)}/${y}`, 'mdy')).toBe(iso(d));
      }),
    );
  });

  it('an HTTP/RFC 2822 date reads back as the same instant in UTC', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 86_399 }), (d, seconds) => {
        const t = new Date(d.getTime() + seconds * 1000);
        expect(parseDate(t.toUTCString())).toBe(t.toISOString().replace(/\.\d{3}Z$/, 'Z'));
      }),
    );
  });
});
