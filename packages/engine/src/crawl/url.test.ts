import { describe, expect, it } from 'vitest';
import { domainKey, normalizeUrl, originOf, urlForms } from './url.ts';

describe('normalizeUrl', () => {
  it('lower-cases scheme and host, drops default ports and fragments, keeps path case', () => {
    expect(normalizeUrl('HTTP://Example.COM:80/Path/To?x=1#frag')).toBe('http://example.com/Path/To?x=1');
    expect(normalizeUrl('https://example.com:443/')).toBe('https://example.com/');
    expect(normalizeUrl('https://example.com:8443/a')).toBe('https://example.com:8443/a');
  });

  it('sorts query parameters by name, keeping the order of repeated names and their encoding', () => {
    expect(normalizeUrl('https://e.com/s?b=2&a=1&b=1&c=%20x')).toBe('https://e.com/s?a=1&b=2&b=1&c=%20x');
    expect(normalizeUrl('https://e.com/s?b=2&a=1')).toBe(normalizeUrl('https://e.com/s?a=1&b=2'));
    expect(normalizeUrl('https://e.com/s?')).toBe('https://e.com/s');
  });

  it('rejects what cannot be crawled', () => {
    expect(() => normalizeUrl('mailto:a@b.c')).toThrow(/Only http and https/);
    expect(() => normalizeUrl('/relative')).toThrow(/Not a valid absolute URL/);
  });

  it('fetches the URL as given (without fragment) but identifies it normalised', () => {
    expect(urlForms('https://E.com/s?b=2&a=1#x')).toEqual({ fetchable: 'https://e.com/s?b=2&a=1', normalized: 'https://e.com/s?a=1&b=2' });
  });
});

describe('domainKey and originOf', () => {
  it('key politeness by host and port, robots by origin', () => {
    expect(domainKey('http://127.0.0.1:8080/a?b#c')).toBe('127.0.0.1:8080');
    expect(domainKey('https://user:pw@Shop.Example.com/x')).toBe('shop.example.com');
    expect(originOf('https://shop.example.com/x/y')).toBe('https://shop.example.com');
    expect(originOf('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
  });
});
