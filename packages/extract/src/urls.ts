/** `raw` resolved against `base`, or null when it is not a URL. */
export function resolveUrl(raw: string, base: string): string | null {
  try {
    return new URL(raw.trim(), base).href;
  } catch {
    return null;
  }
}

/**
 * A link the crawler may request: an http(s) URL resolved against `base`, without its #fragment (the server never
 * sees it, and two fragments of one page are one page). Empty links, "#fragment"-only links and other schemes
 * (javascript:, mailto:, data:, ...) give null.
 */
export function toCrawlableUrl(raw: unknown, base: string): string | null {
  if (typeof raw !== 'string') return null;
  const link = raw.trim();
  if (link === '' || link.startsWith('#')) return null;
  let url: URL;
  try {
    url = new URL(link, base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  return url.href;
}
