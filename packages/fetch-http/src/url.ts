import { InvalidInputError } from '@scrapifie/recipe';

/** Parses an absolute http(s) URL or throws InvalidInputError('INVALID_URL') naming the problem. */
export function parseHttpUrl(raw: string, context = 'URL'): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidInputError('INVALID_URL', `${context} "${raw}" is not a valid absolute URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidInputError('INVALID_URL', `${context} "${raw}" uses ${url.protocol.slice(0, -1)}; only http and https can be fetched`);
  }
  return url;
}

/** The URL without user:password, for messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/[^/@\s]*@/g, '//');
}
