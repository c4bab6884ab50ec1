import type { CatalogItem } from '../catalog.ts';
import { productJson, renderJsListingShell, renderScrollShell } from '../html/client-render.ts';
import { renderDetail } from '../html/detail.ts';
import { renderListing, type ListingLinks } from '../html/listing.ts';
import { HTML, numberAfter, queryNumber, send, sendAscii, sendJson, type Route, type SiteContext } from '../http.ts';
import { renderHome, renderInfo } from '../html/pages.ts';

/** How many products /scroll serves in all (its ground truth is the first SCROLL_TOTAL items). */
export const SCROLL_TOTAL = 100;

export const ROBOTS_TXT = 'User-agent: *\nDisallow: /private/\n';

/** Listing variants: the same items under different paths and link styles. */
export type ListingVariant = 'list' | 'private' | 'protected' | 'base';

const LINKS: Record<ListingVariant, ListingLinks> = {
  list: { list: (k) => `/list/${k}`, item: '/item/' },
  private: { list: (k) => `/private/list/${k}`, item: '/item/' },
  protected: { list: (k) => `/protected/list/${k}`, item: '/item/' },
  // Served at /base/list/N: every href is relative to <base href="/">, so resolving against the document URL gives 404s.
  base: { list: (k) => `base/list/${k}`, item: 'item/', head: '<base href="/">' },
};

function itemsOf(site: SiteContext, page: number): CatalogItem[] {
  const items: CatalogItem[] = [];
  const first = (page - 1) * site.itemsPerPage + 1;
  for (let id = first; id < first + site.itemsPerPage; id++) items.push(site.catalog.get(id) as CatalogItem);
  return items;
}

/** The listing page HTML (pure ASCII), or undefined when the page is out of range. */
export function listingHtml(site: SiteContext, page: number, variant: ListingVariant): string | undefined {
  if (page > site.pages) return undefined;
  return renderListing({
    page, pages: site.pages, itemsPerPage: site.itemsPerPage, totalItems: site.catalog.totalItems,
    items: itemsOf(site, page), links: LINKS[variant],
  });
}

function listingRoute(prefix: string, variant: ListingVariant): Route {
  return ({ res, path, site }) => {
    const page = numberAfter(path, prefix);
    if (page === undefined) return false;
    const html = listingHtml(site, page, variant);
    if (html === undefined) return false;
    sendAscii(res, 200, html);
    return true;
  };
}

const itemRoute: Route = ({ res, path, site }) => {
  const id = numberAfter(path, '/item/');
  const detail = id === undefined ? undefined : site.catalog.detail(id);
  if (!detail) return false;
  send(res, 200, renderDetail(detail, Math.ceil(detail.id / site.itemsPerPage)));
  return true;
};

const jsListRoute: Route = ({ res, path, site }) => {
  const page = numberAfter(path, '/js/list/');
  if (page === undefined || page > site.pages) return false;
  send(res, 200, renderJsListingShell(page));
  return true;
};

const apiListRoute: Route = ({ res, path, site }) => {
  const page = numberAfter(path, '/api/list/');
  if (page === undefined || page > site.pages) return false;
  sendJson(res, 200, {
    page, pages: site.pages, items: itemsOf(site, page).map(productJson),
    next: page < site.pages ? `/js/list/${page + 1}` : null,
  });
  return true;
};

const apiScrollRoute: Route = ({ res, path, query, site }) => {
  if (path !== '/api/scroll') return false;
  const total = Math.min(SCROLL_TOTAL, site.catalog.totalItems);
  const offset = Math.floor(queryNumber(query, 'offset', 0, 0, total));
  const limit = Math.floor(queryNumber(query, 'limit', 20, 1, 50));
  const items = [];
  for (let id = offset + 1; id <= Math.min(total, offset + limit); id++) items.push(productJson(site.catalog.get(id) as CatalogItem));
  sendJson(res, 200, { offset, limit, total, items, done: offset + items.length >= total });
  return true;
};

// A 1x1 transparent GIF, so browsers rendering the listings do not flood the log with 404s.
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///ywAAAAAAQABAAACAUwAOw==', 'base64');

const staticPaths: Route = ({ res, path, site }) => {
  if (path === '/') send(res, 200, renderHome(site.pages));
  else if (path === '/robots.txt') send(res, 200, ROBOTS_TXT, 'text/plain; charset=utf-8');
  else if (path === '/scroll') send(res, 200, renderScrollShell());
  else if (path.startsWith('/static/img/')) send(res, 200, PIXEL, 'image/gif', { 'cache-control': 'public, max-age=86400' });
  else if (path.startsWith('/info/') && /^[a-z0-9-]{1,80}$/.test(path.slice(6))) send(res, 200, renderInfo(path.slice(6)), HTML);
  else return false;
  return true;
};

export const catalogRoutes: Route[] = [
  listingRoute('/list/', 'list'),
  itemRoute,
  listingRoute('/private/list/', 'private'),
  listingRoute('/base/list/', 'base'),
  jsListRoute,
  apiListRoute,
  apiScrollRoute,
  staticPaths,
];
