import { InvalidInputError } from '@scrapifie/recipe';

/**
 * The URL as the crawler identifies it: scheme and host lower-cased, default port and fragment
 * dropped, query parameters sorted by name (values keep their order and their encoding), path case kept.
 * Throws InvalidInputError('INVALID_URL') for anything that is not an absolute http(s) URL.
 */
export function normalizeUrl(input: string): string {
  return urlForms(input).normalized;
}

/** Both forms of a URL from one parse: what to fetch (without fragment) and how it is identified (normalised). */
export function urlForms(input: string): { fetchable: string; normalized: string } {
  const u = parseHttpUrl(input);
  u.hash = '';
  const fetchable = u.href;
  const search = u.search;
  if (search.length > 1 && search.indexOf('&') !== -1) {
    const pairs = search.slice(1).split('&').filter((p) => p !== '');
    // Array.prototype.sort is stable: parameters with the same name keep their order.
    pairs.sort((a, b) => {
      const ka = paramName(a);
      const kb = paramName(b);
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
    u.search = pairs.length ? `?${pairs.join('&')}` : '';
  } else if (search.length <= 1 && fetchable.endsWith('?')) {
    u.search = '';
  } else {
    return { fetchable, normalized: fetchable };
  }
  return { fetchable, normalized: u.href };
}

function paramName(pair: string): string {
  const i = pair.indexOf('=');
  return i === -1 ? pair : pair.slice(0, i);
}

/** The URL to fetch: as given, without its fragment. */
export function fetchableUrl(input: string): string {
  const u = parseHttpUrl(input);
  u.hash = '';
  return u.href;
}

export function parseHttpUrl(input: string): URL {
  let u: URL;
  try {
    u = new URL(input);
  } catch {
    throw new InvalidInputError('INVALID_URL', `Not a valid absolute URL: "${input}"`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new InvalidInputError('INVALID_URL', `Only http and https URLs can be crawled, not "${u.protocol}" in "${input}"`);
  }
  return u;
}

/**
 * The politeness key of a URL: its host with a non-default port (so two servers on one machine are
 * two domains, as they are two origins). Rate limits, concurrency and breakers are per key.
 */
export function domainKey(url: string): string {
  return hostOf(url);
}

/** Fast host extraction from an absolute http(s) URL already produced by the URL parser. */
function hostOf(url: string): string {
  const start = url.indexOf('//') + 2;
  let end = start;
  while (end < url.length) {
    const c = url.charCodeAt(end);
    if (c === 47 /* / */ || c === 63 /* ? */ || c === 35 /* # */) break;
    end++;
  }
  const authority = url.slice(start, end);
  const at = authority.lastIndexOf('@');
  return (at === -1 ? authority : authority.slice(at + 1)).toLowerCase();
}

/** scheme://host[:port] of an absolute http(s) URL. */
export function originOf(url: string): string {
  const scheme = url.slice(0, url.indexOf(':')).toLowerCase();
  return `${scheme}://${hostOf(url)}`;
}
